package io.optionchain.web.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import io.optionchain.web.config.OptionChainSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Net Greeks of positions as a client reads them from {@code GET /api/positions} and the positions stream, against
 * the simulated OpenAlgo over real sockets: with the market paused, so the chain and the positions are read on the
 * same quotes within one minute, each position's Greeks are Σ signed quantity × the chain JSON's own leg Greeks,
 * each strategy's the sum of its positions', and the book's the sum of its strategies'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PositionGreeksOverHttpTest {
    private static final String API_KEY = "position-greeks-key-0123456789ab";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] GREEKS = {"delta", "gamma", "theta", "vega"};

    private OpenAlgoSimulator market;
    private RunningApplication app;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(29).withTicksPerSecond(1_000));
        // an operator's rate rather than the shipped 0, so the positions are priced at the chain's rate too
        app = RunningApplication.in(data).on(market, API_KEY).token(RunningApplication.TOKEN)
                .config(c -> c.withOptionChain(new OptionChainSettings(6.5))).start();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (market != null) {
            market.close();
        }
    }

    @Test
    void shouldServeEachPositionsStrategysAndTheBooksGreeksAsSignedSumsOfTheChainsLegGreeks() throws Exception {
        JsonNode chain = app.http().awaitChain("NIFTY", c -> RunningApplication.everyLegQuoted(c)
                && c.path("interest_rate").asDouble() == 6.5 && !row(c, 0).at("/ce_data/delta").isNull()
                && !row(c, 0).at("/pe_data/delta").isNull() && !row(c, 2).at("/ce_data/delta").isNull());
        JsonNode atm = row(chain, 0);
        JsonNode otm = row(chain, 2).get("ce_data");
        double straddleAsk = atm.at("/ce_data/ask").asDouble() + atm.at("/pe_data/ask").asDouble();
        long straddle = open("short-straddle", "short", straddleAsk * 5, atm.get("ce_data"), atm.get("pe_data"));
        long extraCall = open("short-straddle", "short", straddleAsk * 5, atm.get("ce_data"));
        long hedge = open("hedge", "long", 0.05, otm);

        market.rate(0);
        awaitFeedStill();
        JsonNode book = null;
        JsonNode streamed = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            chain = app.http().getJson("/api/option-chain/NIFTY");
            book = app.http().getJson("/api/positions");
            try (SseStream stream = SseStream.open(app.url("/api/positions/stream"), null)) {
                SseStream.Event first = stream.next(Duration.ofSeconds(30));
                assertThat(first.name()).isEqualTo("positions");
                streamed = JSON.readTree(first.data());
            }
            JsonNode after = app.http().getJson("/api/option-chain/NIFTY");
            // time to expiry counts by the minute: a read that straddled one is read again
            if (after.get("days_to_expiry").equals(chain.get("days_to_expiry"))) {
                break;
            }
        }
        Map<String, JsonNode> legs = legsBySymbol(chain);

        Map<Long, double[]> expected = new HashMap<>();
        for (JsonNode position : book.get("positions")) {
            double[] sum = new double[GREEKS.length];
            for (JsonNode leg : position.get("legs")) {
                JsonNode quoted = legs.get(leg.get("symbol").asText());
                assertThat(quoted.get("iv").isNull()).as("%s has an IV", leg.get("symbol")).isFalse();
                double signed = (leg.get("side").asText().equals("long") ? 1 : -1) * leg.get("quantity").asDouble();
                for (int g = 0; g < GREEKS.length; g++) {
                    sum[g] += signed * quoted.get(GREEKS[g]).asDouble();
                }
            }
            expected.put(position.get("id").asLong(), sum);
            assertGreeks(position.get("greeks"), sum, "position #" + position.get("id"));
        }
        assertThat(expected).containsOnlyKeys(straddle, extraCall, hedge);
        assertThat(expected.get(straddle)[1]).as("a short straddle's gamma").isNegative();
        assertThat(expected.get(straddle)[2]).as("its theta, rupees a day").isPositive();
        assertThat(expected.get(hedge)[0]).as("a long call's delta").isPositive();

        double[] sold = plus(new double[GREEKS.length], expected.get(straddle), expected.get(extraCall));
        double[] bought = plus(new double[GREEKS.length], expected.get(hedge));
        assertThat(book.get("strategies")).extracting(s -> s.get("strategy").asText())
                .containsExactly("short-straddle", "hedge");
        assertGreeks(book.get("strategies").get(0).get("greeks"), sold, "strategy short-straddle");
        assertGreeks(book.get("strategies").get(1).get("greeks"), bought, "strategy hedge");
        assertGreeks(book.get("greeks"), plus(new double[GREEKS.length], sold, bought), "the book");

        assertThat(streamed.get("positions")).as("the stream's whole book, read on the same quotes")
                .containsExactlyInAnyOrderElementsOf(book.get("positions"));
        assertThat(streamed.get("strategies")).isEqualTo(book.get("strategies"));
        assertThat(streamed.get("greeks")).isEqualTo(book.get("greeks"));
    }

    /** Each Greek exactly: the API rounds nothing, and sums in the order the legs, positions and strategies come. */
    private static void assertGreeks(JsonNode served, double[] expected, String what) {
        assertThat(served.size()).as("%s: delta, gamma, theta, vega", what).isEqualTo(GREEKS.length);
        for (int g = 0; g < GREEKS.length; g++) {
            assertThat(served.get(GREEKS[g]).isNumber()).as("%s of %s: %s", GREEKS[g], what, served).isTrue();
            assertThat(served.get(GREEKS[g]).asDouble()).as("%s of %s", GREEKS[g], what).isEqualTo(expected[g]);
        }
    }

    private static double[] plus(double[] into, double[]... parts) {
        for (double[] part : parts) {
            for (int g = 0; g < into.length; g++) {
                into[g] += part[g];
            }
        }
        return into;
    }

    /** Paused, every tick the market sent has been applied: the feed's count stands still between two reads. */
    private void awaitFeedStill() throws Exception {
        long[] last = {-1};
        app.http().awaitStatus(s -> {
            long ticks = s.at("/feed/ticks").asLong();
            boolean still = ticks == last[0];
            last[0] = ticks;
            return still;
        });
    }

    /** One lot of each leg on {@code side}, at its ask, with a stop nowhere near. */
    private long open(String strategy, String side, double stop, JsonNode... legs) throws Exception {
        StringBuilder body = new StringBuilder("{\"strategy\":\"" + strategy + "\",\"stop\":" + stop + ",\"legs\":[");
        for (int i = 0; i < legs.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(legs[i].get("symbol").asText())
                    .append("\",\"side\":\"").append(side).append("\",\"lots\":1,\"entry_price\":")
                    .append(legs[i].get("ask").asDouble()).append('}');
        }
        HttpResponse<String> response = app.http().send("POST", "/api/positions", body.append("]}").toString(),
                RunningApplication.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    /** The row {@code offset} strikes above ATM. */
    private static JsonNode row(JsonNode chain, int offset) {
        JsonNode options = chain.get("options");
        for (int i = 0; i < options.size(); i++) {
            if ("ATM".equals(options.get(i).get("tag").asText())) {
                return options.get(i + offset);
            }
        }
        throw new AssertionError("no ATM row in " + chain);
    }

    private static Map<String, JsonNode> legsBySymbol(JsonNode chain) {
        Map<String, JsonNode> legs = new HashMap<>();
        for (JsonNode row : chain.get("options")) {
            for (String side : List.of("ce_data", "pe_data")) {
                legs.put(row.get(side).get("symbol").asText(), row.get(side));
            }
        }
        return legs;
    }
}
