package io.optionchain.engine.positions;

/**
 * One leg of a position to watch.
 *
 * @param symbol     OpenAlgo option symbol, e.g. {@code NIFTY25NOV2524500CE}
 * @param side       long (bought) or short (sold)
 * @param quantity   units, a whole number of lots of the symbol's underlying
 * @param entryPrice premium paid or received per unit
 * @param rules      the leg's own stops and target; {@link LegRules#NONE} (also for null) when it has none
 */
public record LegRequest(String symbol, PositionSide side, long quantity, double entryPrice, LegRules rules) {

    public LegRequest {
        rules = rules == null ? LegRules.NONE : rules;
    }

    /** A leg judged only with its position. */
    public LegRequest(String symbol, PositionSide side, long quantity, double entryPrice) {
        this(symbol, side, quantity, entryPrice, LegRules.NONE);
    }
}
