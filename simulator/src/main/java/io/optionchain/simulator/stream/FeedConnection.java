package io.optionchain.simulator.stream;

/**
 * One live market-data WebSocket session, as the simulator's {@code connections()} and
 * {@code GET /sim/connections} report it.
 *
 * @param id            the server's id of the session, stable while it lives
 * @param authenticated whether it has sent a valid API key
 * @param symbols       distinct symbols it is subscribed to, in any mode
 */
public record FeedConnection(String id, boolean authenticated, int symbols) {
}
