package io.optionchain.gateway.feed;

import java.util.Map;

/**
 * A snapshot of a {@link MarketDataClient} for dashboards and health checks. Counters are read one by
 * one, not atomically together, so they may disagree by a frame or two.
 *
 * @param connection           the connection's name, e.g. "primary-1" (account and its connection number)
 * @param account              the OpenAlgo account it belongs to, by name; never its key
 * @param state                where the connection is
 * @param detail               why it is there, e.g. "authentication failed: Invalid API key"; never the key
 * @param frames               text frames received, of every kind
 * @param ticks                ticks decoded and accepted by the sink
 * @param malformed            frames that were not JSON, truncated, or market data without a symbol or fields
 * @param oversized            frames larger than any OpenAlgo sends, skipped unread
 * @param unknownSymbols       market-data frames for symbols the registry does not know
 * @param dropped              ticks the sink refused because the ring was full
 * @param reconnects           times the client set out to reconnect after losing or failing to open a connection
 * @param lastTickEpochMillis  wall-clock time of the last accepted tick; 0 before the first
 * @param subscribedSymbols    symbols the client has been asked to keep subscribed
 * @param failedSubscriptions  symbol to OpenAlgo's reason, for symbols whose last subscribe failed
 * @param lastRecovery         the last reconnect that delivered a tick again; null before the first
 * @param role                 which socket of a hot standby pair this is; a connection without a twin is primary
 */
public record FeedStatus(String connection, String account, ConnectionState state, String detail, long frames,
                         long ticks, long malformed,
                         long oversized, long unknownSymbols, long dropped, long reconnects, long lastTickEpochMillis,
                         int subscribedSymbols, Map<String, String> failedSubscriptions,
                         ReconnectReport lastRecovery, Role role) {

    /** A socket's part in its pair: both hold the same subscriptions; stage 1 drops the second copy of a tick. */
    public enum Role {
        PRIMARY, STANDBY
    }

    public FeedStatus {
        failedSubscriptions = Map.copyOf(failedSubscriptions);
        role = role == null ? Role.PRIMARY : role;
    }

    /** A connection without a twin: the primary. */
    public FeedStatus(String connection, String account, ConnectionState state, String detail, long frames,
                      long ticks, long malformed, long oversized, long unknownSymbols, long dropped, long reconnects,
                      long lastTickEpochMillis, int subscribedSymbols, Map<String, String> failedSubscriptions,
                      ReconnectReport lastRecovery) {
        this(connection, account, state, detail, frames, ticks, malformed, oversized, unknownSymbols, dropped,
                reconnects, lastTickEpochMillis, subscribedSymbols, failedSubscriptions, lastRecovery, Role.PRIMARY);
    }

    public FeedStatus withRole(Role newRole) {
        return new FeedStatus(connection, account, state, detail, frames, ticks, malformed, oversized, unknownSymbols,
                dropped, reconnects, lastTickEpochMillis, subscribedSymbols, failedSubscriptions, lastRecovery,
                newRole);
    }
}
