package io.optionchain.gateway.feed;

import java.time.Instant;

/**
 * How one connection came back after it was lost: what broke it, how many connects it took, and how long
 * from the drop until the server accepted the key and until the first tick arrived again. The last figure
 * is what a stop-loss cares about: the time it was blind.
 *
 * @param cause                   why the connection was lost, e.g. "connection lost", "no tick for 30000 ms"
 * @param attempts                connects tried, the successful one included
 * @param authenticatedAfterMillis from the drop to the authenticate reply
 * @param firstTickAfterMillis    from the drop to the first tick on the new connection
 * @param recoveredAt             wall-clock time of that first tick
 */
public record ReconnectReport(String cause, int attempts, long authenticatedAfterMillis, long firstTickAfterMillis,
                              Instant recoveredAt) {
}
