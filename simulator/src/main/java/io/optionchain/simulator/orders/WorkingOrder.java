package io.optionchain.simulator.orders;

import io.optionchain.simulator.market.Paise;
import io.optionchain.simulator.market.SimulatedSymbol;

import java.time.Instant;

/**
 * One order's state at the simulated broker, from acceptance to complete, rejected or cancelled. Mutable,
 * guarded by the {@link OrderDesk} that owns it. Prices in paise, quantities in units.
 */
final class WorkingOrder {
    /** OpenAlgo's order_status values ({@code broker/zerodha/mapping/order_data.py}, sandbox). */
    enum Status {
        OPEN("open"), TRIGGER_PENDING("trigger pending"), COMPLETE("complete"), REJECTED("rejected"),
        CANCELLED("cancelled");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    final String id;
    final String strategy;
    final SimulatedSymbol symbol;
    final boolean buy;
    final Instant placed;
    /** The terms below change on modify. */
    OrderTerms terms;
    Status status;
    int filled;
    /** Sum of price times quantity of every fill, for the average price. */
    long tradedValuePaise;
    String rejectionReason = "";

    WorkingOrder(String id, String strategy, SimulatedSymbol symbol, boolean buy, OrderTerms terms, Instant placed) {
        this.id = id;
        this.strategy = strategy;
        this.symbol = symbol;
        this.buy = buy;
        this.terms = terms;
        this.placed = placed;
        this.status = terms.stopLoss() ? Status.TRIGGER_PENDING : Status.OPEN;
    }

    boolean working() {
        return status == Status.OPEN || status == Status.TRIGGER_PENDING;
    }

    int remaining() {
        return terms.quantity() - filled;
    }

    void fill(int quantity, long pricePaise) {
        filled += quantity;
        tradedValuePaise += quantity * pricePaise;
        if (filled == terms.quantity()) {
            status = Status.COMPLETE;
        }
    }

    void reject(String reason) {
        status = Status.REJECTED;
        rejectionReason = reason;
    }

    /** Rupees, rounded to the paisa as OpenAlgo's orderbook formats numbers; 0 before any fill. */
    double averagePrice() {
        return filled == 0 ? 0.0 : Math.round((double) tradedValuePaise / filled) / 100.0;
    }

    /** A stop-loss order becomes an open order once the last traded price crosses its trigger. */
    boolean triggeredAt(long ltpPaise) {
        return ltpPaise > 0 && (buy ? ltpPaise >= terms.triggerPaise() : ltpPaise <= terms.triggerPaise());
    }

    <T> T view(OrderDesk.View<T> view) {
        return view.of(id, strategy, symbol.symbol(), symbol.exchange(), buy ? "BUY" : "SELL",
                terms.quantity(), terms.pricetype(), terms.product(), Paise.toRupees(terms.pricePaise()),
                Paise.toRupees(terms.triggerPaise()), status.wire, filled, averagePrice(), rejectionReason, placed);
    }
}
