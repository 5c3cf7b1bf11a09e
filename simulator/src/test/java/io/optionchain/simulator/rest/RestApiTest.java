package io.optionchain.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RestApiTest {
    private static final String KEY = "rest-test-key";
    /** Wednesday 25 Nov 2026, 09:30 IST: the November monthly expired yesterday. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);
    private static final String OPTION = "NIFTY01DEC2624500CE";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static OpenAlgoSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(7).withClock(CLOCK));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldAnswerPing() throws Exception {
        Reply reply = post("ping", Map.of("apikey", KEY));
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.path("data").path("message").asText()).isEqualTo("pong");
    }

    @Test
    void shouldQuoteTheIndex() throws Exception {
        Reply reply = post("quotes", Map.of("apikey", KEY, "symbol", "NIFTY", "exchange", "NSE_INDEX"));
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.path("status").asText()).isEqualTo("success");
        JsonNode data = reply.body.path("data");
        assertThat(fieldNames(data))
                .containsExactlyInAnyOrder("open", "high", "low", "ltp", "ask", "bid", "prev_close", "volume", "oi");
        assertThat(data.path("ltp").asDouble()).isBetween(20_000.0, 29_000.0);
    }

    @Test
    void shouldQuoteAnOptionInsideItsSpread() throws Exception {
        JsonNode data = post("quotes", Map.of("apikey", KEY, "symbol", OPTION, "exchange", "NFO")).body.path("data");
        assertThat(data.path("bid").asDouble()).isPositive().isLessThan(data.path("ask").asDouble());
        assertThat(data.path("oi").asLong()).isPositive();
        assertThat(data.path("volume").asLong() % 65).isZero();
    }

    @Test
    void shouldServeFiveLevelsOfDepth() throws Exception {
        Reply reply = post("depth", Map.of("apikey", KEY, "symbol", OPTION, "exchange", "NFO"));
        assertThat(reply.status).isEqualTo(200);
        JsonNode data = reply.body.path("data");
        assertThat(fieldNames(data)).containsExactlyInAnyOrder("open", "high", "low", "ltp", "ltq", "prev_close",
                "volume", "oi", "totalbuyqty", "totalsellqty", "bids", "asks");
        assertThat(data.path("bids")).hasSize(5);
        assertThat(data.path("asks")).hasSize(5);
        assertThat(fieldNames(data.path("bids").get(0))).containsExactlyInAnyOrder("price", "quantity");
        assertThat(data.path("bids").get(0).path("price").asDouble())
                .isLessThan(data.path("asks").get(0).path("price").asDouble());
    }

    @Test
    void shouldListExpiriesAscendingInOpenAlgoSpelling() throws Exception {
        Reply reply = post("expiry", Map.of("apikey", KEY, "symbol", "NIFTY", "exchange", "NFO",
                "instrumenttype", "options"));
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.path("message").asText()).isEqualTo("Found 10 expiry dates for NIFTY options in NFO");
        assertThat(reply.body.path("data").get(0).asText()).isEqualTo("01-DEC-26");
        assertThat(reply.body.path("data").get(9).asText()).isEqualTo("23-FEB-27");

        JsonNode futures = post("expiry", Map.of("apikey", KEY, "symbol", "BANKNIFTY", "exchange", "NFO",
                "instrumenttype", "futures")).body;
        assertThat(futures.path("data").toString()).isEqualTo("[\"29-DEC-26\",\"26-JAN-27\",\"23-FEB-27\"]");
    }

    @Test
    void shouldAnswerAnEmptyExpiryListWithSuccess() throws Exception {
        Reply reply = post("expiry", Map.of("apikey", KEY, "symbol", "NIFTY", "exchange", "BFO",
                "instrumenttype", "options"));
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.path("status").asText()).isEqualTo("success");
        assertThat(reply.body.path("message").asText()).isEqualTo("No expiry dates found for NIFTY options in BFO");
        assertThat(reply.body.path("data")).isEmpty();
    }

    @Test
    void shouldDescribeASymbol() throws Exception {
        JsonNode data = post("symbol", Map.of("apikey", KEY, "symbol", OPTION, "exchange", "NFO")).body.path("data");
        assertThat(data.path("lotsize").asInt()).as("the exchange's lot since 2026").isEqualTo(65);
        assertThat(data.path("tick_size").asDouble()).isEqualTo(0.05);
        assertThat(data.path("freeze_qty").asInt()).isEqualTo(1_800);
        assertThat(data.path("expiry").asText()).isEqualTo("01-DEC-26");
        assertThat(data.path("strike").asDouble()).isEqualTo(24_500.0);
        assertThat(data.path("instrumenttype").asText()).isEqualTo("CE");
    }

    @Test
    void shouldRefuseAWrongOrMissingKeyWith403() throws Exception {
        Reply wrong = post("quotes", Map.of("apikey", "nope", "symbol", "NIFTY", "exchange", "NSE_INDEX"));
        assertThat(wrong.status).isEqualTo(403);
        assertThat(wrong.body.toString()).isEqualTo("{\"message\":\"Invalid openalgo apikey\",\"status\":\"error\"}");
        Reply missing = post("quotes", Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"));
        assertThat(missing.status).isEqualTo(403);
    }

    @Test
    void shouldRefuseAnUnknownFieldWithAMarshmallowMessage() throws Exception {
        Reply reply = post("quotes", Map.of("apikey", KEY, "symbol", "NIFTY", "exchange", "NSE_INDEX", "foo", 1));
        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body.path("status").asText()).isEqualTo("error");
        assertThat(reply.body.path("message").toString()).isEqualTo("{\"foo\":[\"Unknown field.\"]}");
    }

    @Test
    void shouldNameMissingAndInvalidFields() throws Exception {
        Reply reply = post("quotes", Map.of("apikey", KEY, "exchange", "MOON"));
        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body.path("message").path("symbol").get(0).asText())
                .isEqualTo("Missing data for required field.");
        assertThat(reply.body.path("message").path("exchange").get(0).asText()).startsWith("Must be one of: NSE, NFO");
    }

    @Test
    void shouldRefuseAnUnknownSymbolWith400() throws Exception {
        Reply reply = post("quotes", Map.of("apikey", KEY, "symbol", "NIFTY01DEC2624525CE", "exchange", "NFO"));
        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body.path("message").asText()).isEqualTo("Symbol NIFTY01DEC2624525CE not found in exchange NFO");
    }

    @Test
    void shouldAnswerJsonForUnknownPathsAndMalformedBodies() throws Exception {
        Reply unknown = post("nothing", Map.of("apikey", KEY));
        assertThat(unknown.status).isEqualTo(404);
        assertThat(unknown.body.path("status").asText()).isEqualTo("error");

        Reply malformed = send("quotes", "{\"apikey\":");
        assertThat(malformed.status).isEqualTo(400);
        assertThat(malformed.body.path("status").asText()).isEqualTo("error");
    }

    private record Reply(int status, JsonNode body) {
    }

    private static Reply post(String endpoint, Map<String, ?> body) throws Exception {
        return send(endpoint, JSON.writeValueAsString(body));
    }

    private static Reply send(String endpoint, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.restUrl() + "/api/v1/" + endpoint))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
