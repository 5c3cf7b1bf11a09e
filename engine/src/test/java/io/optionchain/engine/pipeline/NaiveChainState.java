package io.optionchain.engine.pipeline;

import io.optionchain.engine.state.TickOutcome;
import io.optionchain.engine.tick.TickEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stage 1's rules written the plain way: each instrument's quote a map of named values, each tick turned into the
 * same map of what it carries, the rules read off the map. No Chronicle Map, no flyweight, no arrays of levels.
 * What stage 1 stores, skips and records, this must say too.
 */
final class NaiveChainState {
    /** One instrument's quote, by field name ("ltp", "bid.2.quantity", …), and what stage 1 keeps beside it. */
    static final class Quote {
        final Map<String, Object> values = new LinkedHashMap<>();
        long exchangeTime;
        long serverTime;
        long ticks;
        long updated;
        /** Each applied tick as the history shows it: time, ltp, best bid and ask and their sizes, volume, oi. */
        final List<List<Object>> history = new ArrayList<>();
        /** The last applied ticks, newest last, each as what it carried and its times. */
        final List<List<Object>> applied = new ArrayList<>();
    }

    /** How many applied ticks of an instrument a copy is looked for among. */
    static final int KEPT = 16;

    private final Map<Integer, Quote> quotes = new HashMap<>();
    long outOfOrder;
    long duplicates;

    TickOutcome apply(TickEvent tick, long now) {
        Quote quote = quotes.computeIfAbsent(tick.instrumentId, id -> new Quote());
        Map<String, Object> carried = carried(tick);
        if (tick.exchangeTimeMillis != 0 && tick.exchangeTimeMillis < quote.exchangeTime) {
            outOfOrder++;
            return TickOutcome.OUT_OF_ORDER;
        }
        boolean nothingNew = carried.entrySet().stream()
                .allMatch(e -> Objects.equals(e.getValue(), quote.values.getOrDefault(e.getKey(), absent(e.getKey()))));
        List<Object> signature = List.of(tick.fields, tick.exchangeTimeMillis, tick.serverTimeMillis, carried);
        boolean copyOfStored = tick.serverTimeMillis == quote.serverTime && nothingNew;
        boolean copyOfApplied = tick.serverTimeMillis != 0 && quote.applied.contains(signature);
        if (tick.exchangeTimeMillis != 0 && tick.exchangeTimeMillis == quote.exchangeTime
                && (copyOfStored || copyOfApplied)) {
            duplicates++;
            return TickOutcome.DUPLICATE;
        }
        if (carried.containsKey("bid.levels")) {
            // a book replaces the whole book: levels it does not hold are empty
            quote.values.keySet().removeIf(key -> key.startsWith("bid.") || key.startsWith("ask."));
        }
        quote.values.putAll(carried);
        if (tick.has(TickEvent.LTP) && tick.exchangeTimeMillis != 0) {
            quote.exchangeTime = tick.exchangeTimeMillis;
        }
        quote.serverTime = tick.serverTimeMillis;
        quote.applied.add(signature);
        if (quote.applied.size() > KEPT) {
            quote.applied.remove(0);
        }
        quote.ticks++;
        quote.updated = now;
        quote.history.add(List.of(now, number(quote, "ltp"), number(quote, "bid.0.price"), number(quote, "ask.0.price"),
                whole(quote, "bid.0.quantity"), whole(quote, "ask.0.quantity"), whole(quote, "volume"),
                whole(quote, "oi")));
        return TickOutcome.APPLIED;
    }

    Quote quote(int instrumentId) {
        return quotes.get(instrumentId);
    }

    /** What the tick carries, named; a book names its level counts and every level it holds. */
    private static Map<String, Object> carried(TickEvent tick) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (tick.has(TickEvent.LTP)) {
            values.put("ltp", tick.ltp);
        }
        if (tick.has(TickEvent.OHLC)) {
            values.put("open", tick.open);
            values.put("high", tick.high);
            values.put("low", tick.low);
            values.put("close", tick.close);
        }
        if (tick.has(TickEvent.VOLUME)) {
            values.put("volume", tick.volume);
        }
        if (tick.has(TickEvent.OI)) {
            values.put("oi", tick.oi);
        }
        if (tick.has(TickEvent.LAST_QUANTITY)) {
            values.put("last_quantity", tick.lastQuantity);
        }
        if (tick.has(TickEvent.AVERAGE_PRICE)) {
            values.put("average_price", tick.averagePrice);
        }
        if (tick.has(TickEvent.TOTALS)) {
            values.put("total_buy", tick.totalBuyQuantity);
            values.put("total_sell", tick.totalSellQuantity);
        }
        if (tick.has(TickEvent.DEPTH)) {
            values.put("bid.levels", tick.bidLevels);
            values.put("ask.levels", tick.askLevels);
            for (int i = 0; i < tick.bidLevels; i++) {
                values.put("bid." + i + ".price", tick.bidPrice[i]);
                values.put("bid." + i + ".quantity", tick.bidQuantity[i]);
                values.put("bid." + i + ".orders", tick.bidOrders[i]);
            }
            for (int i = 0; i < tick.askLevels; i++) {
                values.put("ask." + i + ".price", tick.askPrice[i]);
                values.put("ask." + i + ".quantity", tick.askQuantity[i]);
                values.put("ask." + i + ".orders", tick.askOrders[i]);
            }
        }
        return values;
    }

    /** What a never-written field reads as in a fresh record: zero of its type. */
    private static Object absent(String key) {
        if (key.endsWith(".levels") || key.endsWith(".orders")) {
            return 0;
        }
        return key.equals("volume") || key.equals("oi") || key.endsWith("quantity") || key.startsWith("total_")
                ? (Object) 0L : (Object) 0.0;
    }

    private static double number(Quote quote, String key) {
        return (double) quote.values.getOrDefault(key, 0.0);
    }

    private static long whole(Quote quote, String key) {
        return (long) quote.values.getOrDefault(key, 0L);
    }
}
