package io.optionchain.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.FeedClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.market.SimulatedSymbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market-data faults a feed client must survive, over a real WebSocket: books without a bid or ask,
 * oversized frames, ticks for symbols nobody subscribed to, and older ticks replayed after newer ones;
 * and the promise the last rests on, that a symbol's normal ticks never go back in exchange time.
 */
class FeedFaultsTest {
    private static final String KEY = "feed-faults-key";

    private OpenAlgoSimulator simulator;
    private Faults faults;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(13).withTicksPerSecond(400));
        faults = simulator.faults();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldSendDepthTicksWithEmptyOrAbsentBooks() throws Exception {
        faults.missingDepth(1.0);
        String option = nearestCall();
        try (FeedClient client = subscribed(option, 3)) {
            int empty = 0;
            int absent = 0;
            for (int i = 0; i < 40; i++) {
                JsonNode data = client.tick(option).path("data");
                assertThat(data.path("ltp").asDouble()).isPositive();
                if (data.has("depth")) {
                    assertThat(data.path("depth").path("buy")).isEmpty();
                    assertThat(data.path("depth").path("sell")).isEmpty();
                    empty++;
                } else {
                    absent++;
                }
            }
            assertThat(empty).as("empty arrays").isPositive();
            assertThat(absent).as("no depth key").isPositive();

            faults.missingDepth(0);
            client.ticksWithin(option, Duration.ofMillis(100));
            assertThat(client.tick(option).path("data").path("depth").path("sell")).hasSize(5);
        }
    }

    @Test
    void shouldSendOversizedFramesThatStillCarryTheTick() throws Exception {
        simulator.rate(40); // two megabytes a frame: keep the volume sane (indices take 20 of these)
        faults.oversizedFrames(1.0, 2 << 20);
        String option = nearestCall();
        try (FeedClient client = subscribed(option, 3)) {
            JsonNode tick = client.tick(option);

            assertThat(tick.path("data").path("ltp").asDouble()).isPositive();
            assertThat(tick.path("data").path("depth").path("buy")).hasSize(5);
            int padding = tick.path("padding").asText().length();
            assertThat(padding).isBetween((2 << 20) - 2_000, 2 << 20);
        }
    }

    @Test
    void shouldSendTicksForSymbolsNobodySubscribedTo() throws Exception {
        faults.unknownSymbols(1.0);
        String option = nearestCall();
        try (FeedClient client = subscribed(option, 2)) {
            Set<String> strangers = Set.of("SENSEX", "RELIANCE", offGrid(option));
            for (String stranger : strangers) {
                JsonNode tick = client.await(m -> "market_data".equals(m.path("type").asText())
                        && stranger.equals(m.path("symbol").asText()), FeedClient.WAIT);
                assertThat(tick.path("data").path("symbol").asText()).isEqualTo(stranger);
                assertThat(tick.path("mode").asInt()).isEqualTo(2);
            }
            assertThat(client.tick(option).path("data").path("ltp").asDouble()).as("real ticks go on").isPositive();
        }
    }

    @Test
    void shouldReplayAnOlderTickAfterANewerOne() throws Exception {
        faults.outOfOrderTicks(0.3);
        String option = nearestCall();
        try (FeedClient client = subscribed(option, 3)) {
            List<JsonNode> received = new ArrayList<>();
            List<JsonNode> replays = new ArrayList<>();
            long newest = Long.MIN_VALUE;
            long deadline = System.nanoTime() + FeedClient.WAIT.toNanos();
            while (replays.size() < 5 && System.nanoTime() < deadline) {
                JsonNode tick = client.tick(option);
                long ltt = tick.path("data").path("ltt").asLong();
                if (ltt < newest) {
                    replays.add(tick);
                    assertThat(received).as("a replay is a tick sent before").contains(tick);
                    assertThat(tick.path("data").path("timestamp").asLong())
                            .isLessThan(received.get(received.size() - 1).path("data").path("timestamp").asLong());
                }
                newest = Math.max(newest, ltt);
                received.add(tick);
            }
            assertThat(replays).hasSize(5);
        }
    }

    @Test
    void shouldNeverMoveAnyStreamOfTicksBackInExchangeTime() throws Exception {
        String option = nearestCall();
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "mode", 3, "symbols", List.of(
                    Map.of("symbol", option, "exchange", "NFO"), Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"))));
            client.reply("subscribe");
            Map<String, Long> latest = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            long deadline = System.nanoTime() + FeedClient.WAIT.toNanos();
            while (counts.getOrDefault(option, 0) < 300 || counts.getOrDefault("NIFTY", 0) < 10) {
                assertThat(System.nanoTime()).as("ticks seen %s", counts).isLessThan(deadline);
                JsonNode tick = client.await(m -> "market_data".equals(m.path("type").asText()), FeedClient.WAIT);
                String symbol = tick.path("symbol").asText();
                long ltt = tick.path("data").path("ltt").asLong();
                assertThat(ltt).as("%s ltt", symbol).isGreaterThanOrEqualTo(latest.getOrDefault(symbol, 0L));
                latest.put(symbol, ltt);
                counts.merge(symbol, 1, Integer::sum);
            }
        }
    }

    @Test
    void shouldSwitchTheFeedFaultsOverHttp() throws Exception {
        ApiClient api = new ApiClient(simulator.restUrl());
        String option = nearestCall();
        try (FeedClient client = subscribed(option, 3)) {
            assertThat(api.control("POST", "faults/missing-depth?fraction=1").status()).isEqualTo(200);
            client.ticksWithin(option, Duration.ofMillis(100));
            JsonNode depth = client.tick(option).path("data").path("depth");
            assertThat(depth.path("buy").size()).as("%s", depth).isZero();

            assertThat(api.control("POST", "faults/reset").status()).isEqualTo(200);
            client.ticksWithin(option, Duration.ofMillis(100));
            assertThat(client.tick(option).path("data").path("depth").path("buy")).hasSize(5);
        }
    }

    private FeedClient subscribed(String symbol, int mode) throws Exception {
        FeedClient client = FeedClient.authenticated(simulator);
        client.send(Map.of("action", "subscribe", "symbol", symbol, "exchange", "NFO", "mode", mode));
        assertThat(client.reply("subscribe").path("status").asText()).isEqualTo("success");
        return client;
    }

    private String nearestCall() {
        return Listed.atmCall(simulator);
    }

    /** The strike half a step above: on no exchange's list. */
    private static String offGrid(String option) {
        SimulatedSymbol listed = SimulatedSymbol.parse(option, "NFO").orElseThrow();
        return SimulatedSymbol.option(listed.index(), listed.expiry(), listed.strike() + 25, listed.call()).symbol();
    }
}
