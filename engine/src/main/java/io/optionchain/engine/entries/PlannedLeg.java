package io.optionchain.engine.entries;

import io.optionchain.engine.depth.OrderAction;

import java.util.List;

/**
 * One leg of an entry as it would be sent: a limit priced from the book, split into orders the exchange takes, and
 * what the whole quantity is expected to cost against the visible depth.
 *
 * @param quantity       units, whole lots
 * @param price          the limit every slice carries, on the tick grid and inside the price protection band
 * @param pricing        whether the limit crosses the touch or rests at the mid of a wide spread
 * @param bandClamped    whether the band moved the limit (it would otherwise be refused by the exchange)
 * @param slices         order quantities, each whole lots within the freeze quantity, summing to {@code quantity}
 * @param expectedPrice  volume-weighted price of walking the whole quantity through the book; null when nothing fills
 * @param slippage       rupees per unit the expected price is worse than the touch
 * @param impactCostPct  that slippage as a percentage of the touch
 */
public record PlannedLeg(String symbol, OrderAction action, long quantity, int lots, double price,
                         EntryPricing pricing, boolean bandClamped, List<Long> slices, Double expectedPrice,
                         double slippage, double impactCostPct) {
    public PlannedLeg {
        slices = List.copyOf(slices);
    }

    /** How an entry's limit was chosen. */
    public enum EntryPricing {
        /** The ask plus the buffer to buy, the bid minus it to sell: marketable. */
        TOUCH,
        /** The spread is wider than the entry analysis's wide threshold: the mid, on the tick. */
        MID
    }
}
