package io.optionchain.gateway.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.tick.TickEvent;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The naive twin of {@link FrameDecoder}: the same rules written the obvious way over a databind tree,
 * allocating freely. Only for the differential test; it handles the well-formed frames the generator
 * makes, not every malformed shape.
 */
final class TreeFrameDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InstrumentRegistry registry;

    TreeFrameDecoder(InstrumentRegistry registry) {
        this.registry = registry;
    }

    FrameKind decode(String frame, long arrivalNanos, TickEvent tick) throws Exception {
        tick.clear();
        JsonNode root = JSON.readTree(frame);
        if (!"market_data".equalsIgnoreCase(root.path("type").asText(null))) {
            return FrameKind.CONTROL;
        }
        JsonNode data = root.path("data");
        apply(root, tick);
        if (data.isObject()) {
            apply(data, tick);
        }
        String symbol = data.path("symbol").isTextual() ? data.path("symbol").asText()
                : root.path("symbol").isTextual() ? root.path("symbol").asText() : null;
        if (symbol == null) {
            return FrameKind.MALFORMED;
        }
        int id = registry.idOf(symbol);
        if (id == InstrumentRegistry.NOT_FOUND) {
            return FrameKind.UNKNOWN_SYMBOL;
        }
        boolean ohlc = has(root, data, "open") && has(root, data, "high") && has(root, data, "low")
                && (has(root, data, "close") || has(root, data, "prev_close"));
        if (ohlc) {
            tick.fields |= TickEvent.OHLC;
        }
        if ((has(root, data, "total_buy_quantity") || has(root, data, "totalbuyqty"))
                && (has(root, data, "total_sell_quantity") || has(root, data, "totalsellqty"))) {
            tick.fields |= TickEvent.TOTALS;
        }
        if (tick.bidLevels + tick.askLevels > 0) {
            tick.fields |= TickEvent.DEPTH;
        }
        if (tick.fields == 0) {
            return FrameKind.MALFORMED;
        }
        tick.instrumentId = id;
        int declared = mode(data.path("mode"));
        if (declared == 0) {
            declared = mode(root.path("mode"));
        }
        int implied = tick.has(TickEvent.DEPTH) ? 3
                : (tick.fields & ~TickEvent.LTP) != 0 ? 2 : 1;
        tick.mode = Math.max(declared, implied);
        tick.arrivalNanos = arrivalNanos;
        return FrameKind.TICK;
    }

    private static void apply(JsonNode object, TickEvent tick) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            double v = number(value);
            boolean present = !Double.isNaN(v);
            switch (field.getKey()) {
                case "ltp" -> {
                    if (present) {
                        tick.ltp = v;
                        tick.fields |= TickEvent.LTP;
                    }
                }
                case "open" -> tick.open = present ? v : 0;
                case "high" -> tick.high = present ? v : 0;
                case "low" -> tick.low = present ? v : 0;
                case "close", "prev_close" -> tick.close = present ? v : 0;
                case "volume" -> tick.volume = quantity(v, TickEvent.VOLUME, tick);
                case "oi" -> tick.oi = quantity(v, TickEvent.OI, tick);
                case "last_trade_quantity", "last_quantity", "ltq" ->
                        tick.lastQuantity = quantity(v, TickEvent.LAST_QUANTITY, tick);
                case "average_price" -> {
                    if (present) {
                        tick.averagePrice = v;
                        tick.fields |= TickEvent.AVERAGE_PRICE;
                    }
                }
                case "total_buy_quantity", "totalbuyqty" -> tick.totalBuyQuantity = present ? (long) v : 0;
                case "total_sell_quantity", "totalsellqty" -> tick.totalSellQuantity = present ? (long) v : 0;
                case "ltt" -> tick.exchangeTimeMillis = WireValues.epochMillis(v);
                case "timestamp" -> tick.serverTimeMillis = WireValues.epochMillis(v);
                case "depth" -> {
                    if (value.isObject()) {
                        if (value.has("buy") || value.has("bids")) {
                            tick.bidLevels = levels(value.has("buy") ? value.get("buy") : value.get("bids"),
                                    tick.bidPrice, tick.bidQuantity, tick.bidOrders);
                        }
                        if (value.has("sell") || value.has("asks")) {
                            tick.askLevels = levels(value.has("sell") ? value.get("sell") : value.get("asks"),
                                    tick.askPrice, tick.askQuantity, tick.askOrders);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private static boolean has(JsonNode root, JsonNode data, String field) {
        return !Double.isNaN(number(root.path(field))) || !Double.isNaN(number(data.path(field)));
    }

    private static long quantity(double v, int bit, TickEvent tick) {
        if (Double.isNaN(v)) {
            return 0;
        }
        tick.fields |= bit;
        return (long) v;
    }

    private static int levels(JsonNode side, double[] prices, long[] quantities, int[] orders) {
        int count = 0;
        if (!side.isArray()) {
            return 0;
        }
        for (JsonNode level : side) {
            if (!level.isObject() || count >= TickEvent.DEPTH_LEVELS) {
                continue;
            }
            double price = number(level.path("price"));
            if (price > 0) {
                double quantity = number(level.has("quantity") ? level.path("quantity") : level.path("qty"));
                double orderCount = number(level.path("orders"));
                prices[count] = price;
                quantities[count] = Double.isNaN(quantity) ? 0 : (long) quantity;
                orders[count] = Double.isNaN(orderCount) ? 0 : (int) orderCount;
                count++;
            }
        }
        return count;
    }

    private static int mode(JsonNode mode) {
        if (mode.isIntegralNumber()) {
            int m = mode.asInt();
            return m >= 1 && m <= 3 ? m : 0;
        }
        return switch (mode.asText("").toLowerCase(Locale.ROOT)) {
            case "1", "ltp" -> 1;
            case "2", "quote" -> 2;
            case "3", "depth" -> 3;
            default -> 0;
        };
    }

    private static double number(JsonNode value) {
        double v;
        if (value.isNumber()) {
            v = value.doubleValue();
        } else if (value.isTextual() && !value.asText().isBlank()
                && value.asText().trim().matches("[0-9.eE+-]+")) {
            try {
                v = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        } else {
            return Double.NaN;
        }
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
