package io.optionchain.gateway.feed;

import java.time.Duration;

/**
 * How a {@link MarketDataClient} connects and recovers. Validated on construction, naming value and rule.
 *
 * @param connectTimeout       TCP connect plus WebSocket handshake; 100 ms..60 s. Too short fails on a
 *                             slow link, too long delays noticing a dead server
 * @param authTimeout          wait for the authenticate reply before dropping the connection and retrying;
 *                             100 ms..60 s. OpenAlgo itself closes unauthenticated sockets after 15 s
 * @param maxSymbolsPerMessage symbols per subscribe or unsubscribe message; 1..1000. OpenAlgo answers
 *                             each message once, so larger means fewer replies but one failure covers more
 * @param reconnectMin         first reconnect delay, doubled per failed attempt; 10 ms..reconnectMax
 * @param reconnectMax         ceiling of the reconnect delay; up to 10 min. A random half of each delay is
 *                             jitter, so many clients do not reconnect in step
 * @param pingInterval         WebSocket ping period, so a silent market still proves the link alive;
 *                             0 disables, else 1 s..5 min and below staleAfter
 * @param staleAfter           no frame, ping or pong for this long means the link is dead: drop it and
 *                             reconnect; 0 disables, else 2 s..10 min
 */
public record FeedSettings(Duration connectTimeout, Duration authTimeout, int maxSymbolsPerMessage,
                           Duration reconnectMin, Duration reconnectMax, Duration pingInterval,
                           Duration staleAfter) {

    public FeedSettings {
        within("connectTimeout", connectTimeout, Duration.ofMillis(100), Duration.ofSeconds(60));
        within("authTimeout", authTimeout, Duration.ofMillis(100), Duration.ofSeconds(60));
        if (maxSymbolsPerMessage < 1 || maxSymbolsPerMessage > 1000) {
            throw new IllegalArgumentException("maxSymbolsPerMessage must be 1..1000, got " + maxSymbolsPerMessage);
        }
        within("reconnectMax", reconnectMax, Duration.ofMillis(10), Duration.ofMinutes(10));
        within("reconnectMin", reconnectMin, Duration.ofMillis(10), reconnectMax);
        if (!pingInterval.isZero()) {
            within("pingInterval", pingInterval, Duration.ofSeconds(1), Duration.ofMinutes(5));
        }
        if (!staleAfter.isZero()) {
            within("staleAfter", staleAfter, Duration.ofSeconds(2), Duration.ofMinutes(10));
            if (!pingInterval.isZero() && pingInterval.compareTo(staleAfter) >= 0) {
                throw new IllegalArgumentException("pingInterval must be below staleAfter, got "
                        + pingInterval + " >= " + staleAfter);
            }
        }
    }

    /** Connect 5 s, auth 10 s, 100 symbols a message, reconnect 250 ms doubling to 30 s, ping 10 s, stale 30 s. */
    public static FeedSettings defaults() {
        return new FeedSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 100,
                Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public FeedSettings withReconnect(Duration min, Duration max) {
        return new FeedSettings(connectTimeout, authTimeout, maxSymbolsPerMessage, min, max, pingInterval, staleAfter);
    }

    public FeedSettings withMaxSymbolsPerMessage(int max) {
        return new FeedSettings(connectTimeout, authTimeout, max, reconnectMin, reconnectMax, pingInterval, staleAfter);
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
