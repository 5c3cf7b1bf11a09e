package io.optionchain.engine.stops;

import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.journal.JournalReplay;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;

/**
 * One leg of a {@link LivePosition}: what the ring needs to price it (instrument id, side) and how far its
 * exit has got. The exit is worked as one or more {@link LiveSlice}s, made here once, off the ring: one when the
 * leg is within the exchange's freeze quantity, otherwise as many orders of the freeze quantity in whole lots as
 * it takes, the last one the remainder. The leg's exit fields are the slices' aggregate ({@link #aggregate}),
 * written by the exit executor (or replay) only; volatile so API readers see them whole.
 */
public final class LiveLeg {
    public final LivePosition position;
    public final int index;
    public final int instrumentId;
    public final String symbol;
    public final String exchange;
    public final PositionSide side;
    public final long quantity;
    public final int lotSize;
    public final double entryPrice;
    public final String tag;
    /** The exit's orders, at most the freeze quantity each; one when the leg is sent whole. */
    public final LiveSlice[] slices;
    /** +1 long, -1 short: what a rupee of price moves its P&amp;L by per unit. */
    final double sign;
    /**
     * The leg's exit-side price as the ring last saw it (seeded from chain state when the position is made), by
     * which its scope's MTM is summed without reading chain state for every held leg on every tick; NaN while none
     * was seen. Written by the ring only (and before publication). Plain, not volatile: the ring writes it on every
     * tick of the leg and a store fence each time would cost more than the MTM; a reader of a limit's MTM off the
     * ring sees it a moment late at worst (a double's write is whole on the 64-bit JVMs this runs on).
     */
    public double exitPrice = Double.NaN;
    /**
     * Ring only: what a rupee of {@link #exitPrice} moves its scopes' MTM by (its unfilled units, signed), as the
     * scopes' last full sum found it; each price change adds its difference times this to their running estimate.
     */
    double mtmWeight;

    /** The slices together: see {@link #aggregate}. */
    public volatile LegExit exit = LegExit.NONE;
    /** The first slice's order that is known. */
    public volatile String orderId;
    public volatile double orderPrice = Double.NaN;
    /** Once every slice filled: their fill prices averaged by quantity. */
    public volatile double fillPrice = Double.NaN;
    public volatile String failure;
    /** The exit-side price when the position was cancelled, its mark from then on; NaN when not known. */
    public volatile double markAtEnd = Double.NaN;

    /**
     * @param sliceQuantity the largest order the exit may be (the freeze quantity in whole lots); at or above the
     *                      leg's quantity, the leg is sent whole
     */
    LiveLeg(LivePosition position, int index, int instrumentId, JournalRecord.OpenedLeg leg, String epoch,
            long sliceQuantity) {
        this.position = position;
        this.index = index;
        this.instrumentId = instrumentId;
        this.symbol = leg.symbol();
        this.exchange = leg.exchange();
        this.side = leg.side();
        this.quantity = leg.quantity();
        this.lotSize = leg.lotSize();
        this.entryPrice = leg.entryPrice();
        this.sign = leg.side().sign();
        this.tag = ExitOrder.tag(epoch, position.id, index);
        long size = sliceQuantity <= 0 || sliceQuantity >= quantity ? Math.max(1, quantity) : sliceQuantity;
        int count = (int) Math.max(1, (quantity + size - 1) / size);
        this.slices = new LiveSlice[count];
        for (int i = 0; i < count; i++) {
            slices[i] = new LiveSlice(this, i, count, i < count - 1 ? size : quantity - size * (count - 1), epoch);
        }
    }

    /**
     * Replay only, before the position is visible: each slice as the journal left it. The leg was made with the
     * plan the journal's EXITING record gave, so its slices and the image's match one for one.
     */
    public void restore(JournalReplay.LegImage image, PositionState state) {
        for (int i = 0; i < slices.length && i < image.slices.length; i++) {
            slices[i].restore(image.slices[i], state);
        }
        aggregate();
    }

    /** Still needs work from the executor: some slice does. */
    public boolean working() {
        return LiveSlice.working(exit);
    }

    /** The largest order of this leg's exit: its whole quantity unless it is sliced. */
    public long sliceQuantity() {
        return slices[0].quantity;
    }

    /** Units of the leg whose exit has not filled (all of them before the exit, none once it is closed). */
    public long unfilledQuantity() {
        long unfilled = 0;
        for (LiveSlice slice : slices) {
            unfilled += slice.exit == LegExit.FILLED ? 0 : slice.quantity;
        }
        return unfilled;
    }

    /**
     * Sets the leg's exit fields from its slices. While any slice works, the leg works, shown by the state that
     * most needs attention (EXIT_UNKNOWN, then LOOKING_UP, PLACING, WORKING); once none does, FILLED when all
     * filled and FAILED when any failed. Its order id and price are the first slice's that has one, its fill
     * price the quantity-weighted average once every slice filled, its failure the first slice's.
     */
    public void aggregate() {
        boolean unknown = false;
        boolean lookingUp = false;
        boolean placing = false;
        boolean working = false;
        boolean failed = false;
        boolean allFilled = true;
        String firstOrder = null;
        double firstPrice = Double.NaN;
        String firstFailure = null;
        double filledValue = 0;
        for (LiveSlice slice : slices) {
            LegExit state = slice.exit;
            unknown |= state == LegExit.EXIT_UNKNOWN;
            lookingUp |= state == LegExit.LOOKING_UP;
            placing |= state == LegExit.PLACING;
            working |= state == LegExit.WORKING;
            failed |= state == LegExit.FAILED;
            allFilled &= state == LegExit.FILLED;
            if (firstOrder == null && slice.orderId != null) {
                firstOrder = slice.orderId;
                firstPrice = slice.orderPrice;
            }
            if (firstFailure == null) {
                firstFailure = slice.failure;
            }
            filledValue += slice.fillPrice * slice.quantity;
        }
        orderId = firstOrder;
        orderPrice = firstOrder == null ? slices[0].orderPrice : firstPrice;
        failure = firstFailure;
        fillPrice = !allFilled ? Double.NaN : slices.length == 1 ? slices[0].fillPrice : filledValue / quantity;
        exit = unknown ? LegExit.EXIT_UNKNOWN : lookingUp ? LegExit.LOOKING_UP : placing ? LegExit.PLACING
                : working ? LegExit.WORKING : failed ? LegExit.FAILED : allFilled ? LegExit.FILLED : slices[0].exit;
    }
}
