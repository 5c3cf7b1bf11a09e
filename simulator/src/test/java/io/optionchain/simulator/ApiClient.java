package io.optionchain.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP to a simulator's REST port: OpenAlgo calls under /api/v1/ and the /sim/ control routes. */
public final class ApiClient {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, JsonNode body) {
        public JsonNode data() {
            return body.path("data");
        }

        public String message() {
            return body.path("message").asText();
        }
    }

    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Reply post(String endpoint, Map<String, ?> body) throws Exception {
        return post(endpoint, JSON.writeValueAsString(body), TIMEOUT);
    }

    /** A raw body, and a timeout a test may make shorter than the server's answer. */
    public Reply post(String endpoint, String body, Duration timeout) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + endpoint))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code GET} or {@code POST} to a /sim/ route, e.g. {@code "faults/reject-orders?n=1"}. */
    public Reply control(String method, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/sim/" + path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }
}
