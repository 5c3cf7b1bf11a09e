package io.optionchain.engine.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * @param connectBefore      how long before the day's first session the feed connects and authenticates
 * @param cleanupAfter       how long after the day's last session it unsubscribes and closes
 * @param accountCheckEvery  how often the primary account is pinged
 * @param failuresBeforeLost consecutive failed pings that make a usable account lost (one blip is not a loss)
 * @param refusedRetryAfter  how long after the feed refused the key a new connection is tried
 */
public record LifecycleSettings(Duration connectBefore, Duration cleanupAfter, Duration accountCheckEvery,
                                int failuresBeforeLost, Duration refusedRetryAfter) {

    public LifecycleSettings {
        Objects.requireNonNull(connectBefore, "connectBefore");
        Objects.requireNonNull(cleanupAfter, "cleanupAfter");
        Objects.requireNonNull(accountCheckEvery, "accountCheckEvery");
        Objects.requireNonNull(refusedRetryAfter, "refusedRetryAfter");
        if (connectBefore.isNegative() || cleanupAfter.isNegative()) {
            throw new IllegalArgumentException("connect_before and cleanup_after must not be negative");
        }
        if (accountCheckEvery.isNegative() || accountCheckEvery.isZero()) {
            throw new IllegalArgumentException("account_check_every must be positive");
        }
        if (failuresBeforeLost < 1) {
            throw new IllegalArgumentException("failures_before_lost must be at least 1");
        }
    }

    /** The seed's: connect 5 minutes before the pre-open, clean up 5 minutes after the post-close. */
    public static LifecycleSettings defaults() {
        return new LifecycleSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(10), 2,
                Duration.ofMinutes(1));
    }
}
