package io.optionchain.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One OpenAlgo server as the REST clients reach it, shared by {@link OpenAlgoRestClient} and the order client:
 * its base URL, the API key, the request timeout and the HTTP client, and how calls to it are limited and
 * retried. OpenAlgo's REST is POST-only with JSON bodies; the key travels only inside those bodies and is
 * scrubbed from anything a client repeats into an exception or a log.
 */
public final class OpenAlgoEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough of a reply to recognise it in a message or a log line, not enough to flood either. */
    private static final int EXCERPT = 200;

    private final String baseUrl;
    private final Supplier<String> apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:5000}, without {@code /api/v1}
     * @param timeout for connecting and for each whole request
     */
    public OpenAlgoEndpoint(String baseUrl, String apiKey, Duration timeout) {
        this(baseUrl, () -> apiKey, timeout);
    }

    /** @param apiKey the key as it stands at each request: an account's key may be replaced while it runs */
    public OpenAlgoEndpoint(String baseUrl, Supplier<String> apiKey, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        if (apiKey.get() == null || apiKey.get().isBlank()) {
            throw new IllegalArgumentException("apiKey must be set");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A request body carrying the key, for the caller to add exactly the fields the endpoint accepts. */
    public ObjectNode body() {
        ObjectNode body = JSON.createObjectNode();
        body.put("apikey", apiKey.get());
        return body;
    }

    /** POSTs {@code json} to {@code /api/v1/{endpoint}}. */
    public HttpResponse<String> post(String endpoint, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + endpoint))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A server might echo what it was sent; the key must not travel on into exceptions or logs. */
    public String scrub(String text) {
        return text == null ? "" : text.replace(apiKey.get(), "****");
    }

    /** A reply's body as JSON; null when it is not JSON at all. */
    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** OpenAlgo's message is text, or for schema errors an object ({"foo":["Unknown field."]}); scrubbed, cut short. */
    public String serverMessage(JsonNode reply) {
        JsonNode message = reply.path("message");
        String text = message.isTextual() ? message.asText()
                : message.isMissingNode() || message.isNull() ? "no message: " + reply : message.toString();
        return excerpt(scrub(text));
    }

    public static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }

    /** {@code perSecond} permits a second, waiting at most the request timeout for one. */
    public RateLimiter limiter(String name, int perSecond) {
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(timeout)
                .build());
    }

    /**
     * Retries a call up to {@code maxAttempts} tries in all, waiting {@code firstDelay} doubling per retry with
     * half of each delay random (so clients dropped together do not return together), at most {@code maxDelay};
     * only failures {@code worthRetrying} accepts are retried.
     */
    public static Retry retry(String name, int maxAttempts, Duration firstDelay, Duration maxDelay,
                              Predicate<Throwable> worthRetrying) {
        return Retry.of(name, RetryConfig.<Object>custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(firstDelay, 2.0, 0.5, maxDelay))
                .retryOnException(worthRetrying)
                .build());
    }

    @Override
    public String toString() {
        return baseUrl + ", apiKey=****";
    }
}
