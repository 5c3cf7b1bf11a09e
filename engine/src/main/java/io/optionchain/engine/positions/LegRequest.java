package io.optionchain.engine.positions;

/**
 * One leg of a position to watch.
 *
 * @param symbol     OpenAlgo option symbol, e.g. {@code NIFTY25NOV2524500CE}
 * @param side       long (bought) or short (sold)
 * @param quantity   units, a whole number of lots of the symbol's underlying
 * @param entryPrice premium paid or received per unit
 */
public record LegRequest(String symbol, PositionSide side, long quantity, double entryPrice) {
}
