package io.optionchain.engine.risk;

/**
 * One leg of a {@link LivePosition}: what the ring needs to price it (instrument id, side) and how far its
 * exit order has got. The exit fields are written by the exit executor only; volatile so API readers see
 * them whole.
 */
final class LiveLeg {
    final LivePosition position;
    final int index;
    final int instrumentId;
    final String symbol;
    final String exchange;
    final PositionSide side;
    final long quantity;
    final int lotSize;
    final double entryPrice;
    final String tag;

    volatile LegExit exit = LegExit.NONE;
    volatile String orderId;
    volatile double orderPrice = Double.NaN;
    volatile double fillPrice = Double.NaN;
    volatile String failure;

    /** Executor only: re-prices made, when the next step is due, when the order was last priced. */
    int reprices;
    long nextActionMillis;
    long pricedAtMillis;
    boolean repriceLimitReported;
    boolean noBookReported;

    LiveLeg(LivePosition position, int index, int instrumentId, JournalRecord.OpenedLeg leg) {
        this.position = position;
        this.index = index;
        this.instrumentId = instrumentId;
        this.symbol = leg.symbol();
        this.exchange = leg.exchange();
        this.side = leg.side();
        this.quantity = leg.quantity();
        this.lotSize = leg.lotSize();
        this.entryPrice = leg.entryPrice();
        this.tag = ExitOrder.tag(position.id, index);
    }

    /** Still needs work from the executor. */
    boolean working() {
        LegExit state = exit;
        return state == LegExit.PLACING || state == LegExit.LOOKING_UP || state == LegExit.WORKING;
    }

    ExitOrder order(double price) {
        return new ExitOrder(position.id, index, tag, symbol, exchange, side.exitAction(), quantity, price,
                position.product);
    }
}
