package io.optionchain.engine.exits;

import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.stops.LiveSlice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which broker order each exit owns, account by account, and whether an order found in the holding account's book
 * is a slice's own exit. Order ids are each broker's, so two accounts may have orders of one id: a claim holds in
 * the book of its own account only. Executor thread only.
 */
final class OrderClaims {
    /**
     * How much earlier than the trigger an untagged order's placement time may read and still be this exit's:
     * brokers stamp whole seconds, and their clock and ours differ by a little. Five seconds covers both; an
     * order for the very same contract, side and quantity placed by someone else within it is the one case
     * this cannot tell apart.
     */
    static final long ADOPTION_CLOCK_SKEW_MILLIS = 5_000;

    /** By account, every order id some leg or slice owns, with its owner's tag. */
    private final Map<String, Map<String, String>> claimed = new HashMap<>();

    /** {@code orderId} in {@code account}'s book belongs to the leg (or slice) tagged {@code ownerTag} alone. */
    void claim(String account, String orderId, String ownerTag) {
        claimed.computeIfAbsent(account, a -> new HashMap<>()).putIfAbsent(orderId, ownerTag);
    }

    /** The slice sent or adopted {@code orderId}, in its position's account. */
    void own(LiveSlice slice, String orderId) {
        claimed.computeIfAbsent(slice.leg.position.account, a -> new HashMap<>()).put(orderId, slice.tag);
    }

    /**
     * The order in the holding account's book that is this slice's exit, or null. Every candidate must be this
     * slice's contract: the same symbol, exchange, side and product as its leg, the slice's own quantity,
     * limit-priced, and owned by no other leg or slice this desk knows of in that account. A server that reports
     * tags must also report this slice's tag. One that does not (OpenAlgo's broker order books never echo
     * {@code strategy}) must report a placement time no earlier than the trigger (the leg's own when it exits on its
     * own rule: its position may have been triggered later, by another way out, long after its order), less
     * {@link #ADOPTION_CLOCK_SKEW_MILLIS}: an older order for the same contract is someone else's, and adopting it
     * would leave this position open at the broker and unwatched. Of several such untagged orders, the newest. An
     * untagged order with no placement time is never adopted; sending a new exit is the lesser risk.
     */
    BrokerOrder existing(List<BrokerOrder> orders, LiveSlice slice) {
        long earliest = slice.leg.exitTriggeredMillis() - ADOPTION_CLOCK_SKEW_MILLIS;
        Map<String, String> owners = claimed.getOrDefault(slice.leg.position.account, Map.of());
        BrokerOrder newestUntagged = null;
        for (BrokerOrder order : orders) {
            String owner = order.orderId() == null ? null : owners.get(order.orderId());
            if (order.orderId() == null || owner != null && !owner.equals(slice.tag) || !sameContract(order, slice)) {
                continue;
            }
            boolean tagged = order.strategy() != null && !order.strategy().isBlank();
            // an order a journal (this one, or a damaged copy of it) already gave to this slice is this slice's
            if (slice.tag.equals(owner) || tagged && order.strategy().equals(slice.tag)) {
                return order;
            }
            // untagged, slices of one leg and one quantity are interchangeable: whichever looks first takes one
            if (!tagged && order.placedMillis() > 0 && order.placedMillis() >= earliest
                    && (newestUntagged == null || order.placedMillis() > newestUntagged.placedMillis())) {
                newestUntagged = order;
            }
        }
        // of several within the skew, the newest: this slice's own send came after its trigger, while another exit
        // of the same contract that a person has since taken off the desk (its records lost to damage, its position
        // cancelled in review) sent its order no later than its own, usually earlier
        return newestUntagged;
    }

    private static boolean sameContract(BrokerOrder order, LiveSlice slice) {
        return slice.leg.symbol.equals(order.symbol()) && slice.leg.exchange.equalsIgnoreCase(order.exchange())
                && order.action() == slice.leg.side.exitAction() && order.quantity() == slice.quantity
                && (blank(order.product()) || slice.leg.position.product.equalsIgnoreCase(order.product()))
                && (blank(order.priceType()) || "LIMIT".equalsIgnoreCase(order.priceType()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
