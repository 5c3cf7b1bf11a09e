package io.optionchain.engine.ports;

import java.util.List;

/**
 * The engine's port to a broker's order API (OpenAlgo's placeorder, orderstatus, modifyorder, cancelorder,
 * orderbook, positionbook). Implementations may block; the desk calls them from its exit executor thread only, never from
 * the ring.
 *
 * <p>Failures are {@link OrderGatewayException}s whose {@link OrderGatewayException.Outcome} tells the
 * caller whether an order may exist: an implementation must never retry {@link #place} on its own, since a
 * second try after a lost answer is a second exit.
 */
public interface OrderGateway {
    /**
     * Places one limit order.
     *
     * @return the broker's order id
     */
    String place(ExitOrder order);

    /** Status of an order this desk placed (or adopted); {@code tag} is the order's {@link ExitOrder#tag()}. */
    BrokerOrder status(String orderId, String tag);

    /** Re-prices a working order in place: same order id, symbol, side and quantity, new limit price. */
    void modify(String orderId, ExitOrder order);

    void cancel(String orderId, String tag);

    /**
     * Today's orders at the broker, newest or oldest first. OpenAlgo has no client order id, so this is how
     * the desk finds out whether a send with an unknown outcome, or one made just before a crash, arrived.
     */
    List<BrokerOrder> orderBook();

    /**
     * The broker's net positions today, one row per symbol, exchange and product, closed ones (quantity 0)
     * included where the broker lists them. Read after the journal lost its history, to find what the broker holds
     * that no journalled position accounts for; never from the ring.
     */
    List<BrokerPosition> positionBook();
}
