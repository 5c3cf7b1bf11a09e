package io.optionchain.gateway.orders;

import java.time.Duration;

/**
 * How the order client treats OpenAlgo's order endpoints.
 *
 * <p>{@code placeorder} is never retried by the client, whatever this says: OpenAlgo has no client order id,
 * so a second send after a lost answer could be a second exit. The caller decides, after looking in the
 * order book. Everything else is safe to repeat (a modify to the same price, a cancel, a read) and is retried
 * on 429, 5xx or no answer.
 *
 * @param ordersPerSecond   client-side limit on placeorder, modifyorder and cancelorder, 1..100: OpenAlgo's
 *                          ORDER_RATE_LIMIT is 10 per second per client address
 * @param readsPerSecond    client-side limit on orderstatus and orderbook, 1..100: API_RATE_LIMIT, 10/s in code
 * @param maxAttempts       tries of a repeatable call, 1..10
 * @param firstRetryDelay   before the first retry, doubling with jitter, 10 ms..10 s
 * @param maxRetryDelay     ceiling of a retry delay, firstRetryDelay..60 s
 */
public record OrderPolicy(int ordersPerSecond, int readsPerSecond, int maxAttempts, Duration firstRetryDelay,
                          Duration maxRetryDelay) {

    public OrderPolicy {
        if (ordersPerSecond < 1 || ordersPerSecond > 100) {
            throw new IllegalArgumentException("ordersPerSecond must be 1..100, got " + ordersPerSecond);
        }
        if (readsPerSecond < 1 || readsPerSecond > 100) {
            throw new IllegalArgumentException("readsPerSecond must be 1..100, got " + readsPerSecond);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10, got " + maxAttempts);
        }
        within("firstRetryDelay", firstRetryDelay, Duration.ofMillis(10), Duration.ofSeconds(10));
        within("maxRetryDelay", maxRetryDelay, firstRetryDelay, Duration.ofSeconds(60));
    }

    /** 10 orders/s and 10 reads/s as OpenAlgo allows; repeatable calls tried 3 times from 200 ms to 2 s. */
    public static OrderPolicy defaults() {
        return new OrderPolicy(10, 10, 3, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    public OrderPolicy withOrdersPerSecond(int rate) {
        return new OrderPolicy(rate, readsPerSecond, maxAttempts, firstRetryDelay, maxRetryDelay);
    }

    public OrderPolicy withRetries(int attempts, Duration first, Duration max) {
        return new OrderPolicy(ordersPerSecond, readsPerSecond, attempts, first, max);
    }

    private static void within(String name, Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
