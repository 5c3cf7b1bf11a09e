package io.optionchain.engine.depth;

/**
 * Walks a quantity through one side of a five-level book, best level first: how much the visible depth
 * fills, at what average and worst price. Buying walks the asks, selling the bids.
 *
 * <p>One instance is reused per thread (the risk stage prices exits with it on every trigger, the API
 * per request): {@link #walk} writes its answer into the instance's fields and allocates nothing.
 */
public final class DepthWalk {
    private long requested;
    private long filled;
    private double bestPrice;
    private double averagePrice;
    private double worstPrice;
    private int levelsUsed;

    /**
     * @param prices     level prices, best first; a level with a non-positive price or quantity ends the book
     * @param quantities level quantities, as many as {@code prices}
     * @param levels     levels present (0..prices.length)
     * @param quantity   units wanted, positive
     * @return true when the visible depth fills the whole quantity
     */
    public boolean walk(double[] prices, long[] quantities, int levels, long quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, got " + quantity);
        }
        requested = quantity;
        filled = 0;
        bestPrice = averagePrice = worstPrice = 0;
        levelsUsed = 0;
        double notional = 0;
        int present = Math.min(levels, Math.min(prices.length, quantities.length));
        for (int i = 0; i < present && filled < quantity; i++) {
            double price = prices[i];
            long available = quantities[i];
            if (!(price > 0) || available <= 0) {
                break;
            }
            long take = Math.min(available, quantity - filled);
            if (levelsUsed == 0) {
                bestPrice = price;
            }
            notional += take * price;
            filled += take;
            worstPrice = price;
            levelsUsed++;
        }
        averagePrice = filled == 0 ? 0 : notional / filled;
        return filled == quantity;
    }

    public long requested() {
        return requested;
    }

    /** Units the visible depth fills; less than requested when the book is thin. */
    public long filled() {
        return filled;
    }

    public boolean complete() {
        return filled == requested && requested > 0;
    }

    /** Price of the first level; 0 when the side is empty. */
    public double bestPrice() {
        return bestPrice;
    }

    /** Volume-weighted price of the filled units; 0 when nothing fills. */
    public double averagePrice() {
        return averagePrice;
    }

    /** Price of the deepest level touched: a limit at it fills everything that filled. */
    public double worstPrice() {
        return worstPrice;
    }

    public int levelsUsed() {
        return levelsUsed;
    }

    /** Per unit, how much worse than the best level the average is (positive = cost), in rupees. */
    public double slippagePerUnit() {
        return filled == 0 ? 0 : Math.abs(averagePrice - bestPrice);
    }

    /** Slippage as a percentage of the best price: the impact cost. */
    public double impactPercent() {
        return bestPrice == 0 ? 0 : 100 * slippagePerUnit() / bestPrice;
    }
}
