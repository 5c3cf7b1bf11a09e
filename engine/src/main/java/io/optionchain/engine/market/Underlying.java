package io.optionchain.engine.market;

import java.math.BigDecimal;

/**
 * An index whose option chain the engine keeps.
 *
 * @param name            index symbol and option base, e.g. NIFTY
 * @param indexExchange   where the index is quoted, e.g. NSE_INDEX
 * @param optionExchange  where its options trade, e.g. NFO
 * @param lotSize         contract lot (fallback when no master contract says otherwise)
 * @param strikeStep      distance between listed strikes, e.g. 50
 * @param strikesEachSide strikes kept on each side of ATM, e.g. 20 (window = 2n + 1 strikes)
 * @param expiries        how many of the nearest unexpired expiries to monitor, each its own chain: 1..12,
 *                        as many as NSE lists for NIFTY at once (weeklies, monthlies, quarterlies); each
 *                        costs 82 options, and 4 more per spare strike, of the symbol budget
 * @param freezeQuantity  the exchange's largest quantity in one order of its options (its "quantity freeze
 *                        limit"); an exit above it is sent in slices of whole lots. 0 when not known: exits are
 *                        then sent whole, and the broker refuses one above the limit
 */
public record Underlying(String name, String indexExchange, String optionExchange, int lotSize,
                         BigDecimal strikeStep, int strikesEachSide, int expiries, int freezeQuantity) {
    /** Most expiries monitored per index. */
    public static final int MAX_EXPIRIES = 12;

    public Underlying {
        if (name == null || !name.matches("[A-Z][A-Z0-9&-]{0,19}")) {
            throw new IllegalArgumentException("name must be an upper-case index symbol, got " + name);
        }
        if (lotSize <= 0) {
            throw new IllegalArgumentException("lot_size must be positive, got " + lotSize);
        }
        if (strikeStep == null || strikeStep.signum() <= 0) {
            throw new IllegalArgumentException("strike_step must be positive, got " + strikeStep);
        }
        if (strikesEachSide < 1 || strikesEachSide > 50) {
            throw new IllegalArgumentException("strikes_each_side must be 1..50, got " + strikesEachSide);
        }
        if (expiries < 1 || expiries > MAX_EXPIRIES) {
            throw new IllegalArgumentException("expiries must be 1.." + MAX_EXPIRIES + ", got " + expiries);
        }
        if (freezeQuantity < 0 || freezeQuantity > 0 && freezeQuantity < lotSize) {
            throw new IllegalArgumentException("freeze_quantity must be at least the lot size " + lotSize
                    + " (or left out), got " + freezeQuantity);
        }
    }

    /** Without a freeze quantity: exits are sent whole. */
    public Underlying(String name, String indexExchange, String optionExchange, int lotSize, BigDecimal strikeStep,
                      int strikesEachSide, int expiries) {
        this(name, indexExchange, optionExchange, lotSize, strikeStep, strikesEachSide, expiries, 0);
    }

    /**
     * The largest exit order for a leg of {@code quantity} in lots of {@code lotSize}: the most whole lots within
     * the freeze quantity, or the whole quantity when there is none or it is not above it.
     */
    public long sliceQuantity(long quantity, int lotSize) {
        if (freezeQuantity <= 0 || quantity <= freezeQuantity) {
            return quantity;
        }
        int lot = Math.max(1, lotSize);
        return Math.max(1, freezeQuantity / lot) * (long) lot;
    }

    public StrikeLadder ladder() {
        return new StrikeLadder(strikeStep, strikesEachSide);
    }
}
