package io.optionchain.simulator.faults;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One account's order failures, read by its order desk and endpoints: a broker that rejects after
 * accepting, fails outright, answers too late for the client (while the order does exist), or never
 * fills. Switched through the account's {@link Faults}.
 */
public final class OrderFaults {
    private final AtomicInteger ordersToReject = new AtomicInteger();
    private final AtomicInteger ordersToFail = new AtomicInteger();
    private volatile long delayMillis;
    private volatile boolean neverFill;

    OrderFaults() {
    }

    /**
     * The next {@code orders} placed orders are accepted (an order id comes back) and then rejected by
     * the broker's risk checks: order status "rejected" with a broker message. 0 cancels.
     */
    void rejectNext(int orders) {
        ordersToReject.set(Faults.count("orders", orders));
    }

    /** The next {@code orders} placeorder calls answer HTTP 500 and place nothing. 0 cancels. */
    void failNext(int orders) {
        ordersToFail.set(Faults.count("orders", orders));
    }

    /**
     * Every placeorder answers this much later; the order is placed (and may fill) before the wait, as
     * when a broker is slow to acknowledge and the client times out on an order that exists. Zero: off.
     */
    void slow(Duration delay) {
        delayMillis = Faults.millis(delay);
    }

    /** While on, orders rest unfilled (open, or trigger pending); once off they fill on the next ticks. */
    void neverFill(boolean on) {
        neverFill = on;
    }

    void reset() {
        ordersToReject.set(0);
        ordersToFail.set(0);
        delayMillis = 0;
        neverFill = false;
    }

    void settings(Map<String, Object> settings) {
        settings.put("reject_orders_remaining", ordersToReject.get());
        settings.put("fail_orders_remaining", ordersToFail.get());
        settings.put("slow_orders_ms", delayMillis);
        settings.put("never_fill", neverFill);
    }

    /** How much later every placeorder answers; 0 for at once. */
    public long delayMillis() {
        return delayMillis;
    }

    public boolean neverFilling() {
        return neverFill;
    }

    /** Uses up one pending rejection, if any. */
    public boolean takeRejection() {
        return Faults.takeOne(ordersToReject);
    }

    /** Uses up one pending placeorder failure, if any. */
    public boolean takeFailure() {
        return Faults.takeOne(ordersToFail);
    }
}
