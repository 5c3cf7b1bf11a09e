package io.optionchain.engine.positions;

import io.optionchain.engine.depth.OrderAction;

/**
 * Which way a leg was entered, and so which side of the book prices its exit: a long is sold into the
 * best bid, a short is bought back from the best ask. Judging a stop on the LTP or the mid would fire on
 * prices the exit cannot get.
 */
public enum PositionSide {
    LONG,
    SHORT;

    /** The order that closes a leg of this side. */
    public OrderAction exitAction() {
        return this == LONG ? OrderAction.SELL : OrderAction.BUY;
    }

    /** +1 for a long (gains when the premium rises), -1 for a short. */
    public int sign() {
        return this == LONG ? 1 : -1;
    }
}
