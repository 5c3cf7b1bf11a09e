package io.optionchain.web.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positions stream over real HTTP, from the application on the simulated market (400 ticks a second): the
 * whole book once on connecting, then only what changed. Hundreds of cancelled positions no longer move with the
 * market, so a stream with nothing changing carries next to nothing, where every cycle used to resend them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PositionsStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CYCLES = 300;
    /** What a quiet three seconds may carry: a heartbeat or two, not one position. */
    private static final int QUIET_BYTES = 2_048;

    private RunningApplication app;
    private String symbol;
    private double ask;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        app = RunningApplication.start(data);
        JsonNode chain = app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        for (JsonNode row : chain.get("options")) {
            if ("ATM".equals(row.get("tag").asText())) {
                symbol = row.at("/ce_data/symbol").asText();
                ask = row.at("/ce_data/ask").asDouble();
            }
        }
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void shouldSendAQuietStreamNextToNothingAfterHundredsOfOpenAndCancelCycles() throws Exception {
        for (int i = 0; i < CYCLES; i++) {
            cancel(open("cycle"));
        }
        try (SseStream stream = SseStream.open(app.url("/api/positions/stream"), null)) {
            SseStream.Event whole = stream.next(WAIT);
            assertThat(whole.name()).isEqualTo("positions");
            assertThat(JSON.readTree(whole.data()).get("positions")).hasSize(CYCLES);

            long bytes = 0;
            List<String> names = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                SseStream.Event event = stream.poll(Duration.ofNanos(left));
                if (event != null) {
                    bytes += event.data().getBytes(StandardCharsets.UTF_8).length;
                    names.add(event.name());
                }
            }
            assertThat(stream.ended()).as("still connected, not dropped as a slow client").isFalse();
            assertThat(bytes).as("bytes in 3 s with nothing changing; events: " + names).isLessThan(QUIET_BYTES);
        }
    }

    @Test
    @Order(2)
    void shouldSendOnlyThePositionThatChangedAndAWholeBookToAClientThatReconnects() throws Exception {
        try (SseStream stream = SseStream.open(app.url("/api/positions/stream"), null)) {
            SseStream.Event whole = stream.next(WAIT);
            assertThat(whole.name()).isEqualTo("positions");
            List<Long> ids = new ArrayList<>(List.of(Long.parseLong(whole.id())));

            long id = open("watched");
            JsonNode opened = awaitChange(stream, id, "OPEN", ids);
            cancel(id);
            JsonNode cancelled = awaitChange(stream, id, "CANCELLED", ids);
            assertThat(cancelled.get("legs").get(0).get("exit").asText()).isEqualTo("NONE");
            assertThat(opened.get("strategy").asText()).isEqualTo("watched");
            assertThat(ids).as("event ids only go up").isSorted().doesNotHaveDuplicates();

            String lastId = String.valueOf(ids.get(ids.size() - 1));
            try (SseStream again = SseStream.open(app.url("/api/positions/stream"), lastId)) {
                SseStream.Event first = again.next(WAIT);
                assertThat(first.name()).as("a reconnecting client gets the whole book first").isEqualTo("positions");
                assertThat(Long.parseLong(first.id())).isGreaterThan(Long.parseLong(lastId));
                JsonNode book = JSON.readTree(first.data());
                assertThat(book.get("positions")).hasSize(CYCLES + 1);
                assertThat(book.get("strategies").findValuesAsText("strategy")).contains("cycle", "watched");
            }
        }
    }

    /**
     * A burst of decisions while a client watches (60 positions opened and cancelled as fast as REST allows, 120
     * decisions in about a second) is spread over the next cycles: the client is not dropped as slow, and gets every
     * decision, in order.
     */
    @Test
    @Order(3)
    void shouldKeepAWatchingClientThroughABurstOfDecisionsAndSendItEveryOne() throws Exception {
        try (SseStream stream = SseStream.open(app.url("/api/positions/stream"), null)) {
            assertThat(stream.next(WAIT).name()).isEqualTo("positions");
            List<Long> burst = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                long id = open("burst");
                cancel(id);
                burst.add(id);
            }
            List<String> decisions = new ArrayList<>();
            long end = System.nanoTime() + WAIT.toNanos();
            while (decisions.size() < 2 * burst.size() && System.nanoTime() < end) {
                SseStream.Event event = stream.poll(Duration.ofSeconds(1));
                if (event != null && event.name().equals("decision")) {
                    JsonNode decision = JSON.readTree(event.data());
                    decisions.add(decision.get("kind").asText() + " " + decision.get("position_id").asLong());
                }
            }
            assertThat(stream.ended()).as("still connected, not dropped as a slow client").isFalse();
            List<String> expected = new ArrayList<>();
            burst.forEach(id -> expected.addAll(List.of("OPENED " + id, "CANCELLED " + id)));
            assertThat(decisions).isEqualTo(expected);
        }
    }

    /**
     * Waits for the position to be shown in {@code state} by a {@code positions-changed} event; every such event
     * on the way names that position alone, and stays small.
     */
    private JsonNode awaitChange(SseStream stream, long id, String state, List<Long> ids) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            SseStream.Event event = stream.next(WAIT);
            ids.add(Long.parseLong(event.id()));
            if (!event.name().equals("positions-changed")) {
                assertThat(event.name()).isEqualTo("decision");
                continue;
            }
            assertThat(event.data().length()).as("a change to one position").isLessThan(4_096);
            JsonNode changes = JSON.readTree(event.data());
            assertThat(changes.get("positions").findValues("id")).as(event.data())
                    .allSatisfy(changed -> assertThat(changed.asLong()).isEqualTo(id));
            for (JsonNode position : changes.get("positions")) {
                if (position.get("state").asText().equals(state)) {
                    return position;
                }
            }
        }
        throw new AssertionError("position " + id + " never shown " + state);
    }

    /** A long ATM call whose stop is far below the market: it stays open until cancelled. */
    private long open(String strategy) throws Exception {
        HttpResponse<String> response = app.http().send("POST", "/api/positions", "{\"strategy\":\"" + strategy
                + "\",\"legs\":[{\"symbol\":\"" + symbol + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + ask
                + "}],\"stop\":0.05}", RunningApplication.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private void cancel(long id) throws Exception {
        HttpResponse<String> response = app.http().send("DELETE", "/api/positions/" + id, null,
                RunningApplication.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
