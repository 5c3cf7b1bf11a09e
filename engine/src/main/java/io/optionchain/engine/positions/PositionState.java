package io.optionchain.engine.positions;

/**
 * Where a position is in its life. The only way out of {@link #OPEN} towards an order is
 * {@link #EXITING}, taken by one compare-and-set, so one trigger and one exit at most.
 */
public enum PositionState {
    /** Watched on every tick of its legs. */
    OPEN,
    /** Triggered (or closed by hand): its exit orders are being placed and followed; never evaluated again. */
    EXITING,
    /** Every leg's exit order filled. */
    CLOSED,
    /** Removed by hand before any trigger; no order was sent. */
    CANCELLED,
    /** A leg's exit order was rejected or cancelled at the broker; needs a person, is never re-sent on its own. */
    EXIT_FAILED,
    /**
     * The journal was damaged where a record of this position may have been (it may have been closed or exiting
     * already): not watched, sends nothing, until a person returns it to OPEN or cancels it
     * ({@code RiskDesk.resolveReview}).
     */
    NEEDS_REVIEW
}
