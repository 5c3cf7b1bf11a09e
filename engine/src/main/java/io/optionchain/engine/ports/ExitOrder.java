package io.optionchain.engine.ports;

import io.optionchain.engine.depth.OrderAction;

/**
 * One leg's exit as a marketable limit order, or one slice of it when the leg is above the exchange's freeze
 * quantity.
 *
 * @param tag      a name unique to this position, leg and slice across journals and restarts
 *                 ({@code oc-<epoch>-<position>-<leg>}, and {@code oc-<epoch>-<position>-<leg>-<slice>} for each
 *                 slice of a leg sent in several; the epoch being the journal's own random id), sent in
 *                 OpenAlgo's {@code strategy} field, which is the nearest it has to a client order id
 * @param quantity the order's own quantity: the slice's when the leg is sliced
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

    /**
     * The tag of slice {@code slice} of {@code slices}: a leg sent whole ({@code slices} 1) keeps the leg's tag,
     * so an exit journalled before slicing existed is still its own.
     */
    public static String tag(String epoch, long positionId, int leg, int slice, int slices) {
        return slices <= 1 ? tag(epoch, positionId, leg) : tag(epoch, positionId, leg) + "-" + slice;
    }

    public ExitOrder withPrice(double newPrice) {
        return new ExitOrder(positionId, leg, tag, symbol, exchange, action, quantity, newPrice, product);
    }
}
