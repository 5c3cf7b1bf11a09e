package io.optionchain.web.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * A configured webhook: each alert of the kinds it asked for, its body as JSON, POSTed to its URL. The URL is kept
 * here and nowhere else; everything that reports on the target uses its {@link #name()} and {@link #host()}.
 */
public final class WebhookTarget implements AlertTarget {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String host;
    private final Set<String> kinds;
    private final JsonPost post;

    /** @param kinds the kinds to send, e.g. {@link AlertKinds#DEFAULTS} */
    public WebhookTarget(String name, URI url, Set<String> kinds, Duration timeout) {
        this.name = name;
        this.host = url.getHost();
        this.kinds = Set.copyOf(kinds);
        this.post = new JsonPost(url, timeout);
    }

    @Override
    public String name() {
        return name;
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
        try {
            return post.send(JSON.writeValueAsBytes(alert.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert body is a map of strings and numbers", e);
        }
    }

    @Override
    public String toString() {
        return "webhook " + name + " (" + host + ")";
    }
}
