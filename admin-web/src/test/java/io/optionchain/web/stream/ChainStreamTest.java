package io.optionchain.web.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's streams over real HTTP, from the application running on the simulated market (400 ticks a
 * second across both underlyings) with the shipped 4 updates a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private RunningApplication app;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        app = RunningApplication.start(data);
        app.http().awaitChain("NIFTY", chain -> !chain.get("underlying_ltp").isNull());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldSendTheWholeChainFirstThenOnlyChangedRowsWithRisingIds() throws Exception {
        try (SseStream stream = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), null)) {
            assertThat(stream.contentType()).startsWith("text/event-stream");
            SseStream.Event first = stream.next(WAIT);
            assertThat(first.name()).isEqualTo("chain");
            JsonNode chain = JSON.readTree(first.data());
            assertThat(chain.get("underlying").asText()).isEqualTo("NIFTY");
            assertThat(chain.get("options")).hasSize(41);
            assertThat(chain.get("options").get(20).get("tag").asText()).isEqualTo("ATM");
            JsonNode leg = chain.get("options").get(20).get("ce_data");
            assertThat(leg.has("spread_band")).isTrue();
            assertThat(leg.has("liquidity")).isTrue();
            assertThat(chain.get("lot_size").asInt()).isEqualTo(65);

            long previousId = Long.parseLong(first.id());
            boolean sawPartialUpdate = false;
            for (int i = 0; i < 12; i++) {
                SseStream.Event event = stream.next(WAIT);
                assertThat(event.name()).isIn("update", "chain");
                long id = Long.parseLong(event.id());
                assertThat(id).isGreaterThan(previousId);
                previousId = id;
                JsonNode payload = JSON.readTree(event.data());
                assertThat(payload.get("options").size()).isLessThanOrEqualTo(41);
                sawPartialUpdate |= event.name().equals("update") && payload.get("options").size() < 41;
                assertThat(payload.get("market_metrics").get("pcr").isNumber()).isTrue();
            }
            assertThat(sawPartialUpdate).as("some update carried only the rows that changed").isTrue();
        }
    }

    @Test
    void shouldCoalesceTicksIntoAtMostFourEventsASecond() throws Exception {
        long ticksBefore = ticks("NIFTY");
        List<Instant> sent = new ArrayList<>();
        try (SseStream stream = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), null)) {
            stream.next(WAIT); // the whole chain, built on connection; the publisher's events follow
            for (int i = 0; i < 12; i++) {
                sent.add(Instant.parse(JSON.readTree(stream.next(WAIT).data()).get("sent_at").asText()));
            }
        }
        long ticks = ticks("NIFTY") - ticksBefore;
        for (int i = 1; i < sent.size(); i++) {
            // the publisher waits 250 ms after each cycle ends, so no two events of a chain are closer
            assertThat(Duration.between(sent.get(i - 1), sent.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
        assertThat(ticks).as("ticks while 12 events were sent").isGreaterThan(5L * sent.size());
    }

    @Test
    void shouldGiveAReconnectingClientTheCurrentWholeChain() throws Exception {
        String lastId;
        try (SseStream stream = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), null)) {
            stream.next(WAIT);
            stream.next(WAIT);
            lastId = stream.next(WAIT).id();
        }
        try (SseStream again = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), lastId)) {
            SseStream.Event first = again.next(WAIT);
            assertThat(first.name()).isEqualTo("chain");
            assertThat(JSON.readTree(first.data()).get("options")).hasSize(41);
            assertThat(Long.parseLong(first.id())).isGreaterThanOrEqualTo(Long.parseLong(lastId));
        }
    }

    @Test
    void shouldStreamAnotherUnderlyingAndTheConnectionStatus() throws Exception {
        try (SseStream stream = SseStream.open(app.url("/api/option-chain/banknifty/stream"), null)) {
            JsonNode chain = JSON.readTree(stream.next(WAIT).data());
            assertThat(chain.get("underlying").asText()).isEqualTo("BANKNIFTY");
            assertThat(chain.get("options").get(1).get("strike").asDouble()
                    - chain.get("options").get(0).get("strike").asDouble()).isEqualTo(100.0);
        }
        try (SseStream status = SseStream.open(app.url("/api/option-chain/status/stream"), null)) {
            SseStream.Event first = status.next(WAIT);
            assertThat(first.name()).isEqualTo("status");
            assertThat(JSON.readTree(first.data()).get("state").asText()).isEqualTo("CONNECTED");
        }
    }

    @Test
    void shouldStreamEveryTopicToAClientThatSendsNoAcceptHeader() throws Exception {
        // RFC 9110 12.5.1: no Accept field means any media type is acceptable
        Map<String, String> firstEvents = Map.of("/api/option-chain/NIFTY/stream", "chain",
                "/api/option-chain/status/stream", "status", "/api/positions/stream", "positions");
        for (Map.Entry<String, String> topic : firstEvents.entrySet()) {
            try (SseStream stream = SseStream.open(app.url(topic.getKey()), null, null)) {
                assertThat(stream.status()).as(topic.getKey()).isEqualTo(200);
                assertThat(stream.contentType()).as(topic.getKey()).startsWith("text/event-stream");
                assertThat(stream.next(WAIT).name()).as(topic.getKey()).isEqualTo(topic.getValue());
            }
        }
    }

    @Test
    void shouldStreamToAnAcceptHeaderThatAdmitsEventStreamsByWildcardOrWeight() throws Exception {
        for (String accept : List.of("text/*", "*/*;q=0.1", "application/json, text/event-stream;q=0.5",
                "TEXT/EVENT-STREAM", "*/*, text/html;q=0")) {
            try (SseStream stream = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), null, accept)) {
                assertThat(stream.contentType()).as(accept).startsWith("text/event-stream");
                assertThat(stream.next(WAIT).name()).as(accept).isEqualTo("chain");
            }
        }
    }

    @Test
    void shouldAnswer406WhenTheAcceptHeaderRulesEventStreamsOut() throws Exception {
        for (String path : List.of("/api/option-chain/NIFTY/stream", "/api/option-chain/status/stream",
                "/api/positions/stream")) {
            for (String accept : List.of("application/json", "text/html, application/*", "text/event-stream;q=0",
                    "*/*, text/event-stream;q=0", "text/*;q=0")) {
                // opened as a stream: a server that wrongly streams fails the test instead of hanging it
                try {
                    SseStream.open(app.url(path), null, accept).close();
                    throw new IllegalStateException(path + " with Accept: " + accept + " opened a stream");
                } catch (AssertionError e) {
                    assertThat(e.getMessage()).as(accept).contains("answered 406").contains("\"status\":\"error\"")
                            .contains("Accept: text/event-stream");
                }
            }
        }
    }

    @Test
    void shouldRefuseBadStreamRequestsWithJsonErrors() throws Exception {
        Map<String, Integer> cases = new HashMap<>();
        cases.put("/api/option-chain/FINNIFTY/stream", 404);
        cases.put("/api/option-chain/NIFTY%3Cscript%3E/stream", 400);
        cases.put("/api/option-chain/NIFTY/stream?expiry=2025-13-45", 400);
        cases.put("/api/option-chain/NIFTY/stream?expiry=01-JAN-30", 404);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            try {
                SseStream.open(app.url(c.getKey()), null).close();
                throw new IllegalStateException(c.getKey() + " opened a stream");
            } catch (AssertionError e) {
                assertThat(e.getMessage()).as(c.getKey()).contains("answered " + c.getValue())
                        .contains("\"status\":\"error\"");
            }
        }
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).contains(message);
    }

    private long ticks(String underlying) throws Exception {
        for (JsonNode item : JSON.readTree(app.http().get("/api/option-chain/status").body()).get("underlyings")) {
            if (item.get("underlying").asText().equals(underlying)) {
                return item.get("ticks_received").asLong();
            }
        }
        throw new AssertionError(underlying + " missing from status");
    }
}
