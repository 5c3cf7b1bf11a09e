package io.optionchain.engine.desk;

import io.optionchain.engine.chain.PinnedSymbols;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;

import java.util.HashMap;
import java.util.Map;

/**
 * The desk's side of pinning: counts the positions holding each instrument, so a symbol is pinned when the first
 * position takes it and unpinned only when the last one ends, wherever the chain's window has gone meanwhile.
 */
final class HeldSymbols {
    private final PinnedSymbols pins;
    private final InstrumentRegistry registry;
    /** Positions holding each instrument id. Under this. */
    private final Map<Integer, Integer> holders = new HashMap<>();

    HeldSymbols(PinnedSymbols pins, InstrumentRegistry registry) {
        this.pins = pins;
        this.registry = registry;
    }

    synchronized void hold(LivePosition position) {
        for (LiveLeg leg : position.legs) {
            if (holders.merge(leg.instrumentId, 1, Integer::sum) == 1) {
                pins.pin(registry.byId(leg.instrumentId));
            }
        }
    }

    synchronized void release(LivePosition position) {
        for (LiveLeg leg : position.legs) {
            Integer held = holders.computeIfPresent(leg.instrumentId, (id, n) -> n == 1 ? null : n - 1);
            if (held == null) {
                pins.unpin(registry.byId(leg.instrumentId));
            }
        }
    }
}
