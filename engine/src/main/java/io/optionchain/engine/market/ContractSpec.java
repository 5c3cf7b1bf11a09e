package io.optionchain.engine.market;

/**
 * What the exchange says about trading one chain's options: the lot, the price step and the most units one order
 * may hold. Read from the server when the chain opens ({@code ports.ReferenceData#contract}), each field the server
 * does not give usably taken from the underlying's configured fallback ({@link Underlying}), and held for the day
 * by {@link ContractSpecs}.
 *
 * @param lotSize        units in one lot: a position, an order and an estimate are whole numbers of lots
 * @param tickSize       price step in rupees: exit limits and suggested prices are whole numbers of it
 * @param freezeQuantity most units in one order of these options (the exchange's quantity freeze limit); an exit
 *                       above it is sent in slices of whole lots. 0 when not known: exits are then sent whole
 * @param source         where the three came from
 */
public record ContractSpec(int lotSize, double tickSize, int freezeQuantity, ContractSource source) {
    /** Widest price step taken as real; the same bound {@code risk} settings once put on theirs. */
    public static final double MAX_TICK_SIZE = 100;

    public ContractSpec {
        if (lotSize <= 0) {
            throw new IllegalArgumentException("lot_size must be positive, got " + lotSize);
        }
        if (!(tickSize > 0 && tickSize <= MAX_TICK_SIZE)) {
            throw new IllegalArgumentException("tick_size must be above 0 and at most " + MAX_TICK_SIZE + ", got "
                    + tickSize);
        }
        if (freezeQuantity < 0 || freezeQuantity > 0 && freezeQuantity < lotSize) {
            throw new IllegalArgumentException("freeze_quantity must be at least the lot size " + lotSize
                    + " (or 0, not known), got " + freezeQuantity);
        }
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
    }

    /** The underlying's configured values alone. */
    public static ContractSpec fallback(Underlying underlying) {
        return new ContractSpec(underlying.lotSize(), underlying.tickSize(), underlying.freezeQuantity(),
                ContractSource.FALLBACK);
    }

    /**
     * The server's values where it gave them (null where it did not, or gave nothing usable), the rest from the
     * underlying's configured fallback. A fallback freeze quantity below the server's lot cannot be right for it,
     * and is taken as not known (exits sent whole) rather than as a slice smaller than one lot.
     */
    public static ContractSpec merged(Integer lotSize, Double tickSize, Integer freezeQuantity, Underlying fallback) {
        int lot = lotSize != null ? lotSize : fallback.lotSize();
        double tick = tickSize != null ? tickSize : fallback.tickSize();
        int freeze = freezeQuantity != null ? freezeQuantity : fallback.freezeQuantity();
        if (freeze > 0 && freeze < lot) {
            freeze = 0;
        }
        int fromServer = (lotSize != null ? 1 : 0) + (tickSize != null ? 1 : 0) + (freezeQuantity != null ? 1 : 0);
        ContractSource source = fromServer == 3 ? ContractSource.SERVER
                : fromServer == 0 ? ContractSource.FALLBACK : ContractSource.PARTIAL;
        return new ContractSpec(lot, tick, freeze, source);
    }

    /**
     * The largest exit order for a leg of {@code quantity} in lots of {@code legLot}: the most whole lots within the
     * freeze quantity, or the whole quantity when there is none or it is not above it.
     */
    public long sliceQuantity(long quantity, int legLot) {
        if (freezeQuantity <= 0 || quantity <= freezeQuantity) {
            return quantity;
        }
        int lot = Math.max(1, legLot);
        return Math.max(1, freezeQuantity / lot) * (long) lot;
    }
}
