package io.optionchain.web.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.pool.PoolSettings;

import io.optionchain.engine.accounts.FailoverSettings;

import java.time.Duration;
import java.util.List;
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
 * @param level1Attempts        connection losses of the active account within {@code level1WindowMs} after which
 *                              another account takes over (1..20): fewer switches on a blip, more waits out a
 *                              dying link
 * @param level1WindowMs        the span those losses are counted in (1 s..1 h)
 * @param rateLimitCooldownMs   a rate-limited account takes market data back after this long (0..1 day); the
 *                              broker's limits are per minute or per day, 15 min rides out most
 * @param suspendedMessages     words in a broker's refusal that mean the account is suspended, matched ignoring
 *                              case; none blank, since a blank word is in every refusal; empty to match none
 * @param hotStandby            a twin socket per connection on the same account with the same subscriptions, so a
 *                              dropped socket loses no tick; twice the sockets and frames. Left out: false
 */
public record FeedConfig(long connectTimeoutMs, long authTimeoutMs, int symbolsPerMessage, long reconnectMinMs,
                         long reconnectMaxMs, long pingIntervalMs, long staleAfterMs, int maxConnections,
                         int symbolsPerConnection, int level1Attempts, long level1WindowMs,
                         long rateLimitCooldownMs, List<String> suspendedMessages,
                         @JacksonInject(value = ConfigLoader.LEFT_OUT, useInput = OptBoolean.TRUE) Boolean hotStandby) {

    private static final int MOST_LEVEL1_ATTEMPTS = 20;
    private static final long LEAST_LEVEL1_WINDOW_MS = 1_000;
    private static final long MOST_LEVEL1_WINDOW_MS = 3_600_000;
    private static final long MOST_COOLDOWN_MS = 86_400_000;

    public FeedConfig {
        hotStandby = hotStandby != null && hotStandby;
        if (level1Attempts < 1 || level1Attempts > MOST_LEVEL1_ATTEMPTS) {
            throw new IllegalArgumentException("level1_attempts must be 1.." + MOST_LEVEL1_ATTEMPTS + ", got "
                    + level1Attempts);
        }
        if (level1WindowMs < LEAST_LEVEL1_WINDOW_MS || level1WindowMs > MOST_LEVEL1_WINDOW_MS) {
            throw new IllegalArgumentException("level1_window_ms must be " + LEAST_LEVEL1_WINDOW_MS + ".."
                    + MOST_LEVEL1_WINDOW_MS + ", got " + level1WindowMs);
        }
        if (rateLimitCooldownMs < 0 || rateLimitCooldownMs > MOST_COOLDOWN_MS) {
            throw new IllegalArgumentException("rate_limit_cooldown_ms must be 0.." + MOST_COOLDOWN_MS + ", got "
                    + rateLimitCooldownMs);
        }
        if (suspendedMessages == null || suspendedMessages.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw new IllegalArgumentException("suspended_messages must be words, none blank (a blank one would match"
                    + " every refusal); [] for none");
        }
        suspendedMessages = suspendedMessages.stream().map(String::strip).toList();
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
                      int symbolsPerConnection, int level1Attempts, long level1WindowMs, long rateLimitCooldownMs,
                      List<String> suspendedMessages) {
        this(connectTimeoutMs, authTimeoutMs, symbolsPerMessage, reconnectMinMs, reconnectMaxMs, pingIntervalMs,
                staleAfterMs, maxConnections, symbolsPerConnection, level1Attempts, level1WindowMs,
                rateLimitCooldownMs, suspendedMessages, false);
    }

    public FeedConfig withHotStandby(boolean on) {
        return new FeedConfig(connectTimeoutMs, authTimeoutMs, symbolsPerMessage, reconnectMinMs, reconnectMaxMs,
                pingIntervalMs, staleAfterMs, maxConnections, symbolsPerConnection, level1Attempts, level1WindowMs,
                rateLimitCooldownMs, suspendedMessages, on);
    }

    public FeedSettings feedSettings() {
        return settings(connectTimeoutMs, authTimeoutMs, symbolsPerMessage, reconnectMinMs, reconnectMaxMs,
                pingIntervalMs, staleAfterMs);
    }

    public FailoverSettings failoverSettings() {
        return new FailoverSettings(level1Attempts, Duration.ofMillis(level1WindowMs),
                Duration.ofMillis(rateLimitCooldownMs), suspendedMessages);
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
