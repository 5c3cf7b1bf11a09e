package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The application's HTTP API as the end-to-end tests call it, in this JVM ({@link RunningApplication}) or in its
 * own ({@link ApplicationProcess}): real requests on loopback.
 */
public final class ApplicationHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;

    /** @param port asked on each request: a restarted application may listen elsewhere */
    public ApplicationHttp(IntSupplier port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return get(path, Map.of());
    }

    /** A GET with request headers, e.g. a browser's {@code If-None-Match}. */
    public HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path) throws Exception {
        return post(path, null);
    }

    /** @param authorization the Authorization header's value, or null to send none */
    public HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method with a JSON body (or none) and the bearer {@code token} (or none). */
    public HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(10)).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code path}, which must answer 200, as JSON. */
    public JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Polls {@code /api/option-chain/status} until {@code condition} holds, for up to 60 s. */
    public JsonNode awaitStatus(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/option-chain/status");
            if (response.statusCode() == 200) {
                last = JSON.readTree(response.body());
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("status never satisfied the condition; last: " + last);
    }

    /** Polls the chain of {@code underlying} until {@code ready} holds, for up to 60 s. */
    public JsonNode awaitChain(String underlying, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/option-chain/" + underlying);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode chain = JSON.readTree(response.body());
                if (ready.test(chain)) {
                    return chain;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("chain of " + underlying + " never became ready; last answer: "
                + (last == null ? "none" : last.substring(0, Math.min(600, last.length()))));
    }
}
