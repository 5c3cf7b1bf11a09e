package io.optionchain.web.alerts;

import java.util.List;

/**
 * The notifier as status and {@code /metrics} show it. Holds no URL and no key.
 *
 * @param queued   alerts waiting for the sender now
 * @param capacity the queue's size: past it an alert is dropped and counted, never waited for
 * @param dropped  alerts dropped because the queue was full, since the start
 */
public record AlertStatus(int queued, int capacity, long dropped, List<Target> targets) {

    /**
     * One target's counts since the start: alerts it took, alerts given up on (retries spent, or refused with a
     * 4xx that is not 408 or 429), retries made, and alerts it asked for that the full queue dropped.
     *
     * @param lastFailure       why the last failed attempt failed ({@code HTTP 500}, {@code timed out after 5000
     *                          ms}), null before any
     * @param lastFailureMillis when, epoch ms; 0 before any
     */
    public record Target(String name, String host, long sent, long failed, long retried, long dropped,
                         String lastFailure, long lastFailureMillis) {
    }
}
