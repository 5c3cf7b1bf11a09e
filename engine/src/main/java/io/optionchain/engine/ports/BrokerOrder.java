package io.optionchain.engine.ports;

import io.optionchain.engine.depth.OrderAction;

/**
 * An order as the broker reports it (OpenAlgo orderstatus / orderbook row).
 *
 * @param priceType    MARKET, LIMIT, SL or SL-M; empty when not reported
 * @param averagePrice average fill price, 0 until something filled
 * @param strategy     the {@code strategy} the order was placed with, when the server reports it (OpenAlgo's
 *                     broker order books do not; null then)
 * @param placedMillis when the broker took the order (its {@code timestamp}, exchange time), epoch ms; 0 when
 *                     not reported or unreadable
 */
public record BrokerOrder(String orderId, String symbol, String exchange, OrderAction action, long quantity,
                          double price, String priceType, String product, BrokerOrderState state,
                          double averagePrice, String strategy, long placedMillis) {
}
