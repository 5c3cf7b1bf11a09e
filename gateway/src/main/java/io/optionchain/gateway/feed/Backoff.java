package io.optionchain.gateway.feed;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A {@link MarketDataClient}'s reconnect delays, paired with the {@link StaleWatchdog} that condemns a link: exponential
 * from a floor to a ceiling, with "equal jitter" (half fixed, half random) so a fleet of clients dropped together
 * does not return together, yet no delay collapses to zero.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** @param attempt failed attempts so far, 0 for the first retry */
    long delayMillis(int attempt) {
        // min is at most 10 minutes (< 2^20 ms), so a shift of 30 cannot overflow and already exceeds any max.
        long ceiling = Math.min(maxMillis, minMillis << Math.min(attempt, 30));
        long half = ceiling / 2;
        return ceiling - half + random.nextLong(half + 1);
    }
}
