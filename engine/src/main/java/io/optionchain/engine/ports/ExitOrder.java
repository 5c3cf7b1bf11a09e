package io.optionchain.engine.ports;

import io.optionchain.engine.depth.OrderAction;

/**
 * One leg's exit as a marketable limit order.
 *
 * @param tag      a name unique to this position and leg ({@code oc-<position>-<leg>}), sent in OpenAlgo's
 *                 {@code strategy} field, which is the nearest it has to a client order id
 * @param product  MIS or NRML, as the position was entered
 * @param price    limit price on the tick grid
 */
public record ExitOrder(long positionId, int leg, String tag, String symbol, String exchange, OrderAction action,
                        long quantity, double price, String product) {

    public static String tag(long positionId, int leg) {
        return "oc-" + positionId + "-" + leg;
    }

    public ExitOrder withPrice(double newPrice) {
        return new ExitOrder(positionId, leg, tag, symbol, exchange, action, quantity, newPrice, product);
    }
}
