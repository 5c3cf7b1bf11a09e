package io.optionchain.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body checks OpenAlgo's Marshmallow schemas make ({@code restx_api/data_schemas.py}), with their
 * wording: string fields, required or not, optionally one of a list; optional whole numbers within a range;
 * and unknown keys refused (Marshmallow's RAISE). Every failure is collected, then thrown as one 400.
 */
public final class RequestSchema {
    public static final List<String> EXCHANGES = List.of("NSE", "NFO", "CDS", "BSE", "BFO", "BCD", "MCX", "NCDEX",
            "NCO", "NSE_INDEX", "BSE_INDEX", "MCX_INDEX", "GLOBAL_INDEX", "CRYPTO");
    static final List<String> DERIVATIVE_EXCHANGES = List.of("NFO", "BFO", "MCX", "CDS", "NCO", "BCD", "NCDEX",
            "CRYPTO");

    /** A string field ({@code oneOf} empty means any string), or a whole number when {@code range} is set. */
    record Field(String name, boolean required, List<String> oneOf, Range range) {
        static Field required(String name) {
            return new Field(name, true, List.of(), null);
        }

        static Field oneOf(String name, List<String> values) {
            return new Field(name, true, values, null);
        }

        /** Marshmallow's {@code fields.Int(required=False, validate=Range(min, max))}. */
        static Field optionalInteger(String name, int min, int max) {
            return new Field(name, false, List.of(), new Range(min, max));
        }
    }

    /** Inclusive bounds of a whole-number field. */
    record Range(int min, int max) {
    }

    /**
     * The API key is checked for form here but not required: a request without one is answered 403
     * "Invalid openalgo apikey" like a wrong key, rather than Marshmallow's 400.
     */
    private static final Field API_KEY = new Field("apikey", false, List.of(), null);
    private static final int MAX_KEY_LENGTH = 256;

    private final Map<String, Field> fields = new LinkedHashMap<>();

    RequestSchema(Field... fields) {
        this.fields.put(API_KEY.name(), API_KEY);
        for (Field field : fields) {
            this.fields.put(field.name(), field);
        }
    }

    /** @throws RestError 400 naming every offending field */
    void validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new RestError(400, Map.of("_schema", List.of("Invalid input type.")));
        }
        Map<String, List<String>> errors = new TreeMap<>();
        for (Field field : fields.values()) {
            String problem = problem(field, body.get(field.name()));
            if (problem != null) {
                errors.put(field.name(), List.of(problem));
            }
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.containsKey(name)) {
                errors.put(name, List.of("Unknown field."));
            }
        }
        if (!errors.isEmpty()) {
            throw new RestError(400, errors);
        }
    }

    private static String problem(Field field, JsonNode value) {
        if (value == null) {
            return field.required() ? "Missing data for required field." : null;
        }
        if (value.isNull()) {
            return "Field may not be null.";
        }
        if (field.range() != null) {
            return integerProblem(field.range(), value);
        }
        if (!value.isTextual()) {
            return "Not a valid string.";
        }
        if (field == API_KEY && (value.textValue().isEmpty() || value.textValue().length() > MAX_KEY_LENGTH)) {
            return "Length must be between 1 and " + MAX_KEY_LENGTH + ".";
        }
        if (!field.oneOf().isEmpty() && !field.oneOf().contains(value.textValue())) {
            return "Must be one of: " + String.join(", ", field.oneOf()) + ".";
        }
        return null;
    }

    /**
     * A whole-number field's value: Marshmallow's non-strict Int takes {@code 2026}, {@code 2026.0} and
     * {@code "2026"} alike, and refuses {@code true} (a Python int) by name.
     */
    static long integer(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) < Long.MAX_VALUE) {
            return (long) value.doubleValue();
        }
        if (value.isTextual()) {
            return Long.parseLong(value.textValue().strip());
        }
        throw new NumberFormatException("not a whole number: " + value);
    }

    private static String integerProblem(Range range, JsonNode value) {
        long number;
        try {
            number = integer(value);
        } catch (NumberFormatException e) {
            return "Not a valid integer.";
        }
        if (number < range.min() || number > range.max()) {
            return "Must be greater than or equal to " + range.min() + " and less than or equal to " + range.max()
                    + ".";
        }
        return null;
    }
}
