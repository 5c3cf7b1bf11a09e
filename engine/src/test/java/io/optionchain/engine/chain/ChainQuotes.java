package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;

/** One quote straight into chain state, as stage 1 applies it: the chain tests' market. */
final class ChainQuotes {
    private ChainQuotes() {
    }

    /** LTP, volume and OI, and a one-level book when {@code bid} is above 0. */
    static void quote(ChainStore store, InstrumentRegistry registry, String symbol, double ltp, double bid,
                      double ask, long atMillis) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = registry.idOf(symbol);
        tick.fields = TickEvent.LTP | TickEvent.VOLUME | TickEvent.OI;
        tick.ltp = ltp;
        tick.volume = 1_000;
        tick.oi = 5_000;
        if (bid > 0) {
            tick.fields |= TickEvent.DEPTH;
            tick.bidLevels = 1;
            tick.bidPrice[0] = bid;
            tick.bidQuantity[0] = 75;
            tick.askLevels = 1;
            tick.askPrice[0] = ask;
            tick.askQuantity[0] = 150;
        }
        store.apply(tick, atMillis);
    }
}
