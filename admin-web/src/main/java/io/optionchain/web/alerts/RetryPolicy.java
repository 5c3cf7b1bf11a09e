package io.optionchain.web.alerts;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often and how far apart an alert is offered to a target that did not take it: the first wait
 * {@code firstDelay}, doubled per attempt up to {@code maxDelay}, half of each wait random so targets failing
 * together do not retry together; a target's own {@code Retry-After} wins, capped at {@code maxDelay}.
 *
 * @param maxAttempts attempts in all, the first included: 1..10
 * @param timeout     each attempt's limit, connect and answer: 100 ms..60 s
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration timeout) {
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("max_attempts must be 1..10, got " + maxAttempts);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("retry_max_ms must be at least retry_first_ms, got " + maxDelay.toMillis()
                    + " ms < " + firstDelay.toMillis() + " ms");
        }
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("timeout_ms must be 100..60000, got " + timeout.toMillis());
        }
    }

    /**
     * The wait before attempt {@code next} (2 for the first retry).
     *
     * @param random a number in [0, 1): the jitter
     */
    Duration delayBefore(int next, Duration retryAfter, DoubleSupplier random) {
        if (retryAfter != null) {
            return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        long full = firstDelay.toMillis() << Math.min(next - 2, 20);
        long capped = Math.min(full, maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    }
}
