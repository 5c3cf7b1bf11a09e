package io.optionchain.gateway.feed;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Times one connection's recovery for its {@link ReconnectReport}, beside the {@link Backoff} that paces it: from
 * the first failure, through the connects it took, to the authenticate reply and the first tick again.
 * The {@link MarketDataClient}'s thread only.
 */
final class RecoveryTimer {
    /** Stamps when a recovery ended; the durations themselves are measured on nanoTime. */
    private final Clock clock;
    /** Since when the last working connection is lost (nanoTime); 0 while none is lost. */
    private long lostNanos;
    private String lostCause;
    private int attempts;
    private long authenticatedAfterMillis;

    RecoveryTimer(Clock clock) {
        this.clock = clock;
    }

    /** A connect begins; during a recovery it counts as an attempt. */
    void connecting() {
        if (lostNanos != 0) {
            attempts++;
        }
    }

    /** A connection was lost or a connect failed. */
    void failed(String cause) {
        if (lostNanos == 0) {
            // a recovery starts with the first failure; failed reconnects on the way do not restart its clock
            lostNanos = System.nanoTime();
            lostCause = cause;
            attempts = 0;
        }
    }

    void authenticated(long nowNanos) {
        if (lostNanos != 0) {
            authenticatedAfterMillis = TimeUnit.NANOSECONDS.toMillis(nowNanos - lostNanos);
        }
    }

    /** @return the report of the recovery this first tick ends, or null when none is under way */
    ReconnectReport firstTick(long arrivalNanos) {
        if (lostNanos == 0) {
            return null;
        }
        ReconnectReport report = new ReconnectReport(lostCause, attempts, authenticatedAfterMillis,
                TimeUnit.NANOSECONDS.toMillis(arrivalNanos - lostNanos), clock.instant());
        lostNanos = 0;
        return report;
    }
}
