package io.optionchain.engine.stops;

import java.util.Arrays;

/**
 * Legs of watched positions by instrument id, for the ring: one array load and one bounds check per tick,
 * no map, no boxing, no allocation. Changed rarely (a position opens or ends) by copying on write and
 * publishing the new table through a volatile field, so the ring never sees a half-built row and sees a
 * position's fields as they were built.
 */
public final class PositionIndex {
    private static final LiveLeg[] NONE = new LiveLeg[0];

    private volatile LiveLeg[][] byInstrument;

    public PositionIndex(int instrumentCapacity) {
        byInstrument = new LiveLeg[instrumentCapacity][];
    }

    /** Legs on {@code instrumentId}; an empty array for none. */
    LiveLeg[] legsOf(int instrumentId) {
        LiveLeg[][] table = byInstrument;
        if (instrumentId < 0 || instrumentId >= table.length) {
            return NONE;
        }
        LiveLeg[] legs = table[instrumentId];
        return legs == null ? NONE : legs;
    }

    public synchronized void add(LivePosition position) {
        LiveLeg[][] table = byInstrument.clone();
        for (LiveLeg leg : position.legs) {
            LiveLeg[] current = table[leg.instrumentId] == null ? NONE : table[leg.instrumentId];
            LiveLeg[] grown = Arrays.copyOf(current, current.length + 1);
            grown[current.length] = leg;
            table[leg.instrumentId] = grown;
        }
        byInstrument = table;
    }

    public synchronized void remove(LivePosition position) {
        LiveLeg[][] table = byInstrument.clone();
        for (LiveLeg leg : position.legs) {
            LiveLeg[] current = table[leg.instrumentId];
            if (current == null) {
                continue;
            }
            LiveLeg[] kept = Arrays.stream(current).filter(l -> l.position != position).toArray(LiveLeg[]::new);
            table[leg.instrumentId] = kept.length == 0 ? null : kept;
        }
        byInstrument = table;
    }

    int capacity() {
        return byInstrument.length;
    }
}
