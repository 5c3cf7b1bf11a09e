package io.optionchain.gateway.rest;

import java.time.Duration;

/**
 * How the REST client treats OpenAlgo: how fast it may call, how it retries, what it caches.
 *
 * @param requestsPerSecond client-side limit, 1..1000. OpenAlgo's limiter (Flask-Limiter, per client IP)
 *                          defaults to 10/s in code (API_RATE_LIMIT; 50/s in .sample.env); staying under it
 *                          avoids 429s instead of recovering from them
 * @param maxAttempts       tries per call on 429, 5xx or no response, 1..10; more rides out longer outages
 *                          but holds the caller (start-up, admin threads) longer
 * @param firstRetryDelay   delay before the first retry, doubled per retry with random jitter; 10 ms..10 s
 * @param maxRetryDelay     ceiling of a retry delay; firstRetryDelay..60 s
 * @param cacheTtl          how long slow-changing answers (expiries) are reused; 0 disables, else up to 1 h.
 *                          The seed's 30 s keeps a dashboard's reloads off the broker
 * @param cacheEntries      most cached answers kept (least recently used go first); 1..100,000
 */
public record RestPolicy(int requestsPerSecond, int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay,
                         Duration cacheTtl, int cacheEntries) {

    public RestPolicy {
        if (requestsPerSecond < 1 || requestsPerSecond > 1_000) {
            throw new IllegalArgumentException("requestsPerSecond must be 1..1000, got " + requestsPerSecond);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10, got " + maxAttempts);
        }
        within("firstRetryDelay", firstRetryDelay, Duration.ofMillis(10), Duration.ofSeconds(10));
        within("maxRetryDelay", maxRetryDelay, firstRetryDelay, Duration.ofSeconds(60));
        within("cacheTtl", cacheTtl, Duration.ZERO, Duration.ofHours(1));
        if (cacheEntries < 1 || cacheEntries > 100_000) {
            throw new IllegalArgumentException("cacheEntries must be 1..100000, got " + cacheEntries);
        }
    }

    /** 10 requests/s, 4 attempts from 200 ms doubling to 5 s, expiries cached 30 s, 1,000 entries. */
    public static RestPolicy defaults() {
        return new RestPolicy(10, 4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30), 1_000);
    }

    public RestPolicy withRetries(int attempts, Duration first, Duration max) {
        return new RestPolicy(requestsPerSecond, attempts, first, max, cacheTtl, cacheEntries);
    }

    public RestPolicy withRequestsPerSecond(int rate) {
        return new RestPolicy(rate, maxAttempts, firstRetryDelay, maxRetryDelay, cacheTtl, cacheEntries);
    }

    public RestPolicy withCacheTtl(Duration ttl) {
        return new RestPolicy(requestsPerSecond, maxAttempts, firstRetryDelay, maxRetryDelay, ttl, cacheEntries);
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
