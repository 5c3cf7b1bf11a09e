package io.optionchain.engine.positions;

/**
 * P&amp;L of every position of one strategy, on the exit side of the book.
 *
 * @param positions     positions of the strategy, any state
 * @param open          of which open or exiting
 * @param unrealizedPnl null while some open leg has no mark
 */
public record StrategyPnl(String strategy, int positions, int open, double realizedPnl, Double unrealizedPnl) {

    public Double pnl() {
        return unrealizedPnl == null ? null : realizedPnl + unrealizedPnl;
    }
}
