package io.optionchain.engine.positions;

import java.util.List;

/**
 * P&amp;L of every position of one strategy, on the exit side of the book, and the Greeks of what it holds.
 *
 * @param positions     positions of the strategy, any state
 * @param open          of which open or exiting
 * @param unrealizedPnl null while some open leg has no mark
 * @param greeks        the sum of its positions' net Greeks (ended ones hold nothing); null while one is unknown
 */
public record StrategyPnl(String strategy, int positions, int open, double realizedPnl, Double unrealizedPnl,
                          NetGreeks greeks) {

    /** The book's net Greeks: the strategies' summed; null while one is unknown. */
    public static NetGreeks totalGreeks(List<StrategyPnl> strategies) {
        return NetGreeks.sum(strategies.stream().map(StrategyPnl::greeks).toList());
    }

    public Double pnl() {
        return unrealizedPnl == null ? null : realizedPnl + unrealizedPnl;
    }
}
