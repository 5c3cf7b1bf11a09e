package io.optionchain.engine.depth;

/**
 * What an order of {@code quantity} units would pay if it swept the visible book now: the price at the
 * touch, the volume-weighted average of the units the five levels fill, the deepest level touched, and the
 * difference (slippage) per unit, in total and as a share of the touch price (impact cost).
 *
 * @param lots            quantity / lot size (fractional when the quantity is not whole lots)
 * @param bestPrice       price of the first level on the side taken; null when that side is empty
 * @param averagePrice    expected average price of the filled units; null when nothing fills
 * @param worstPrice      deepest level touched: a limit there fills everything that fills; null when nothing fills
 * @param slippagePerUnit how much worse than the best price the average is, rupees per unit (never negative)
 * @param slippageTotal   slippage per unit times the units filled, rupees
 * @param impactPercent   slippage per unit as a percentage of the best price
 * @param filledQuantity  units the visible depth fills
 * @param fullyFillable   whether the visible depth fills the whole quantity
 * @param levelsUsed      levels the walk took from
 */
public record ExecutionEstimate(String symbol, OrderAction action, long quantity, int lotSize, double lots,
                                Double bestPrice, Double averagePrice, Double worstPrice, double slippagePerUnit,
                                double slippageTotal, double impactPercent, long filledQuantity,
                                boolean fullyFillable, int levelsUsed) {

    static ExecutionEstimate of(String symbol, OrderAction action, int lotSize, DepthWalk walk) {
        boolean filled = walk.filled() > 0;
        return new ExecutionEstimate(symbol, action, walk.requested(), lotSize, (double) walk.requested() / lotSize,
                filled ? walk.bestPrice() : null, filled ? walk.averagePrice() : null,
                filled ? walk.worstPrice() : null, walk.slippagePerUnit(),
                walk.slippagePerUnit() * walk.filled(), walk.impactPercent(), walk.filled(), walk.complete(),
                walk.levelsUsed());
    }
}
