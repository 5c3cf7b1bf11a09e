package io.optionchain.engine.stops;

import io.optionchain.engine.journal.JournalReplay;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.PositionState;

/**
 * One order's worth of a {@link LiveLeg}'s exit: the whole leg, or, for a leg above the exchange's freeze
 * quantity, one slice of at most that many units in whole lots. Each slice is placed, looked up, followed and
 * re-priced on its own, owns exactly one broker order, and is journalled by its index. Made with its leg, off the
 * ring. The exit fields are written by the exit executor only; volatile so API readers see them whole.
 */
public final class LiveSlice {
    public final LiveLeg leg;
    /** 0 for a leg sent whole; 0 .. n-1 for the slices of a leg sent in n. */
    public final int index;
    public final long quantity;
    /** The exit order's tag: the leg's, with {@code -<index>} added when the leg is sent in several slices. */
    public final String tag;

    public volatile LegExit exit = LegExit.NONE;
    public volatile String orderId;
    public volatile double orderPrice = Double.NaN;
    public volatile double fillPrice = Double.NaN;
    public volatile String failure;

    /** Executor only: re-prices made, when the next step is due, when the order was last priced. */
    public int reprices;
    public long nextActionMillis;
    public long pricedAtMillis;
    public boolean repriceLimitReported;
    public boolean noBookReported;
    /**
     * Why this slice's exit waits for its account (which cannot take orders: refused, rate limited, a server error, no
     * answer), and since when; null once the order is at the broker, or while nothing waits. Written by the executor.
     */
    public volatile String waitingFor;
    public volatile long waitingSinceMillis;
    /** Executor only: status look-ups that failed in a row, and the last cause logged (each is logged once). */
    public int statusFailures;
    public String statusFailureLogged;

    LiveSlice(LiveLeg leg, int index, int slices, long quantity, String epoch) {
        this.leg = leg;
        this.index = index;
        this.quantity = quantity;
        this.tag = ExitOrder.tag(epoch, leg.position.id, leg.index, index, slices);
    }

    /** Still needs work from the executor. */
    public boolean working() {
        return working(exit);
    }

    static boolean working(LegExit state) {
        return state == LegExit.PLACING || state == LegExit.LOOKING_UP || state == LegExit.WORKING
                || state == LegExit.EXIT_UNKNOWN;
    }

    public ExitOrder order(double price) {
        return new ExitOrder(leg.position.id, leg.index, tag, leg.symbol, leg.exchange, leg.side.exitAction(),
                quantity, price, leg.position.product);
    }

    /** Replay only, before the position is visible: how far the journal says this slice got. */
    void restore(JournalReplay.SliceImage image, PositionState state) {
        orderId = image.orderId;
        orderPrice = image.orderPrice;
        reprices = image.reprices;
        fillPrice = image.fillPrice;
        failure = image.failure;
        if (state == PositionState.OPEN || state == PositionState.CANCELLED) {
            exit = LegExit.NONE;
        } else if (state == PositionState.NEEDS_REVIEW) {
            // shown as the journal left it; nothing follows or sends until the review is resolved
            exit = failure != null ? LegExit.FAILED : !Double.isNaN(fillPrice) ? LegExit.FILLED : LegExit.NONE;
        } else if (failure != null) {
            exit = LegExit.FAILED;
        } else if (!Double.isNaN(fillPrice)) {
            exit = LegExit.FILLED;
        } else if (orderId != null) {
            exit = LegExit.WORKING;
        } else {
            // triggered, maybe sent just before the crash: the broker is asked before anything is sent
            exit = LegExit.LOOKING_UP;
        }
    }

    /** "slice 2 of 3" (counted from 1), for the audit trail and logs; null for a leg sent whole. */
    public String name() {
        return leg.slices.length == 1 ? null : "slice " + (index + 1) + " of " + leg.slices.length;
    }
}
