package io.optionchain.simulator;

import java.time.Instant;

/**
 * One order as the simulated broker holds it at the moment of asking: what a test counts and inspects
 * ({@link OpenAlgoSimulator#orders()}, {@code GET /sim/orders}). Prices in rupees.
 *
 * @param orderid         the id placeorder answered with
 * @param action          BUY or SELL
 * @param quantity        units, not lots (the whole order, filled or not)
 * @param pricetype       MARKET, LIMIT, SL or SL-M, as last placed or modified
 * @param price           limit price; 0 for MARKET and SL-M
 * @param status          OpenAlgo's order_status: open, trigger pending, complete, rejected, cancelled
 * @param filled          units traded so far
 * @param averagePrice    volume-weighted price of what traded; 0 while nothing has
 * @param rejectionReason the broker's message for a rejected order, else empty
 * @param time            when the order was placed, by the simulator's clock
 */
public record BrokerOrder(String orderid, String strategy, String symbol, String exchange, String action,
                          int quantity, String pricetype, String product, double price, double triggerPrice,
                          String status, int filled, double averagePrice, String rejectionReason, Instant time) {
}
