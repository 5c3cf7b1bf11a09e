package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart on the same data directory: the application comes back serving the chain it last knew,
 * before the market sends a single option tick, and says in its status what it restored. A data file
 * it cannot trust is moved aside and the application runs regardless.
 */
class ChainStateRestartTest {
    private static final String API_KEY = "restart-test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The leg fields that come straight from chain state (IV and metrics also depend on the index). */
    private static final String[] STORED_FIELDS = {"ltp", "bid", "ask", "bid_qty", "ask_qty", "volume", "oi"};


    @Test
    void shouldServeTheLastKnownChainRightAfterARestart(@TempDir Path data) throws Exception {
        Map<String, JsonNode> before;
        try (OpenAlgoSimulator busyMarket = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(2026)
                .withTicksPerSecond(2_000));
             RunningApplication first = RunningApplication.in(data).on(busyMarket, API_KEY).start()) {
            first.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
            // no more ticks once the market is gone: what the chain shows now is what stays on disk
            busyMarket.close();
            before = legs(awaitSettledChain(first));
        }

        // at one tick a second the simulated market spends every slot on the indices: no option ticks
        try (OpenAlgoSimulator quietMarket = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(2026)
                .withTicksPerSecond(1));
             RunningApplication second = RunningApplication.in(data).on(quietMarket, API_KEY).start()) {
            Map<String, JsonNode> after = legs(JSON.readTree(second.http().get("/api/option-chain/NIFTY").body()));

            int compared = 0;
            for (Map.Entry<String, JsonNode> leg : after.entrySet()) {
                JsonNode old = before.get(leg.getKey());
                if (old != null) {
                    compared++;
                    assertThat(leg.getValue().get("bid").isNull()).as(leg.getKey()).isFalse();
                    for (String field : STORED_FIELDS) {
                        assertThat(leg.getValue().get(field)).as(leg.getKey() + " " + field).isEqualTo(old.get(field));
                    }
                }
            }
            assertThat(compared).as("legs in both windows").isGreaterThan(60);

            JsonNode chainState = JSON.readTree(second.http().get("/api/option-chain/status").body()).get("chain_state");
            assertThat(chainState.get("file").asText()).isEqualTo(data.resolve("chain-state.cm3").toString());
            assertThat(chainState.get("restored_instruments").asInt()).isGreaterThan(compared);
            assertThat(chainState.get("restored_newest_age_seconds").asLong()).isBetween(0L, 60L);
            assertThat(chainState.get("restored_oldest_age_seconds").asLong())
                    .isGreaterThanOrEqualTo(chainState.get("restored_newest_age_seconds").asLong());
            assertThat(chainState.get("moved_aside").isNull()).isTrue();
            assertThat(chainState.get("problem").isNull()).isTrue();
        }
    }

    @Test
    void shouldMoveACorruptDataFileAsideAndRunAnyway(@TempDir Path data) throws Exception {
        byte[] garbage = new byte[4_096];
        new Random(5).nextBytes(garbage);
        Files.write(data.resolve("chain-state.cm3"), garbage);

        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(2026)
                .withTicksPerSecond(2_000));
             RunningApplication application = RunningApplication.in(data).on(market, API_KEY).start()) {
            JsonNode chainState = JSON.readTree(application.http().get("/api/option-chain/status").body())
                    .get("chain_state");
            Path movedAside = Path.of(chainState.get("moved_aside").asText());
            assertThat(movedAside.getFileName().toString()).matches("chain-state\\.cm3\\.corrupt-\\d{8}-\\d{6}");
            assertThat(Files.readAllBytes(movedAside)).isEqualTo(garbage);
            assertThat(chainState.get("problem").asText()).isNotBlank();
            assertThat(chainState.get("restored_instruments").asInt()).isZero();

            application.http().awaitChain("NIFTY", chain -> !chain.get("underlying_ltp").isNull());
        }
    }

    /** Reads the chain until two reads a moment apart agree: the ring has applied the last tick. */
    private JsonNode awaitSettledChain(RunningApplication application) throws Exception {
        JsonNode previous = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(300);
            JsonNode chain = JSON.readTree(application.http().get("/api/option-chain/NIFTY").body());
            if (chain.equals(previous)) {
                return chain;
            }
            previous = chain;
        }
        throw new AssertionError("the NIFTY chain kept changing after the market closed");
    }

    /** Each leg of the chain by its symbol. */
    private static Map<String, JsonNode> legs(JsonNode chain) {
        Map<String, JsonNode> legs = new HashMap<>();
        for (JsonNode row : chain.get("options")) {
            legs.put(row.get("ce_data").get("symbol").asText(), row.get("ce_data"));
            legs.put(row.get("pe_data").get("symbol").asText(), row.get("pe_data"));
        }
        return legs;
    }
}
