package io.optionchain.simulator;

/**
 * An instrument as its last tick left it, in rupees: what a client that missed none of its ticks must show.
 *
 * @param bid the best bid, 0 when the book has none
 * @param ask the best ask, 0 when the book has none
 */
public record LastTick(String symbol, double ltp, double bid, double ask, long oi) {
}
