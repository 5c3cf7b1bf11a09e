package io.optionchain.engine.entries;

import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.depth.EntryAnalysis;
import io.optionchain.engine.depth.ExecutionEstimate;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.exits.ExitPricer;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.PriceBand;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code place_smart_order} price for one leg, from one copy of its book: a buy at the ask plus the entry
 * buffer, a sell at the bid minus it, or the mid on the tick when the spread is wider than the entry analysis's own
 * wide threshold (a marketable order there pays half the spread for nothing). The limit is then kept inside the
 * exchange's price protection band around the same reference exits use, and the quantity split at the freeze
 * quantity as exits are. Off the hot path; allocates freely.
 */
public final class EntryPricer {
    private final ExecutionThresholds thresholds;

    public EntryPricer(ExecutionThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param buffer        rupees beyond the touch, 0 or more
     * @param allowPartial  whether a book too thin for the whole quantity is still planned
     * @throws IllegalArgumentException naming what is missing: the side a leg trades against, or the depth
     */
    public PlannedLeg plan(String symbol, OrderAction action, int lots, DepthBook book, ContractSpec contract,
                           PriceBand band, double buffer, boolean allowPartial) {
        if (lots < 1) {
            throw new IllegalArgumentException("lots must be at least 1, got " + lots);
        }
        if (!(buffer >= 0)) {
            throw new IllegalArgumentException("entry_buffer must be 0 or more rupees, got " + buffer);
        }
        Double bid = book.bid();
        Double ask = book.ask();
        boolean buy = action == OrderAction.BUY;
        Double touch = buy ? ask : bid;
        if (touch == null) {
            throw new IllegalArgumentException(symbol + " has no " + (buy ? "ask" : "bid") + " to "
                    + (buy ? "buy from" : "sell to"));
        }
        long quantity = (long) lots * contract.lotSize();
        double tick = contract.tickSize();
        Double spreadPercent = ExecutionThresholds.spreadPercent(bid, ask, book.ltp());
        PlannedLeg.EntryPricing pricing;
        double price;
        if (spreadPercent != null && spreadPercent > thresholds.wideSpreadPercent()) {
            pricing = PlannedLeg.EntryPricing.MID;
            price = EntryAnalysis.midOnTheTick(action, bid, ask, tick);
        } else {
            pricing = PlannedLeg.EntryPricing.TOUCH;
            // away from the book: a buffer that is not whole ticks must not leave the limit short of the touch
            price = buy ? onTick(Math.ceil((touch + buffer) / tick - 1e-9), tick)
                    : onTick(Math.max(1, Math.floor((touch - buffer) / tick + 1e-9)), tick);
        }
        double reference = ExitPricer.reference(action, book.ltp() == null ? 0 : book.ltp(),
                bid == null ? 0 : bid, ask == null ? 0 : ask);
        double clamped = band == null ? price : band.clamp(!buy, price, reference, tick);

        ExecutionEstimate estimate = book.estimate(symbol, action, quantity, contract.lotSize());
        if (!estimate.fullyFillable() && !allowPartial) {
            throw new IllegalArgumentException("the visible depth of " + symbol + " fills " + estimate.filledQuantity()
                    + " of " + quantity + " units; give allow_partial: true to plan it anyway");
        }
        return new PlannedLeg(symbol, action, quantity, lots, clamped, pricing, Math.abs(clamped - price) > 1e-9,
                slices(quantity, contract), estimate.averagePrice(), estimate.slippagePerUnit(),
                estimate.impactPercent());
    }

    /** Whole lots within the freeze quantity, the last slice the remainder: what exits send too. */
    static List<Long> slices(long quantity, ContractSpec contract) {
        long slice = contract.sliceQuantity(quantity, contract.lotSize());
        List<Long> slices = new ArrayList<>();
        for (long left = quantity; left > 0; left -= slice) {
            slices.add(Math.min(slice, left));
        }
        return slices;
    }

    private static double onTick(double ticks, double tick) {
        return Math.round(ticks * tick * 1_000_000) / 1_000_000.0;
    }
}
