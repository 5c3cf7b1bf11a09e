package io.optionchain.web.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.pool.PoolSettings;

import java.time.Duration;
import java.util.Locale;

/**
 * The market-data connections: how they connect, notice a dead link, back off, and how many symbols each holds.
 * Limits are those of {@link FeedSettings} and {@link PoolSettings}, named here by their YAML fields.
 *
 * @param connectTimeoutMs      TCP connect and WebSocket handshake
 * @param authTimeoutMs         wait for the authenticate reply before retrying
 * @param symbolsPerMessage     symbols in one subscribe message
 * @param reconnectMinMs        first reconnect delay, doubling per failed attempt
 * @param reconnectMaxMs        ceiling of the reconnect delay; half of each delay is random jitter
 * @param pingIntervalMs        WebSocket ping period; 0 disables
 * @param staleAfterMs          no frame for this long, or no tick while the market is open: reconnect; 0 disables
 * @param maxConnections        connections per account (pairs of sockets with a hot standby)
 * @param symbolsPerConnection  symbols one connection holds
 * @param hotStandby            a twin socket per connection on the same account with the same subscriptions, so a
 *                              dropped socket loses no tick; twice the sockets and frames. Left out: false
 */
public record FeedConfig(long connectTimeoutMs, long authTimeoutMs, int symbolsPerMessage, long reconnectMinMs,
                         long reconnectMaxMs, long pingIntervalMs, long staleAfterMs, int maxConnections,
                         int symbolsPerConnection,
                         @JacksonInject(value = ConfigLoader.LEFT_OUT, useInput = OptBoolean.TRUE) Boolean hotStandby) {

    public FeedConfig {
        hotStandby = hotStandby != null && hotStandby;
        try {
            settings(connectTimeoutMs, authTimeoutMs, symbolsPerMessage, reconnectMinMs, reconnectMaxMs, pingIntervalMs,
                    staleAfterMs);
            new PoolSettings(maxConnections, symbolsPerConnection);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(yamlNames(e.getMessage()), e);
        }
    }

    /** Without a hot standby. */
    public FeedConfig(long connectTimeoutMs, long authTimeoutMs, int symbolsPerMessage, long reconnectMinMs,
                      long reconnectMaxMs, long pingIntervalMs, long staleAfterMs, int maxConnections,
                      int symbolsPerConnection) {
        this(connectTimeoutMs, authTimeoutMs, symbolsPerMessage, reconnectMinMs, reconnectMaxMs, pingIntervalMs,
                staleAfterMs, maxConnections, symbolsPerConnection, false);
    }

    public FeedConfig withHotStandby(boolean on) {
        return new FeedConfig(connectTimeoutMs, authTimeoutMs, symbolsPerMessage, reconnectMinMs, reconnectMaxMs,
                pingIntervalMs, staleAfterMs, maxConnections, symbolsPerConnection, on);
    }

    public FeedSettings feedSettings() {
        return settings(connectTimeoutMs, authTimeoutMs, symbolsPerMessage, reconnectMinMs, reconnectMaxMs,
                pingIntervalMs, staleAfterMs);
    }

    public PoolSettings poolSettings() {
        return new PoolSettings(maxConnections, symbolsPerConnection, hotStandby);
    }

    private static FeedSettings settings(long connect, long auth, int perMessage, long min, long max, long ping,
                                         long stale) {
        return new FeedSettings(Duration.ofMillis(connect), Duration.ofMillis(auth), perMessage, Duration.ofMillis(min),
                Duration.ofMillis(max), Duration.ofMillis(ping), Duration.ofMillis(stale));
    }

    /** "reconnectMin must be …" becomes "reconnect_min_ms must be …", so the loader can point at the line. */
    private static String yamlNames(String message) {
        String[] words = message.split(" ", 2);
        String field = words[0].replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
        if (field.endsWith("_timeout") || field.startsWith("reconnect_") || field.endsWith("_interval")
                || field.equals("stale_after")) {
            field += "_ms";
        }
        field = field.replace("max_symbols_per_message", "symbols_per_message");
        return field + DurationText.inMillis(words.length > 1 ? " " + words[1] : "");
    }
}
