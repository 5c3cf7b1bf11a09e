package io.optionchain.web.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.options.Black76;
import io.optionchain.options.Greeks;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each leg's Greeks as a client reads them, from the REST chain and from the chain stream, against the simulated
 * OpenAlgo over real sockets: whatever the JSON says, Black-76 on the JSON's own {@code forward},
 * {@code days_to_expiry}, {@code interest_rate} and {@code iv} gives the same numbers. A fifth of the market's
 * ticks come with the best bid and ask zeroed, so some legs have no mid and must show no IV and no Greeks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainGreeksOverHttpTest {
    private static final String API_KEY = "greeks-test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] GREEKS = {"delta", "gamma", "theta", "vega", "rho"};

    private OpenAlgoSimulator market;
    private RunningApplication app;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(17).withTicksPerSecond(1_000));
        market.faults().zeroBidAsk(0.2);
        // option_chain.interest_rate as an operator sets it, not the shipped 0, so the rate's part in IV, theta
        // and rho is checked as well
        app = RunningApplication.in(data).on(market, API_KEY)
                .config(c -> c.withOptionChain(new io.optionchain.web.config.OptionChainSettings(6.5))).start();
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
    void shouldServeGreeksThatBlack76ReproducesFromTheChainsOwnNumbers() throws Exception {
        JsonNode chain = app.http().awaitChain("NIFTY", c -> c.path("interest_rate").asDouble() == 6.5
                && !c.get("underlying_ltp").isNull() && legs(c, true).size() >= 40 && legs(c, false).size() >= 1);

        assertThat(chain.get("forward").asDouble()).isCloseTo(chain.get("underlying_ltp").asDouble(),
                org.assertj.core.api.Assertions.withinPercentage(2));
        assertThat(chain.get("days_to_expiry").asDouble()).isPositive();
        assertGreeksReproduce(chain);
        for (JsonNode leg : legs(chain, false)) {
            for (String greek : GREEKS) {
                assertThat(leg.has(greek)).as("%s of %s", greek, leg.get("symbol")).isTrue();
                assertThat(leg.get(greek).isNull()).as("%s of %s, which has no IV", greek, leg.get("symbol")).isTrue();
            }
        }
        JsonNode atmCall = chain.get("options").get(20).get("ce_data");
        if (!atmCall.get("iv").isNull()) {
            assertThat(atmCall.get("delta").asDouble()).isBetween(0.3, 0.7);
            assertThat(atmCall.get("theta").asDouble()).isNegative();
            assertThat(atmCall.get("vega").asDouble()).isPositive();
        }
    }

    @Test
    void shouldStreamTheSameFieldsInTheWholeChainAndInItsUpdates() throws Exception {
        app.http().awaitChain("NIFTY", c -> c.path("interest_rate").asDouble() == 6.5 && legs(c, true).size() >= 40);
        try (SseStream stream = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), null)) {
            SseStream.Event first = stream.next(WAIT);
            assertThat(first.name()).isEqualTo("chain");
            assertGreeksReproduce(JSON.readTree(first.data()));
            int updates = 0;
            while (updates < 3) {
                SseStream.Event event = stream.next(WAIT);
                JsonNode payload = JSON.readTree(event.data());
                assertGreeksReproduce(payload);
                updates += event.name().equals("update") && payload.get("options").size() > 0 ? 1 : 0;
            }
        }
    }

    /** Every leg with an IV: each Greek recomputed from the JSON's forward, days, rate and IV matches. */
    private static void assertGreeksReproduce(JsonNode chain) {
        assertThat(chain.get("interest_rate").asDouble()).isEqualTo(6.5);
        double forward = chain.get("forward").asDouble();
        double years = chain.get("days_to_expiry").asDouble() / 365;
        double rate = chain.get("interest_rate").asDouble() / 100;
        Greeks expected = new Greeks();
        for (JsonNode row : chain.get("options")) {
            double strike = row.get("strike").asDouble();
            for (String side : new String[] {"ce_data", "pe_data"}) {
                JsonNode leg = row.get(side);
                if (leg.get("iv").isNull()) {
                    continue;
                }
                double bid = leg.get("bid").asDouble();
                double ask = leg.get("ask").asDouble();
                boolean call = side.equals("ce_data");
                double vol = leg.get("iv").asDouble() / 100;
                assertThat(Black76.price(call, forward, strike, years, vol, rate)).as("%s priced at its IV",
                        leg.get("symbol")).isCloseTo((bid + ask) / 2, org.assertj.core.api.Assertions.within(0.01));
                Black76.greeks(call, forward, strike, years, vol, rate, expected);
                double[] values = {expected.delta(), expected.gamma(), expected.theta(), expected.vega(), expected.rho()};
                for (int g = 0; g < GREEKS.length; g++) {
                    double served = leg.get(GREEKS[g]).asDouble();
                    double error = Math.abs(served - values[g]);
                    assertThat(error <= 1e-12 || error <= 1e-9 * Math.abs(values[g]))
                            .as("%s of %s: served %s, Black-76 gives %s", GREEKS[g], leg.get("symbol"), served,
                                    values[g]).isTrue();
                }
            }
        }
    }

    /** Legs with an IV ({@code priced}), or with none although the chain has a forward and time. */
    private static List<JsonNode> legs(JsonNode chain, boolean priced) {
        List<JsonNode> legs = new ArrayList<>();
        if (!chain.has("options")) {
            return legs;
        }
        for (JsonNode row : chain.get("options")) {
            for (String side : new String[] {"ce_data", "pe_data"}) {
                JsonNode leg = row.get(side);
                if (leg.get("iv").isNull() != priced) {
                    legs.add(leg);
                }
            }
        }
        return legs;
    }
}
