package io.optionchain.gateway.rest;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * One OpenAlgo server as the REST clients reach it: its base URL, the API key, the request timeout and the HTTP
 * client. OpenAlgo's REST is POST-only with JSON bodies; the key travels only inside those bodies and is
 * scrubbed from anything a client repeats into an exception or a log.
 */
public final class OpenAlgoEndpoint {
    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:5000}, without {@code /api/v1}
     * @param timeout for connecting and for each whole request
     */
    public OpenAlgoEndpoint(String baseUrl, String apiKey, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (apiKey == null || apiKey.isBlank()) {
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

    public String apiKey() {
        return apiKey;
    }

    public Duration timeout() {
        return timeout;
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
        return text == null ? "" : text.replace(apiKey, "****");
    }

    /** {@code perSecond} permits a second, waiting at most the request timeout for one. */
    public RateLimiter limiter(String name, int perSecond) {
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(timeout)
                .build());
    }

    @Override
    public String toString() {
        return baseUrl + ", apiKey=****";
    }
}
