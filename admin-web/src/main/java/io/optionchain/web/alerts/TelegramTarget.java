package io.optionchain.web.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.ports.AuditKind;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * OpenAlgo's Telegram service ({@code POST /api/v1/telegram/notify}, {@code docs/TELEGRAM_ALERT_API.md}) through
 * an account's server and key: {@code apikey}, {@code username} (the OpenAlgo login, not the Telegram handle),
 * the alert as one line ({@link Alert#text()}) and a priority by kind. The key is read for each attempt, so a key
 * replaced in its file is used at once, and appears nowhere but in the request body.
 */
public final class TelegramTarget implements AlertTarget {
    /** How logs, status and metrics name this target. */
    public static final String NAME = "telegram";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** OpenAlgo's scale: 9-10 stop-loss hits and risk alerts, 7-8 position updates, 5 its default. */
    private static final Map<String, Integer> PRIORITIES = Map.of(
            AuditKind.EXIT_FAILED.name(), 10, AuditKind.EXIT_QUEUED.name(), 10, AlertKinds.FEED_DOWN, 10,
            AlertKinds.LIMIT_FIRED, 10, AuditKind.TRIGGER.name(), 9, AuditKind.ALERT.name(), 8,
            AuditKind.FAILOVER.name(), 8, AuditKind.FILL.name(), 7);
    private static final int DEFAULT_PRIORITY = 5;

    private final String host;
    private final Supplier<String> apiKey;
    private final String username;
    private final Set<String> kinds;
    private final JsonPost post;

    /** @param restUrl the OpenAlgo server's {@code http(s)://host:port} */
    public TelegramTarget(String restUrl, Supplier<String> apiKey, String username, Set<String> kinds,
                          Duration timeout) {
        URI notify = URI.create(restUrl.replaceAll("/+$", "") + "/api/v1/telegram/notify");
        this.host = notify.getHost();
        this.apiKey = apiKey;
        this.username = username;
        this.kinds = Set.copyOf(kinds);
        this.post = new JsonPost(notify, timeout);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public boolean wants(String kind) {
        return kinds.contains(kind);
    }

    @Override
    public Delivery attempt(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apikey", apiKey.get());
        body.put("username", username);
        body.put("message", alert.text());
        body.put("priority", PRIORITIES.getOrDefault(alert.kind(), DEFAULT_PRIORITY));
        try {
            return post.send(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification is a map of strings and numbers", e);
        }
    }

    @Override
    public String toString() {
        return "telegram (" + host + ")";
    }
}
