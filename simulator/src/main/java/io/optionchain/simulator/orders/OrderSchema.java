package io.optionchain.simulator.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.rest.RequestSchema;
import io.optionchain.simulator.rest.RestError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body checks of OpenAlgo's order schemas ({@code restx_api/schemas.py} OrderSchema, ModifyOrderSchema,
 * CancelOrderSchema; {@code account_schema.py} OrderStatusSchema, OrderbookSchema): Marshmallow fields
 * of type Str, Float and Int, defaults for missing ones, OneOf and Range checks with OpenAlgo's messages,
 * unknown keys refused. Numbers may arrive as JSON numbers or as strings ({@code "quantity":"75"}), as
 * Marshmallow accepts both. Unlike the market-data endpoints, the order endpoints send the errors as
 * Python's {@code str()} of the error dict, so the 400 message is a string:
 * {@code "{'quantity': ['Quantity must be a positive number.']}"}.
 */
final class OrderSchema {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final List<String> ACTIONS = List.of("BUY", "SELL", "buy", "sell");
    private static final List<String> PRICE_TYPES = List.of("MARKET", "LIMIT", "SL", "SL-M");
    private static final List<String> PRODUCTS = List.of("MIS", "NRML", "CNC");

    private enum Kind { STRING, FLOAT, INT }

    /**
     * @param missing value used when the key is absent; null with {@code required} false leaves it out
     * @param min     lowest value allowed (numbers); {@code minInclusive} says whether it is itself allowed
     */
    private record Field(String name, Kind kind, boolean required, Object missing, List<String> oneOf,
                         boolean nullable, double min, boolean minInclusive, String rangeMessage) {
    }

    static final OrderSchema PLACE = new OrderSchema(true)
            .string("strategy").oneOf("exchange", RequestSchema.EXCHANGES).string("symbol").oneOf("action", ACTIONS)
            .number("quantity", true, null, 0, false, "Quantity must be a positive number.")
            .oneOf("pricetype", PRICE_TYPES, "MARKET").oneOf("product", PRODUCTS, "MIS")
            .number("price", false, 0.0, 0, true, "Price must be a non-negative number.")
            .number("trigger_price", false, 0.0, 0, true, "Trigger price must be a non-negative number.")
            .integer("disclosed_quantity", false, 0L, "Disclosed quantity must be a non-negative integer.")
            .nullableNumber("underlying_ltp");
    static final OrderSchema MODIFY = new OrderSchema(true)
            .string("strategy").oneOf("exchange", RequestSchema.EXCHANGES).string("symbol").string("orderid")
            .oneOf("action", ACTIONS).oneOf("product", PRODUCTS).oneOf("pricetype", PRICE_TYPES)
            .number("price", true, null, 0, true, "Price must be a non-negative number.")
            .number("quantity", true, null, 0, false, "Quantity must be a positive number.")
            .integer("disclosed_quantity", true, null, "Disclosed quantity must be a non-negative integer.")
            .number("trigger_price", true, null, 0, true, "Trigger price must be a non-negative number.");
    static final OrderSchema CANCEL = new OrderSchema(true).string("strategy").string("orderid");
    static final OrderSchema STATUS = new OrderSchema(false).string("strategy").string("orderid");
    static final OrderSchema ORDERBOOK = new OrderSchema(false);
    /** {@code account_schema.py} PositionbookSchema: the key alone, like the order book's. */
    static final OrderSchema POSITIONBOOK = new OrderSchema(false);

    private static final int MAX_KEY_LENGTH = 256;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final boolean keyLengthChecked;

    /** @param keyLengthChecked whether apikey carries Length(1, 256), as the schemas.py ones do */
    private OrderSchema(boolean keyLengthChecked) {
        this.keyLengthChecked = keyLengthChecked;
        add(new Field("apikey", Kind.STRING, true, null, List.of(), false, 0, true, null));
    }

    /**
     * The body's values by field name (String, Double or Long), defaults filled in.
     *
     * @throws RestError 400 with every offending field, in the schema's order, then the unknown keys
     */
    Map<String, Object> load(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new RestError(400, pythonRepr(Map.of("_schema", List.of("Invalid input type."))));
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : fields.values()) {
            JsonNode value = body.get(field.name());
            try {
                Object parsed = value == null ? absent(field) : parse(field, value);
                if (parsed != null) {
                    values.put(field.name(), parsed);
                }
            } catch (IllegalArgumentException e) {
                errors.put(field.name(), List.of(e.getMessage()));
            }
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.containsKey(name)) {
                errors.put(name, List.of("Unknown field."));
            }
        }
        if (errors.isEmpty() && values.get("quantity") instanceof Double quantity && quantity != Math.rint(quantity)) {
            // schemas.py post_load: whole units only outside crypto, which the simulator does not list.
            errors.put("quantity", List.of("Fractional quantity (" + quantity
                    + ") is not allowed for non-crypto exchanges."));
        }
        if (!errors.isEmpty()) {
            throw new RestError(400, pythonRepr(errors));
        }
        return values;
    }

    private static Object absent(Field field) {
        if (field.required()) {
            throw new IllegalArgumentException("Missing data for required field.");
        }
        return field.missing();
    }

    private Object parse(Field field, JsonNode value) {
        if (value.isNull()) {
            if (field.nullable()) {
                return null;
            }
            throw new IllegalArgumentException("Field may not be null.");
        }
        return switch (field.kind()) {
            case STRING -> text(field, value);
            case FLOAT -> inRange(field, decimal(value));
            case INT -> inRange(field, whole(value));
        };
    }

    private String text(Field field, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("Not a valid string.");
        }
        String text = value.textValue();
        if (field.name().equals("apikey") && keyLengthChecked && (text.isEmpty() || text.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("Length must be between 1 and " + MAX_KEY_LENGTH + ".");
        }
        if (!field.oneOf().isEmpty() && !field.oneOf().contains(text)) {
            throw new IllegalArgumentException("Must be one of: " + String.join(", ", field.oneOf()) + ".");
        }
        return text;
    }

    /** Python's float(): a JSON number or a decimal string; never a boolean, NaN or infinity. */
    private static double decimal(JsonNode value) {
        double number;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isTextual()) {
            String text = value.textValue().strip();
            String lower = text.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
                throw new IllegalArgumentException("Special numeric values (nan or infinity) are not permitted.");
            }
            if (!DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("Not a valid number.");
            }
            number = Double.parseDouble(text);
        } else {
            throw new IllegalArgumentException("Not a valid number.");
        }
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("Special numeric values (nan or infinity) are not permitted.");
        }
        return number;
    }

    private static long whole(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) < 1e15) {
            return (long) value.doubleValue();
        }
        if (value.isTextual() && WHOLE.matcher(value.textValue().strip()).matches()
                && value.textValue().strip().length() < 16) {
            return Long.parseLong(value.textValue().strip());
        }
        throw new IllegalArgumentException("Not a valid integer.");
    }

    private static <T extends Number> T inRange(Field field, T number) {
        double n = number.doubleValue();
        if (field.rangeMessage() != null && (field.minInclusive() ? n < field.min() : n <= field.min())) {
            throw new IllegalArgumentException(field.rangeMessage());
        }
        return number;
    }

    /** Python's {@code str()} of a dict of lists of strings, which is what OpenAlgo puts in the message. */
    static String pythonRepr(Map<String, List<String>> errors) {
        List<String> entries = new ArrayList<>();
        errors.forEach((name, messages) -> {
            List<String> quoted = new ArrayList<>();
            messages.forEach(message -> quoted.add(quote(message)));
            entries.add(quote(name) + ": [" + String.join(", ", quoted) + "]");
        });
        return "{" + String.join(", ", entries) + "}";
    }

    private static String quote(String text) {
        if (text.contains("'") && !text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private OrderSchema add(Field field) {
        fields.put(field.name(), field);
        return this;
    }

    private OrderSchema string(String name) {
        return add(new Field(name, Kind.STRING, true, null, List.of(), false, 0, true, null));
    }

    private OrderSchema oneOf(String name, List<String> values) {
        return add(new Field(name, Kind.STRING, true, null, values, false, 0, true, null));
    }

    private OrderSchema oneOf(String name, List<String> values, String missing) {
        return add(new Field(name, Kind.STRING, false, missing, values, false, 0, true, null));
    }

    private OrderSchema number(String name, boolean required, Double missing, double min, boolean minInclusive,
                               String message) {
        return add(new Field(name, Kind.FLOAT, required, missing, List.of(), false, min, minInclusive, message));
    }

    private OrderSchema integer(String name, boolean required, Long missing, String message) {
        return add(new Field(name, Kind.INT, required, missing, List.of(), false, 0, true, message));
    }

    private OrderSchema nullableNumber(String name) {
        return add(new Field(name, Kind.FLOAT, false, null, List.of(), true, 0, true, null));
    }
}
