package io.optionchain.simulator.stream;

import io.optionchain.simulator.market.MarketSnapshot;
import io.optionchain.simulator.market.SimulatedSymbol;

import java.util.HashMap;
import java.util.Map;

/**
 * Each symbol's latest tick and the last one before it with an older exchange time ({@code ltt}), so an
 * out-of-order fault can send a tick the client has already seen superseded. Kept only while that fault
 * is on; publisher thread only.
 */
final class RecentTicks {
    private static final class History {
        final MarketSnapshot latest = new MarketSnapshot();
        final MarketSnapshot older = new MarketSnapshot();
        boolean hasOlder;
    }

    private final Map<SimulatedSymbol, History> bySymbol = new HashMap<>();

    void remember(MarketSnapshot tick) {
        History history = bySymbol.get(tick.symbol);
        if (history == null) {
            history = new History();
            bySymbol.put(tick.symbol, history);
        } else if (tick.lastTradeMillis > history.latest.lastTradeMillis) {
            history.older.copyFrom(history.latest);
            history.hasOlder = true;
        }
        history.latest.copyFrom(tick);
    }

    /** A remembered tick of the same symbol whose ltt is strictly before {@code tick}'s, or null if none. */
    MarketSnapshot olderThan(MarketSnapshot tick) {
        History history = bySymbol.get(tick.symbol);
        return history != null && history.hasOlder && history.older.lastTradeMillis < tick.lastTradeMillis
                ? history.older : null;
    }
}
