package io.optionchain.web.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.optionchain.web.alerts.AlertKinds;
import io.optionchain.web.alerts.RetryPolicy;
import io.optionchain.web.alerts.TelegramTarget;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static io.optionchain.web.config.ConfigLoader.ALSO_LEFT_OUT;
import static io.optionchain.web.config.ConfigLoader.LEFT_OUT;

/**
 * Alerts out, as {@code application.yaml}'s {@code alerts:} section writes them. A file without the section sends
 * nothing. No message about this section ever quotes a webhook's URL: it often carries the token.
 *
 * @param queueSize     alerts that may wait for the sender, 1..100,000: past it an alert is dropped and counted,
 *                      never waited for. A few hundred covers a kill switch over every position; more only holds
 *                      alerts longer behind a target that hangs
 * @param maxAttempts   attempts per alert and target, the first included, 1..10
 * @param retryFirstMs  the wait before the first retry, doubled per attempt (half of it random)…
 * @param retryMaxMs    …up to this
 * @param timeoutMs     each attempt's limit (connect and answer), 100..60,000 ms: a target that hangs holds the
 *                      sender this long per attempt
 * @param webhooks      where alerts are POSTed as JSON; none is fine
 * @param telegram      OpenAlgo's Telegram service through the primary account's server and key
 */
public record AlertsConfig(int queueSize, int maxAttempts, long retryFirstMs, long retryMaxMs, long timeoutMs,
                           List<Webhook> webhooks, Telegram telegram) {
    private static final int MOST_QUEUED = 100_000;

    public AlertsConfig {
        if (queueSize < 1 || queueSize > MOST_QUEUED) {
            throw new IllegalArgumentException("queue_size must be 1.." + MOST_QUEUED + ", got " + queueSize);
        }
        if (retryFirstMs < 0) {
            throw new IllegalArgumentException("retry_first_ms must be 0 or more, got " + retryFirstMs);
        }
        retryPolicy(maxAttempts, retryFirstMs, retryMaxMs, timeoutMs); // its checks name the field
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (Webhook webhook : webhooks) {
            if (!names.add(webhook.name()) || TelegramTarget.NAME.equals(webhook.name())) {
                throw new IllegalArgumentException("webhooks names repeat or take telegram's: '" + webhook.name()
                        + "'");
            }
        }
        if (telegram == null) {
            telegram = Telegram.OFF;
        }
    }

    /** What a file without the section gets: nothing is sent. */
    public static AlertsConfig defaults() {
        return new AlertsConfig(1_024, 5, 500, 30_000, 5_000, List.of(), Telegram.OFF);
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy(maxAttempts, retryFirstMs, retryMaxMs, timeoutMs);
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMs);
    }

    private static RetryPolicy retryPolicy(int attempts, long first, long max, long timeout) {
        return new RetryPolicy(attempts, Duration.ofMillis(first), Duration.ofMillis(max), Duration.ofMillis(timeout));
    }

    /**
     * One webhook.
     *
     * @param name  its label in logs, status and metrics: 1-32 of a-z, 0-9, - and _
     * @param url   http or https, absolute, with a host; may carry a token in its path or query, which nothing
     *              prints
     * @param kinds the kinds to send ({@link AlertKinds#known()}); left out, {@link AlertKinds#DEFAULTS}
     */
    public record Webhook(String name, String url,
                          @JacksonInject(value = LEFT_OUT, useInput = OptBoolean.TRUE) List<String> kinds) {
        public Webhook {
            if (name == null || !name.matches("[a-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("name must be 1-32 of a-z, 0-9, - and _, got '" + name + "'");
            }
            uri(url);
            kinds = kinds == null ? List.copyOf(AlertKinds.DEFAULTS) : List.copyOf(checked(kinds));
        }

        public URI uri() {
            return uri(url);
        }

        public Set<String> kindSet() {
            return Set.copyOf(kinds);
        }

        private static URI uri(String url) {
            URI uri;
            try {
                uri = url == null ? null : new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("url must be an absolute http or https URL (not shown: it may hold"
                        + " a token)");
            }
            if (uri == null || uri.getScheme() == null || uri.getHost() == null
                    || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("url must be an absolute http or https URL with a host (not shown:"
                        + " it may hold a token)");
            }
            return uri;
        }

        /** Name and host alone: the start-up log prints the config, and a URL's path or query may be its token. */
        @Override
        public String toString() {
            return "Webhook[name=" + name + ", host=" + uri().getHost() + ", kinds=" + kinds + "]";
        }
    }

    /**
     * OpenAlgo's Telegram service ({@code /api/v1/telegram/notify}) on the primary account's server, with its key.
     *
     * @param enabled  off unless the OpenAlgo server runs its Telegram bot and the user has linked it
     * @param username the OpenAlgo login user name (not the Telegram handle); required when enabled
     * @param kinds    as a webhook's
     */
    public record Telegram(boolean enabled, @JacksonInject(value = LEFT_OUT, useInput = OptBoolean.TRUE) String username,
                           @JacksonInject(value = ALSO_LEFT_OUT, useInput = OptBoolean.TRUE) List<String> kinds) {
        static final Telegram OFF = new Telegram(false, null, null);

        public Telegram {
            if (enabled && (username == null || username.isBlank())) {
                throw new IllegalArgumentException("username must be the OpenAlgo login user name when telegram is"
                        + " enabled");
            }
            kinds = kinds == null ? List.copyOf(AlertKinds.DEFAULTS) : List.copyOf(checked(kinds));
        }

        public Set<String> kindSet() {
            return Set.copyOf(kinds);
        }
    }

    private static List<String> checked(List<String> kinds) {
        Set<String> known = AlertKinds.known();
        List<String> unknown = kinds.stream().filter(k -> !known.contains(k)).toList();
        if (!unknown.isEmpty() || kinds.isEmpty()) {
            throw new IllegalArgumentException("kinds must name at least one of " + known + "; unknown: "
                    + unknown.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")));
        }
        return kinds;
    }
}
