package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application against a simulated OpenAlgo that attacks it, one fault at a time, over real
 * sockets: after each fault is lifted, every leg of the chain must be streaming again (each leg's quote
 * moves on from what it was when the fault ended), and status must say what happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSurvivalTest {
    static final String API_KEY = "fault-test-key-4f0c2b9e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAlgoSimulator market;
    private RunningApplication application;
    private ApplicationHttp api;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(77).withTicksPerSecond(3_000));
        application = startApplication(market, data);
        api = application.http();
        api.awaitChain("NIFTY", RunningApplication::everyLegQuoted);
    }

    @AfterEach
    void liftFaults() {
        market.faults().reset();
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
        if (market != null) {
            market.close();
        }
    }

    static RunningApplication startApplication(OpenAlgoSimulator market, Path data) throws Exception {
        return RunningApplication.in(data).on(market, API_KEY).token("").fastRecovery().start();
    }

    @Test
    void shouldRecoverFromADroppedConnectionAndSayHowLongItWasBlind() throws Exception {
        long reconnects = feed().get("reconnects").asLong();

        market.faults().dropConnections();

        assertStreamingAgain();
        JsonNode connection = status().get("connections").get(0);
        assertThat(connection.get("reconnects").asLong()).isGreaterThan(reconnects);
        assertThat(connection.get("state").asText()).isEqualTo("CONNECTED");
        assertThat(connection.get("last_recovery").get("cause").asText()).containsAnyOf("connection lost", "closed");
        assertThat(connection.get("last_recovery").get("first_tick_after_ms").asLong()).isBetween(0L, 5_000L);
        assertThat(connection.get("last_tick_age_ms").asLong()).isLessThan(5_000);
    }

    @Test
    void shouldNoticeAStalledFeedReconnectAndRecover() throws Exception {
        long reconnects = feed().get("reconnects").asLong();

        market.faults().stall(true);
        api.awaitStatus(s -> s.get("feed").get("reconnects").asLong() > reconnects);
        market.faults().stall(false);

        assertStreamingAgain();
        api.awaitStatus(s -> s.get("feed").get("last_recovery").get("cause").asText().matches("no (tick|frame).*"));
    }

    @Test
    void shouldCountAndSkipMalformedFramesWithoutReconnecting() throws Exception {
        long reconnects = feed().get("reconnects").asLong();

        market.faults().malformedFrames(0.3);
        api.awaitStatus(s -> s.get("feed").get("malformed").asLong() > 100);
        market.faults().malformedFrames(0);

        assertStreamingAgain();
        assertThat(feed().get("reconnects").asLong()).as("bad frames are not a dead link").isEqualTo(reconnects);
        assertThat(status().get("connections").get(0).get("malformed").asLong()).isGreaterThan(100);
    }

    @Test
    void shouldSurviveDuplicateAndZeroBidAskTicks() throws Exception {
        long duplicates = status().get("pipeline").get("duplicates").asLong();
        market.faults().duplicateTicks(0.3);
        market.faults().zeroBidAsk(0.2);
        long ticks = feed().get("ticks").asLong();
        // the feed takes both copies in; chain state applies the first and drops and counts the second
        api.awaitStatus(s -> s.get("feed").get("ticks").asLong() > ticks + 2_000
                && s.get("pipeline").get("duplicates").asLong() > duplicates + 100);
        market.faults().duplicateTicks(0);
        market.faults().zeroBidAsk(0);

        assertStreamingAgain();
        assertThat(status().get("pipeline").get("handler_errors").asLong()).isZero();
    }

    @Test
    void shouldSkipOversizedFramesAndTicksForSymbolsNobodySubscribed() throws Exception {
        long reconnects = feed().get("reconnects").asLong();
        long malformed = feed().get("malformed").asLong();

        // 300 KB frames: over the 256 KB limit, and few enough not to swamp loopback
        market.faults().oversizedFrames(0.01, 300_000);
        market.faults().unknownSymbols(0.1);
        api.awaitStatus(s -> s.get("feed").get("oversized").asLong() > 10 && s.get("feed").get("unknown_symbols").asLong() > 100);
        market.faults().reset();

        assertStreamingAgain();
        assertThat(feed().get("reconnects").asLong()).isEqualTo(reconnects);
        assertThat(feed().get("malformed").asLong()).as("an oversized frame is not counted as malformed")
                .isEqualTo(malformed);
    }

    @Test
    void shouldSkipLateTicksAndSurviveMissingDepth() throws Exception {
        market.faults().outOfOrderTicks(0.2);
        market.faults().missingDepth(0.2);
        api.awaitStatus(s -> s.get("pipeline").get("out_of_order").asLong() > 100);
        market.faults().reset();

        assertStreamingAgain();
        assertThat(status().get("pipeline").get("handler_errors").asLong()).isZero();
    }

    @Test
    void shouldPoolAroundABrokerCapAndSurviveLosingOneConnection(@TempDir Path data) throws Exception {
        try (OpenAlgoSimulator capped = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(78)
                .withTicksPerSecond(3_000).withMaxSymbolsPerConnection(70));
             RunningApplication pooled = startApplication(capped, data)) {
            ApplicationHttp pooledApi = pooled.http();
            // 2 indices + 2 × 90 options = 182 symbols; the broker takes 70 a connection
            pooledApi.awaitChain("NIFTY", RunningApplication::everyLegQuoted);
            pooledApi.awaitChain("BANKNIFTY", RunningApplication::everyLegQuoted);
            JsonNode status = JSON.readTree(pooledApi.get("/api/option-chain/status").body());
            assertThat(status.get("connections")).hasSize(3)
                    .allSatisfy(c -> assertThat(c.get("subscribed_symbols").asInt()).isBetween(1, 70));
            assertThat(status.get("feed").get("subscribed_symbols").asInt()).isEqualTo(182);
            assertThat(capped.connections()).extracting(c -> c.symbols()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(70));

            JsonNode chain = pooledApi.awaitChain("NIFTY", c -> true);
            String symbol = chain.get("options").get(20).get("ce_data").get("symbol").asText();
            assertThat(capped.faults().dropConnectionHolding(symbol)).isEqualTo(1);

            JsonNode before = pooledApi.awaitChain("NIFTY", c -> true);
            pooledApi.awaitChain("NIFTY", c -> RunningApplication.everyLegQuoted(c) && !legs(c).get(symbol).equals(legs(before).get(symbol)));
            pooledApi.awaitChain("BANKNIFTY", RunningApplication::everyLegQuoted);
        }
    }

    @Test
    void shouldOpenChainsThroughRateLimitedAndSlowRest(@TempDir Path data) throws Exception {
        market.faults().rateLimitRest(4);
        market.faults().slowRest(Duration.ofMillis(400));
        try (RunningApplication second = startApplication(market, data)) {
            ApplicationHttp secondApi = second.http();
            market.faults().reset();
            secondApi.awaitChain("BANKNIFTY", RunningApplication::everyLegQuoted);
            JsonNode status = JSON.readTree(secondApi.get("/api/option-chain/status").body());
            assertThat(status.get("underlyings")).allSatisfy(u -> {
                assertThat(u.get("monitoring").asBoolean()).isTrue();
                assertThat(u.get("problem").isNull()).isTrue();
            });
        }
    }

    @Test
    void shouldReportARefusedKeyOnceWithoutLeakingItAndKeepServing(@TempDir Path data) throws Exception {
        market.faults().refuseAuth(true);
        try (RunningApplication refused = startApplication(market, data)) {
            ApplicationHttp refusedApi = refused.http();
            // the feed's refusal stops monitoring cleanly: the connection closed, status saying why
            JsonNode status = refusedApi.awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("stopped"));
            assertThat(status.at("/market/lifecycle/cause").asText()).startsWith("primary account lost: ")
                    .contains("authentication failed");
            JsonNode feed = status.get("feed");
            assertThat(feed.get("state").asText()).isEqualTo("DISCONNECTED");
            assertThat(feed.get("detail").asText()).contains("authentication failed");
            assertThat(status.toString()).doesNotContain(API_KEY);
            Thread.sleep(1_500);
            JsonNode later = JSON.readTree(refusedApi.get("/api/option-chain/status").body());
            assertThat(later.at("/market/lifecycle/state").asText()).as("a refused key is not retried in a loop")
                    .isEqualTo("stopped");
            assertThat(later.at("/feed/state").asText()).as("no connection held open with a refused key")
                    .isEqualTo("DISCONNECTED");
            assertThat(refusedApi.get("/api/option-chain/NIFTY").statusCode()).as("still serving").isLessThan(500);
        }
    }

    /**
     * Every leg's quote must move on from what it was when the fault ended: a chain frozen at its last good
     * state would pass "every leg quoted" but fail this.
     */
    private void assertStreamingAgain() throws Exception {
        JsonNode before = api.awaitChain("NIFTY", c -> true);
        Map<String, String> old = legs(before);
        Map<String, Boolean> moved = new HashMap<>();
        api.awaitChain("NIFTY", chain -> {
            legs(chain).forEach((symbol, quote) -> {
                if (!quote.equals(old.get(symbol))) {
                    moved.put(symbol, true);
                }
            });
            return RunningApplication.everyLegQuoted(chain) && moved.keySet().containsAll(legs(chain).keySet());
        });
        assertThat(feed().get("state").asText()).isEqualTo("CONNECTED");
    }

    private static Map<String, String> legs(JsonNode chain) {
        Map<String, String> quotes = new HashMap<>();
        for (JsonNode row : chain.get("options")) {
            for (String side : new String[] {"ce_data", "pe_data"}) {
                quotes.put(row.get(side).get("symbol").asText(), row.get(side).toString());
            }
        }
        return quotes;
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(api.get("/api/option-chain/status").body());
    }

    private JsonNode feed() throws Exception {
        return status().get("feed");
    }
}
