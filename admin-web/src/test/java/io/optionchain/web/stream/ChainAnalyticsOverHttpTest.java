package io.optionchain.web.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The chain's header numbers as a client reads them over real HTTP from a chain fed by the simulated OpenAlgo:
 * each one follows from the same JSON's legs (straddle, synthetic future and ATM IV from the ATM row, GEX from
 * each leg's gamma, OI and the chain's lot size, the OI change total from the legs'), the stream's updates carry
 * them, and a restart on the same data directory keeps measuring the OI change from the same baseline.
 */
class ChainAnalyticsOverHttpTest {
    private static final String API_KEY = "analytics-test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final String[] SIDES = {"ce_data", "pe_data"};

    @TempDir
    Path data;
    private OpenAlgoSimulator market;

    @BeforeEach
    void startMarket() {
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(23).withTicksPerSecond(1_000));
    }

    @AfterEach
    void stopMarket() {
        market.close();
    }

    @Test
    void shouldDeriveEveryHeaderNumberFromTheChainsOwnLegs() throws Exception {
        try (RunningApplication app = RunningApplication.in(data).on(market, API_KEY).start()) {
            JsonNode chain = app.http().awaitChain("NIFTY", c -> RunningApplication.everyLegQuoted(c)
                    && atmTwoSided(c) && !c.get("market_metrics").get("total_oi_change").isNull());
            JsonNode metrics = chain.get("market_metrics");
            JsonNode atm = chain.get("options").get(20);
            assertThat(atm.get("tag").asText()).isEqualTo("ATM");
            JsonNode call = atm.get("ce_data");
            JsonNode put = atm.get("pe_data");

            assertThat(metrics.get("straddle").asDouble()).isCloseTo(mid(call) + mid(put), within(0.0051));
            assertThat(metrics.get("synthetic_future").asDouble())
                    .isCloseTo(atm.get("strike").asDouble() + mid(call) - mid(put), within(0.0051));
            assertThat(metrics.get("straddle_change").isNumber()).as("the simulator sends previous closes").isTrue();
            if (!call.get("iv").isNull() && !put.get("iv").isNull()) {
                assertThat(metrics.get("atm_iv").asDouble())
                        .isCloseTo((call.get("iv").asDouble() + put.get("iv").asDouble()) / 2, within(1e-9));
            }

            int lot = chain.get("lot_size").asInt();
            double net = 0;
            for (JsonNode row : chain.get("options")) {
                double rowGex = legGex(row.get("ce_data"), lot) - legGex(row.get("pe_data"), lot);
                assertThat(row.get("gex").asDouble()).as("gex at %s", row.get("strike"))
                        .isCloseTo(rowGex, within(1e-6 * Math.max(1, Math.abs(rowGex))));
                net += row.get("gex").asDouble();
            }
            assertThat(metrics.get("gex").asDouble()).isCloseTo(net, within(1e-6 * Math.max(1, Math.abs(net))));

            long total = 0;
            for (JsonNode row : chain.get("options")) {
                for (String side : SIDES) {
                    total += row.get(side).get("oi_change").asLong();
                }
            }
            assertThat(metrics.get("total_oi_change").asLong()).isEqualTo(total);
            assertThat(metrics.get("oi_change_since").asText()).as("a new data directory: nothing from an earlier"
                    + " session").isEqualTo("session_start");

            try (SseStream stream = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), null)) {
                stream.next(WAIT);
                SseStream.Event update = stream.next(WAIT);
                assertThat(update.name()).isEqualTo("update");
                JsonNode streamed = JSON.readTree(update.data()).get("market_metrics");
                for (String field : new String[] {"atm_iv", "straddle", "straddle_change", "synthetic_future", "gex",
                        "total_oi_change", "oi_change_since"}) {
                    assertThat(streamed.has(field)).as(field).isTrue();
                }
            }
        }
    }

    @Test
    void shouldKeepTheOiChangesBaselineAcrossARestartOnTheSameDay() throws Exception {
        Map<String, Long> before;
        LocalDate day = LocalDate.now(INDIA);
        try (RunningApplication app = RunningApplication.in(data).on(market, API_KEY).start()) {
            app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
            Thread.sleep(2_000);   // let OI move away from each leg's first tick
            before = baselines(app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted));
        }
        assertThat(before.values().stream().distinct().count()).as("legs' baselines differ").isGreaterThan(1);

        try (RunningApplication app = RunningApplication.in(data).on(market, API_KEY).start()) {
            JsonNode chain = app.http().awaitChain("NIFTY", c -> RunningApplication.everyLegQuoted(c)
                    && baselines(c).keySet().containsAll(before.keySet()));
            Map<String, Long> after = baselines(chain);
            if (!LocalDate.now(INDIA).equals(day)) {
                // midnight in India fell between the runs: today's baseline is then the last session's OI
                assertThat(chain.get("market_metrics").get("oi_change_since").asText()).isEqualTo("previous_session");
                return;
            }
            long moved = 0;
            for (Map.Entry<String, Long> leg : before.entrySet()) {
                assertThat(after.get(leg.getKey())).as("baseline of %s", leg.getKey()).isEqualTo(leg.getValue());
            }
            for (JsonNode row : chain.get("options")) {
                for (String side : SIDES) {
                    moved += row.get(side).get("oi_change").asLong() != 0 ? 1 : 0;
                }
            }
            assertThat(moved).as("legs whose OI changed since the session's first tick").isPositive();
            assertThat(chain.get("market_metrics").get("oi_change_since").asText()).isEqualTo("session_start");
        }
    }

    /** What each leg's OI change is measured from: its OI less its change. */
    private static Map<String, Long> baselines(JsonNode chain) {
        Map<String, Long> baselines = new HashMap<>();
        for (JsonNode row : chain.get("options")) {
            for (String side : SIDES) {
                JsonNode leg = row.get(side);
                if (!leg.get("oi_change").isNull()) {
                    baselines.put(leg.get("symbol").asText(), leg.get("oi").asLong() - leg.get("oi_change").asLong());
                }
            }
        }
        return baselines;
    }

    private static double legGex(JsonNode leg, int lot) {
        return leg.get("gamma").isNull() || leg.get("oi").isNull() ? 0
                : leg.get("gamma").asDouble() * leg.get("oi").asLong() * lot;
    }

    private static boolean atmTwoSided(JsonNode chain) {
        JsonNode atm = chain.get("options").get(20);
        return !atm.get("ce_data").get("bid").isNull() && atm.get("ce_data").get("bid").asDouble() > 0
                && !atm.get("pe_data").get("bid").isNull() && atm.get("pe_data").get("bid").asDouble() > 0;
    }

    private static double mid(JsonNode leg) {
        return (leg.get("bid").asDouble() + leg.get("ask").asDouble()) / 2;
    }
}
