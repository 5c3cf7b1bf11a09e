package io.optionchain.engine.stops;

import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.PositionSide;

/**
 * One leg of a {@link LivePosition}: what the ring needs to price it (instrument id, side) and how far its
 * exit order has got. The exit fields are written by the exit executor only; volatile so API readers see
 * them whole.
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

    public volatile LegExit exit = LegExit.NONE;
    public volatile String orderId;
    public volatile double orderPrice = Double.NaN;
    public volatile double fillPrice = Double.NaN;
    public volatile String failure;
    /** The exit-side price when the position was cancelled, its mark from then on; NaN when not known. */
    public volatile double markAtEnd = Double.NaN;

    /** Executor only: re-prices made, when the next step is due, when the order was last priced. */
    public int reprices;
    public long nextActionMillis;
    public long pricedAtMillis;
    public boolean repriceLimitReported;
    public boolean noBookReported;
    /** Executor only: status look-ups that failed in a row, and the last cause logged (each is logged once). */
    public int statusFailures;
    public String statusFailureLogged;

    LiveLeg(LivePosition position, int index, int instrumentId, JournalRecord.OpenedLeg leg, String epoch) {
        this.position = position;
        this.index = index;
        this.instrumentId = instrumentId;
        this.symbol = leg.symbol();
        this.exchange = leg.exchange();
        this.side = leg.side();
        this.quantity = leg.quantity();
        this.lotSize = leg.lotSize();
        this.entryPrice = leg.entryPrice();
        this.tag = ExitOrder.tag(epoch, position.id, index);
    }

    /** Still needs work from the executor. */
    public boolean working() {
        LegExit state = exit;
        return state == LegExit.PLACING || state == LegExit.LOOKING_UP || state == LegExit.WORKING
                || state == LegExit.EXIT_UNKNOWN;
    }

    public ExitOrder order(double price) {
        return new ExitOrder(position.id, index, tag, symbol, exchange, side.exitAction(), quantity, price,
                position.product);
    }
}
