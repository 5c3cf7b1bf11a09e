package io.optionchain.web.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day series as a client reads it over real HTTP, the chain fed by the simulated OpenAlgo: a point recorded
 * while the market stands still holds exactly the numbers the chain route shows, the day is still there after a
 * restart on the same data directory, and bad ranges are 400s with JSON messages.
 *
 * <p>Market and application run on one clock set to 10:14:35 on 7 December 2026 (the eve of a weekly expiry), at
 * real speed, so the first minute point comes within the test's first half minute on any day at any hour.
 */
class ChainHistoryOverHttpTest {
    private static final String API_KEY = "history-test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-07T10:14:35+05:30");
    private static final String[][] SAME = {{"index", "underlying_ltp"}, {"atm", "atm_strike"},
            {"atm_iv", "market_metrics.atm_iv"}, {"straddle", "market_metrics.straddle"},
            {"synthetic_future", "market_metrics.synthetic_future"}, {"pcr", "market_metrics.pcr"},
            {"pcr_volume", "market_metrics.pcr_volume"}, {"max_pain", "market_metrics.max_pain"},
            {"total_oi_change", "market_metrics.total_oi_change"}};

    @TempDir
    Path data;
    private OpenAlgoSimulator market;

    @BeforeEach
    void startMarket() {
        Clock shifted = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START.toInstant()));
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(31).withTicksPerSecond(1_000)
                .withClock(shifted));
    }

    @AfterEach
    void stopMarket() {
        market.close();
    }

    @Test
    void shouldRecordTheChainsNumbersAndKeepTheDayAcrossARestart() throws Exception {
        JsonNode recorded;
        JsonNode dayBefore;
        try (RunningApplication app = RunningApplication.in(data).on(market, API_KEY)
                .arguments("--clock", START.toString()).start()) {
            app.http().awaitChain("NIFTY", c -> RunningApplication.everyLegQuoted(c) && atmTwoSided(c));
            market.rate(0); // the market stands still: the next point must show what the chain shows now

            recorded = awaitPointAsTheChainShows(app, Duration.ofSeconds(90));
            dayBefore = app.http().getJson("/api/option-chain/NIFTY/history");
            assertThat(dayBefore.get("underlying").asText()).isEqualTo("NIFTY");
            assertThat(dayBefore.get("expiry").asText())
                    .isEqualTo(app.http().getJson("/api/option-chain/NIFTY").get("expiry").asText());
            assertThat(times(dayBefore)).as("time ascending").isSorted().contains(recorded.get("time").asText());
            assertThat(OffsetDateTime.parse(recorded.get("time").asText()).toLocalDate())
                    .isEqualTo(START.toLocalDate());
            for (String[] field : SAME) {
                assertThat(recorded.get(field[0]).isNull()).as("%s known", field[0]).isFalse();
            }
            market.rate(1_000);
        }

        try (RunningApplication app = RunningApplication.in(data).on(market, API_KEY)
                .arguments("--clock", START.plusMinutes(3).toString()).start()) {
            JsonNode dayAfter = app.http().getJson("/api/option-chain/NIFTY/history");
            assertThat(times(dayAfter)).as("the day recorded before the restart").startsWith(
                    times(dayBefore).toArray(String[]::new));
            assertThat(dayAfter.get("points").get(times(dayBefore).indexOf(recorded.get("time").asText())))
                    .isEqualTo(recorded);

            String from = START.toLocalDate().atStartOfDay(START.getOffset()).toString();
            JsonNode sameRange = app.http().getJson("/api/option-chain/NIFTY/history?expiry="
                    + dayAfter.get("expiry").asText() + "&from=" + from.replace("+", "%2B") + "&to="
                    + recorded.get("time").asText().replace("+", "%2B"));
            assertThat(sameRange.get("points").get(sameRange.get("points").size() - 1)).isEqualTo(recorded);
            JsonNode unencodedPlus = app.http().getJson("/api/option-chain/NIFTY/history?from=" + from + "&to="
                    + recorded.get("time").asText());
            assertThat(unencodedPlus).as("a '+' left unencoded arrives as a space: still read as the offset")
                    .isEqualTo(sameRange);
        }
    }

    @Test
    void shouldAnswerBadRangesWithFourHundredAndAJsonMessage() throws Exception {
        try (RunningApplication app = RunningApplication.in(data).on(market, API_KEY)
                .arguments("--clock", START.toString()).start()) {
            assertError(app, "?from=yesterday", 400, "from must be an ISO-8601 time with its offset, such as"
                    + " 2026-12-07T09:15:00+05:30, got 'yesterday'");
            assertError(app, "?to=2026-12-07T10:00:00", 400, "to must be an ISO-8601 time with its offset");
            assertError(app, "?from=2026-12-07T11:00:00%2B05:30&to=2026-12-07T10:00:00%2B05:30", 400,
                    "from 2026-12-07T11:00+05:30 is after to 2026-12-07T10:00+05:30");
            assertError(app, "?from=2026-11-27T09:15:00%2B05:30&to=2026-12-07T10:00:00%2B05:30", 400,
                    "from 2026-11-27 to 2026-12-07 spans 11 days; the series keep 10 (option_chain.series_days)");
            assertError(app, "?expiry=someday", 400, "expiry must look like 25-NOV-25");
            assertError(app, "?expiry=01-JAN-20", 404, "is not monitored for NIFTY");
            HttpResponse<String> unknown = app.http().get("/api/option-chain/NOSUCH/history");
            assertThat(unknown.statusCode()).isEqualTo(404);

            JsonNode tenDays = app.http().getJson("/api/option-chain/NIFTY/history?from=2026-11-28T00:00:00%2B05:30");
            assertThat(tenDays.get("points").isArray()).as("ten days, the most kept, is a range").isTrue();
        }
    }

    /**
     * Polls the history until its newest point has exactly the numbers the chain route shows at that moment
     * (the market stands still, so only a new minute could change them: ATM IV counts time to expiry by minutes).
     */
    private static JsonNode awaitPointAsTheChainShows(RunningApplication app, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonNode last = null;
        JsonNode chain = null;
        while (System.nanoTime() < deadline) {
            JsonNode points = app.http().getJson("/api/option-chain/NIFTY/history").get("points");
            if (!points.isEmpty()) {
                last = points.get(points.size() - 1);
                chain = app.http().getJson("/api/option-chain/NIFTY");
                if (sameNumbers(last, chain)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no point showed the chain's numbers within " + wait.toSeconds() + " s; last point "
                + last + ", chain's " + (chain == null ? "none" : numbers(chain)));
    }

    private static boolean sameNumbers(JsonNode point, JsonNode chain) {
        for (String[] field : SAME) {
            if (!point.get(field[0]).equals(at(chain, field[1]))) {
                return false;
            }
        }
        return true;
    }

    private static String numbers(JsonNode chain) {
        StringBuilder text = new StringBuilder();
        for (String[] field : SAME) {
            text.append(field[0]).append('=').append(at(chain, field[1])).append(' ');
        }
        return text.toString();
    }

    private static JsonNode at(JsonNode json, String dotted) {
        JsonNode node = json;
        for (String name : dotted.split("\\.")) {
            node = node.get(name);
        }
        return node;
    }

    private static List<String> times(JsonNode history) {
        List<String> times = new ArrayList<>();
        history.get("points").forEach(p -> times.add(p.get("time").asText()));
        return times;
    }

    private static void assertError(RunningApplication app, String query, int status, String message)
            throws Exception {
        HttpResponse<String> response = app.http().get("/api/option-chain/NIFTY/history" + query);
        assertThat(response.statusCode()).as(query).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).as(query).contains(message);
    }

    private static boolean atmTwoSided(JsonNode chain) {
        JsonNode atm = chain.get("options").get(20);
        return !atm.get("ce_data").get("bid").isNull() && atm.get("ce_data").get("bid").asDouble() > 0
                && !atm.get("pe_data").get("bid").isNull() && atm.get("pe_data").get("bid").asDouble() > 0;
    }
}
