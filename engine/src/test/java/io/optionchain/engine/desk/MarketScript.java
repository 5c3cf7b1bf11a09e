package io.optionchain.engine.desk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random walk of option books with the feed's faults mixed in: LTP-only ticks, zero and empty sides,
 * duplicated ticks, ticks replayed out of order, stale server times, servers that send no time, and reconnect
 * gaps of several seconds with nothing at all. Prices stay on the 0.05 grid.
 */
final class MarketScript {
    private final Random random;
    private final List<String> symbols;
    private final Map<String, Long> mids = new HashMap<>();   // in ticks of 0.05
    private final Map<String, Long> lastExchange = new HashMap<>();
    private ScriptedTick last;
    private long now;

    MarketScript(Random random, List<String> symbols, long startMillis, long startMid) {
        this.random = random;
        this.symbols = symbols;
        this.now = startMillis;
        for (String symbol : symbols) {
            mids.put(symbol, startMid + random.nextInt(40) - 20);
        }
    }

    long now() {
        return now;
    }

    /** Moves every mid by up to {@code ticks} steps of 0.05, at random. */
    void drift(int ticks) {
        mids.replaceAll((symbol, mid) -> Math.max(20, mid + random.nextInt(2 * ticks + 1) - ticks));
    }

    List<ScriptedTick> next(int count) {
        List<ScriptedTick> ticks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ticks.add(next());
        }
        return ticks;
    }

    ScriptedTick next() {
        double roll = random.nextDouble();
        if (roll < 0.02) {
            now += 2_000 + random.nextInt(6_000);               // a reconnect: seconds of nothing
        } else {
            now += random.nextInt(400);
        }
        if (last != null && roll >= 0.02 && roll < 0.07) {
            return last = new ScriptedTick(now, last.symbol(), last.depth(), last.ltp(), last.bid(), last.ask(),
                    last.zeroPriced(), last.exchangeMillis(), last.serverMillis());   // the same tick again
        }
        String symbol = symbols.get(random.nextInt(symbols.size()));
        long mid = mids.compute(symbol, (s, m) -> Math.max(20, m + random.nextInt(31) - 15));
        long spread = 1 + random.nextInt(6);
        double bid = mid * 0.05;
        double ask = (mid + spread) * 0.05;
        bid = Math.round(bid * 100) / 100.0;
        ask = Math.round(ask * 100) / 100.0;
        double ltp = Math.round((mid + random.nextInt((int) spread + 1)) * 5) / 100.0;
        long exchange = now;
        long server = now;
        boolean depth = true;
        boolean zeroPriced = false;
        double kind = random.nextDouble();
        if (kind < 0.08) {
            depth = false;                                       // LTP only
        } else if (kind < 0.13) {
            zeroPriced = random.nextBoolean();                   // a side missing or priced 0
            if (random.nextBoolean()) {
                bid = 0;
            } else {
                ask = 0;
            }
        } else if (kind < 0.18) {
            exchange = lastExchange.getOrDefault(symbol, now) - 1 - random.nextInt(2_000);   // replayed late
        } else if (kind < 0.22) {
            server = now - 3_500 - random.nextInt(3_000);        // sent long ago
        } else if (kind < 0.25) {
            server = 0;                                          // no server time at all
        }
        if (exchange >= lastExchange.getOrDefault(symbol, 0L)) {
            lastExchange.put(symbol, exchange);
        }
        return last = new ScriptedTick(now, symbol, depth, ltp, bid, ask, zeroPriced, exchange, server);
    }

    /** A fresh two-sided tick far below every long's stop and far above every short's: everything fires. */
    List<ScriptedTick> crash() {
        List<ScriptedTick> ticks = new ArrayList<>();
        for (String symbol : symbols) {
            now += 10;
            ticks.add(new ScriptedTick(now, symbol, true, 1.0, 0.50, 999.0, false, now, now));
        }
        return ticks;
    }
}
