package io.optionchain.engine.ports;

import io.optionchain.engine.depth.OrderAction;

/**
 * One leg's exit as a marketable limit order.
 *
 * @param tag      a name unique to this position and leg across journals and restarts
 *                 ({@code oc-<epoch>-<position>-<leg>}, the epoch being the journal's own random id), sent in
 *                 OpenAlgo's {@code strategy} field, which is the nearest it has to a client order id
 * @param product  MIS or NRML, as the position was entered
 * @param price    limit price on the tick grid
 */
public record ExitOrder(long positionId, int leg, String tag, String symbol, String exchange, OrderAction action,
                        long quantity, double price, String product) {

    /**
     * @param epoch the journal's random id: position ids restart with a new journal, so without it a new
     *              position 0 would carry an old position 0's tag; empty only for a journal that has none
     */
    public static String tag(String epoch, long positionId, int leg) {
        return epoch.isEmpty() ? "oc-" + positionId + "-" + leg : "oc-" + epoch + "-" + positionId + "-" + leg;
    }

    public ExitOrder withPrice(double newPrice) {
        return new ExitOrder(positionId, leg, tag, symbol, exchange, action, quantity, newPrice, product);
    }
}
