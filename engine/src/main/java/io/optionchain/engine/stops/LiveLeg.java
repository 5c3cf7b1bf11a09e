package io.optionchain.engine.stops;

import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.journal.JournalReplay;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One leg of a {@link LivePosition}: what the ring needs to price it (instrument id, side) and how far its
 * exit has got. The exit is worked as one or more {@link LiveSlice}s, made here once, off the ring: one when the
 * leg is within the exchange's freeze quantity, otherwise as many orders of the freeze quantity in whole lots as
 * it takes, the last one the remainder. The leg's exit fields are the slices' aggregate ({@link #aggregate}),
 * written by the exit executor (or replay) only; volatile so API readers see them whole.
 *
 * <p>A leg may carry rules of its own ({@code legs[i].stop}, {@code stop_percent}, {@code target}), judged by the
 * ring on this leg's price alone. Who exits the leg is decided once, by a compare-and-set on {@link #claim}: its own
 * rule ({@link #OWN}: the leg exits alone, its LEG_EXITING journalled first, the position stays open) or its
 * position's exit ({@link #WITH_POSITION}: a stop on the combined premium, exit-all, an MTM limit, a square-off, a
 * person). Whichever wins sends the leg's one exit; the other leaves it alone.
 */
public final class LiveLeg {
    /** Nobody has claimed the leg's exit: it is watched. */
    public static final int WATCHED = 0;
    /** Its own rule fired: it exits alone. */
    public static final int OWN = 1;
    /** Its position's exit took it. */
    public static final int WITH_POSITION = 2;

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

    /** The leg's own rules as given. */
    public final LegRules rules;
    /**
     * Its own levels on its exit-side price; NaN when not set. The stops are volatile: moved to cost by the ring (or by
     * replay before the position is visible) when another leg's rule fires, read by views.
     */
    volatile double stopLevel;
    volatile double percentStopLevel;
    final double targetLevel;
    /** Its stop was moved to its entry price. */
    public volatile boolean atCost;
    /** Risk handler only: evaluations of its own rules in breach in a row, and since when. */
    int breachCount;
    long breachSinceMillis;

    private final AtomicInteger claim = new AtomicInteger(WATCHED);
    // its own trigger: written once by the claim's winner (the ring), then published by triggerPublished
    public ExitReason reason;
    public double triggerPrice = Double.NaN;
    public double triggerLevel = Double.NaN;
    public long triggeredMillis;
    public long tickExchangeMillis;
    public long tickServerMillis;
    public double tickBid = Double.NaN;
    public double tickAsk = Double.NaN;
    public double tickLtp = Double.NaN;
    public long latencyNanos = -1;
    /** Its trigger moved the others' stops to cost. */
    public boolean othersToCost;
    /** The order of its claim among its position's own leg exits: they are journalled in the order they fired. */
    public int claimOrder;
    public volatile boolean triggerPublished;
    /** Executor only: its LEG_EXITING is journalled and its slices are being worked. */
    public boolean accepted;

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
        this.rules = leg.rules();
        this.stopLevel = rules.stop() == null ? Double.NaN : rules.stop();
        this.percentStopLevel = rules.stopPercent() == null ? Double.NaN
                : entryPrice * (side == PositionSide.LONG ? 1 - rules.stopPercent() / 100 : 1 + rules.stopPercent() / 100);
        this.targetLevel = rules.target() == null ? Double.NaN : rules.target();
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
        JournalRecord.LegExiting own = image.exiting;
        if (image.atCost) {
            moveStopToCost();
        }
        if (own != null) {
            claim.set(OWN);
            reason = own.reason();
            triggerPrice = own.price();
            triggerLevel = own.level();
            triggeredMillis = own.triggeredMillis();
            tickExchangeMillis = own.tickExchangeMillis();
            tickServerMillis = own.tickServerMillis();
            tickBid = own.bid();
            tickAsk = own.ask();
            tickLtp = own.ltp();
            latencyNanos = own.latencyNanos();
            othersToCost = own.othersToCost();
            triggerPublished = true;
            accepted = true;
        } else if (state == PositionState.EXITING || state == PositionState.CLOSED
                || state == PositionState.EXIT_FAILED) {
            claim.set(WITH_POSITION);
        }
        // a leg exiting on its own while its position is open is worked as an exiting position's leg is
        PositionState slicesState = own != null && state == PositionState.OPEN ? PositionState.EXITING : state;
        for (int i = 0; i < slices.length && i < image.slices.length; i++) {
            slices[i].restore(image.slices[i], slicesState);
        }
        aggregate();
    }

    /** Who exits it now: {@link #WATCHED}, {@link #OWN} or {@link #WITH_POSITION}. */
    public int claim() {
        return claim.get();
    }

    /** Nobody has claimed its exit yet. */
    public boolean watched() {
        return claim.get() == WATCHED;
    }

    /** It left on its own rule (its exit may still be working). */
    public boolean exitsOnItsOwn() {
        return claim.get() == OWN;
    }

    /** Its own rule's claim; false when its exit was claimed already. Allocation-free: the ring calls it. */
    boolean claimOwn() {
        return claim.compareAndSet(WATCHED, OWN);
    }

    /** The position's exit takes this leg; false when the leg already exits on its own. */
    public boolean claimWithPosition() {
        return claim.compareAndSet(WATCHED, WITH_POSITION);
    }

    /** Its stop at its entry price from now on: the percent stop gives way to it, the target stays. */
    void moveStopToCost() {
        percentStopLevel = Double.NaN;
        stopLevel = entryPrice;
        atCost = true;
    }

    /** Its own stop nearest its price (the higher for a long, the lower for a short); NaN without one. */
    public double nearestStop() {
        double fixed = stopLevel;
        double percent = percentStopLevel;
        if (Double.isNaN(fixed)) {
            return percent;
        }
        if (Double.isNaN(percent)) {
            return fixed;
        }
        return side == PositionSide.LONG ? Math.max(fixed, percent) : Math.min(fixed, percent);
    }

    /** When its exit was triggered: its own rule's time when it exits on its own, else its position's trigger's. */
    public long exitTriggeredMillis() {
        return exitsOnItsOwn() ? triggeredMillis : position.triggeredMillis;
    }

    /** Why it exits: its own rule when it exits on its own, else its position's reason (null while neither). */
    public ExitReason exitReason() {
        return exitsOnItsOwn() ? reason : position.reason;
    }

    /** Its own target; NaN without one. */
    public double targetLevel() {
        return targetLevel;
    }

    /** The record that puts its own trigger on disk, before any of its orders. */
    public JournalRecord.LegExiting exitingRecord() {
        return new JournalRecord.LegExiting(position.id, index, triggeredMillis, reason, triggerPrice, triggerLevel,
                symbol, tickExchangeMillis, tickServerMillis, tickBid, tickAsk, tickLtp,
                latencyNanos, sliceQuantity(), othersToCost);
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
