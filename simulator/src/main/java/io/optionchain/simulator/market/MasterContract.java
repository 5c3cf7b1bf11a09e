package io.optionchain.simulator.market;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the simulated master contract says about each index's options: lot size, tick size and freeze quantity,
 * as the {@code symbol} endpoint serves them and the order desk enforces them. Starts at the exchange's current
 * values ({@link SimulatedIndex}) and may be changed while running, as an exchange revision changes them between
 * two days. The model's own books keep quoting in the index's starting lot and on the 5-paise grid. Thread-safe.
 */
public final class MasterContract {
    /**
     * @param lotSize   units in one lot; an order's quantity must be a whole number of them
     * @param tickPaise price step in paise; an order's price must be a whole number of them
     * @param freezeQty most units one order may hold; the broker's RMS rejects more
     */
    public record Terms(int lotSize, long tickPaise, int freezeQty) {
        public Terms {
            if (lotSize <= 0 || tickPaise <= 0 || freezeQty < lotSize) {
                throw new IllegalArgumentException("lot size and tick must be positive and the freeze quantity at"
                        + " least a lot, got lot " + lotSize + ", tick " + tickPaise + " paise, freeze " + freezeQty);
            }
        }
    }

    private final Map<SimulatedIndex, Terms> terms = new EnumMap<>(SimulatedIndex.class);

    public MasterContract() {
        for (SimulatedIndex index : SimulatedIndex.values()) {
            terms.put(index, new Terms(index.lotSize, Paise.TICK, index.freezeQty));
        }
    }

    public synchronized Terms of(SimulatedIndex index) {
        return terms.get(index);
    }

    public synchronized void set(SimulatedIndex index, Terms changed) {
        terms.put(index, changed);
    }
}
