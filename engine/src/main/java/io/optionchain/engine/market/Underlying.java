package io.optionchain.engine.market;

import java.math.BigDecimal;

/**
 * An index whose option chain the engine keeps.
 *
 * @param name            index symbol and option base, e.g. NIFTY
 * @param indexExchange   where the index is quoted, e.g. NSE_INDEX
 * @param optionExchange  where its options trade, e.g. NFO
 * @param lotSize         contract lot: the fallback when the server's contract data does not give one
 *                        ({@link ContractSpec}, read as each chain opens)
 * @param strikeStep      distance between listed strikes, e.g. 50
 * @param strikesEachSide strikes kept on each side of ATM, e.g. 20 (window = 2n + 1 strikes)
 * @param expiries        how many of the nearest unexpired expiries to monitor, each its own chain: 1..12,
 *                        as many as NSE lists for NIFTY at once (weeklies, monthlies, quarterlies); each
 *                        costs 82 options, and 4 more per spare strike, of the symbol budget
 * @param freezeQuantity  the exchange's largest quantity in one order of its options (its "quantity freeze
 *                        limit"), the fallback when the server gives none; an exit above it is sent in slices of
 *                        whole lots. 0 when not known: exits are then sent whole, and the broker refuses one above
 *                        the limit
 * @param tickSize        price step of its options in rupees, the fallback when the server gives none
 * @param priceBand       the exchange's limit price protection band of its options: exit limits are kept inside it
 *                        ({@link PriceBand}; NSE's for index options unless configured)
 */
public record Underlying(String name, String indexExchange, String optionExchange, int lotSize,
                         BigDecimal strikeStep, int strikesEachSide, int expiries, int freezeQuantity,
                         double tickSize, PriceBand priceBand) {
    /** Most expiries monitored per index. */
    public static final int MAX_EXPIRIES = 12;
    /** NSE's price step for index options, 5 paise. */
    public static final double NSE_OPTION_TICK = 0.05;

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
        if (!(tickSize > 0 && tickSize <= ContractSpec.MAX_TICK_SIZE)) {
            throw new IllegalArgumentException("tick_size must be above 0 and at most " + ContractSpec.MAX_TICK_SIZE
                    + ", got " + tickSize);
        }
        if (priceBand == null) {
            throw new IllegalArgumentException("price_band is required");
        }
    }

    /** With NSE's limit price protection band for index options. */
    public Underlying(String name, String indexExchange, String optionExchange, int lotSize, BigDecimal strikeStep,
                      int strikesEachSide, int expiries, int freezeQuantity, double tickSize) {
        this(name, indexExchange, optionExchange, lotSize, strikeStep, strikesEachSide, expiries, freezeQuantity,
                tickSize, PriceBand.NSE_INDEX_OPTIONS);
    }

    /** With NSE's option tick, {@value #NSE_OPTION_TICK}. */
    public Underlying(String name, String indexExchange, String optionExchange, int lotSize, BigDecimal strikeStep,
                      int strikesEachSide, int expiries, int freezeQuantity) {
        this(name, indexExchange, optionExchange, lotSize, strikeStep, strikesEachSide, expiries, freezeQuantity,
                NSE_OPTION_TICK);
    }

    /** Without a freeze quantity: exits are sent whole. */
    public Underlying(String name, String indexExchange, String optionExchange, int lotSize, BigDecimal strikeStep,
                      int strikesEachSide, int expiries) {
        this(name, indexExchange, optionExchange, lotSize, strikeStep, strikesEachSide, expiries, 0);
    }

    public StrikeLadder ladder() {
        return new StrikeLadder(strikeStep, strikesEachSide);
    }
}
