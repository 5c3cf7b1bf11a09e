package io.optionchain.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.ports.BrokerOrderState;
import io.optionchain.engine.ports.BrokerPosition;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * OpenAlgo's order rows as {@link OpenAlgoOrderClient} reads them, liberally: numbers as numbers or text, sides and
 * statuses in any case. Brokers fill these rows their own way, and a status read must not fail on a field the desk
 * does not need.
 */
final class OrderRows {
    private static final ZoneId EXCHANGE_ZONE = ZoneId.of("Asia/Kolkata");
    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("dd-MMM-yyyy HH:mm:ss")
                    .toFormatter(Locale.ENGLISH),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    private OrderRows() {
    }

    /** A row of orderstatus or orderbook; an unknown side is null, absent numbers 0. */
    static BrokerOrder order(JsonNode row) {
        String action = text(row, "action");
        OrderAction side = null;
        if (action != null) {
            String upper = action.toUpperCase(Locale.ROOT);
            side = upper.equals("BUY") || upper.equals("B") ? OrderAction.BUY
                    : upper.equals("SELL") || upper.equals("S") ? OrderAction.SELL : null;
        }
        return new BrokerOrder(text(row, "orderid"), text(row, "symbol"), text(row, "exchange"), side,
                (long) number(row, "quantity"), number(row, "price"), orEmpty(text(row, "pricetype")),
                orEmpty(text(row, "product")), BrokerOrderState.parse(text(row, "order_status")),
                number(row, "average_price"), text(row, "strategy"), placedMillis(row));
    }

    /**
     * A row of positionbook, or null when it does not say whole what is held: a symbol, exchange and product, and
     * a whole quantity (a number or text; {@code "75.0"} is 75). Prices and P&amp;L are read liberally, 0 when absent.
     */
    static BrokerPosition position(JsonNode row) {
        String symbol = text(row, "symbol");
        String exchange = text(row, "exchange");
        String product = text(row, "product");
        Long quantity = wholeNumber(row.path("quantity"));
        if (!row.isObject() || symbol == null || exchange == null || product == null || quantity == null) {
            return null;
        }
        return new BrokerPosition(symbol, exchange, product, quantity, number(row, "average_price"),
                number(row, "ltp"), number(row, "pnl"));
    }

    /** A whole number given as a number or as text; null when it is anything else. */
    private static Long wholeNumber(JsonNode value) {
        try {
            BigDecimal exact = value.isNumber() ? value.decimalValue()
                    : value.isTextual() ? new BigDecimal(value.asText().trim()) : null;
            return exact == null ? null : exact.stripTrailingZeros().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * The row's {@code timestamp} as epoch ms: brokers write it their own way in exchange time
     * ({@code 28-Aug-2025 09:59:10}, {@code 2025-08-28 09:59:10}, ISO-8601 with or without an offset) or as
     * epoch seconds or ms. 0 when absent or unreadable: the desk then never adopts the order by look-up.
     */
    static long placedMillis(JsonNode row) {
        JsonNode value = row.path("timestamp");
        if (value.isNumber()) {
            long number = value.longValue();
            return number > 100_000_000_000L ? number : number * 1_000;
        }
        String text = text(row, "timestamp");
        if (text == null) {
            return 0;
        }
        for (DateTimeFormatter format : LOCAL_FORMATS) {
            try {
                return LocalDateTime.parse(text, format).atZone(EXCHANGE_ZONE).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // try the next way of writing it
            }
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** A field as trimmed text; null when absent, null or blank. */
    static String text(JsonNode object, String field) {
        JsonNode value = object.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** A number sent as a number or as text; 0 when absent, blank or unreadable (a status must not fail on it). */
    private static double number(JsonNode object, String field) {
        JsonNode value = object.path(field);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
