package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.market.Underlying;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole product over real sockets: a simulated OpenAlgo server on loopback, the application
 * connected to it as to a real one (REST for expiries and the index, the market-data WebSocket for
 * ticks), and the chain read back over the application's HTTP API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionChainEndToEndTest {
    private static final String API_KEY = "e2e-test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApplicationHttp api;
    private OpenAlgoSimulator market;
    private RunningApplication application;
    private Path data;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        this.data = data;
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(2026).withTicksPerSecond(2_000));
        // NIFTY monitors its two nearest expiries, each its own chain
        application = RunningApplication.in(data).on(market, API_KEY).config(c -> c.withUnderlyings(
                c.underlyings().stream().map(u -> u.name().equals("NIFTY") ? new Underlying(u.name(),
                        u.indexExchange(), u.optionExchange(), u.lotSize(), u.strikeStep(), u.strikesEachSide(), 2)
                        : u).toList())).start();
        api = application.http();
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

    @Test
    void shouldServeACompleteNiftyChainFromLiveTicks() throws Exception {
        JsonNode chain = awaitChain("NIFTY", OptionChainEndToEndTest::complete);
        assertChain(chain, "NIFTY", 50);
        assertThat(chain.get("expiry").asText()).isEqualTo(ExpiryDates.format(market.expiries("NIFTY").get(0)));
    }

    @Test
    void shouldServeACompleteBankNiftyChainFromLiveTicks() throws Exception {
        JsonNode chain = awaitChain("BANKNIFTY", OptionChainEndToEndTest::complete);
        assertChain(chain, "BANKNIFTY", 100);
        assertThat(chain.get("expiry").asText()).isEqualTo(ExpiryDates.format(market.expiries("BANKNIFTY").get(0)));
    }

    @Test
    void shouldChangeAsTheSimulatedMarketMoves() throws Exception {
        JsonNode first = awaitChain("NIFTY", OptionChainEndToEndTest::complete);
        Set<String> before = quotes(first);
        JsonNode later = awaitChain("NIFTY", chain -> !quotes(chain).equals(before)
                && OffsetDateTime.parse(chain.get("timestamp").asText())
                .isAfter(OffsetDateTime.parse(first.get("timestamp").asText())));
        assertThat(quotes(later)).isNotEqualTo(before);
    }

    @Test
    void shouldReportMonitoringStatusPerUnderlying() throws Exception {
        awaitChain("NIFTY", OptionChainEndToEndTest::complete);
        JsonNode status = JSON.readTree(get("/api/option-chain/status").body());
        JsonNode nifty = status.get("underlyings").get(0);
        assertThat(nifty.get("underlying").asText()).isEqualTo("NIFTY");
        assertThat(nifty.get("connected").asBoolean()).isTrue();
        assertThat(nifty.get("subscribed_symbols").asInt()).isEqualTo(1 + 2 * 2 * (41 + 2 * 2));
        assertThat(nifty.get("expiries")).hasSize(2);
        assertThat(status.get("underlyings").get(1).get("subscribed_symbols").asInt()).isEqualTo(1 + 2 * (41 + 2 * 2));
        assertThat(nifty.get("ticks_received").asLong()).isPositive();
        assertThat(OffsetDateTime.parse(nifty.get("last_tick_time").asText()).getOffset().getTotalSeconds())
                .isEqualTo(19_800);
        assertThat(nifty.get("atm_strike").asDouble() % 50).isZero();
        assertThat(nifty.get("expiry").asText()).matches("\\d{2}-[A-Z]{3}-\\d{2}");
        JsonNode subscriptions = status.get("subscriptions");
        assertThat(subscriptions.get("budget").asInt()).isEqualTo(3_000);
        assertThat(subscriptions.get("subscribed").asInt()).isEqualTo(2 + 3 * 2 * (41 + 2 * 2));
        assertThat(subscriptions.get("left_out").asInt()).isZero();
        assertThat(status.get("feed").get("subscribed_symbols").asInt()).isEqualTo(subscriptions.get("subscribed").asInt());
        assertThat(status.get("feed").get("state").asText()).isEqualTo("CONNECTED");
        assertThat(status.get("feed").get("malformed").asLong()).isZero();
        assertThat(status.get("pipeline").get("frame_to_decision_latency").get("count").asLong()).isPositive();
        assertThat(status.toString()).doesNotContain(API_KEY);
    }

    @Test
    void shouldSelectAMonitoredExpiryAndRefuseOthersWithJsonErrors() throws Exception {
        JsonNode chain = awaitChain("NIFTY", c -> true);
        String expiry = chain.get("expiry").asText();
        HttpResponse<String> same = get("/api/option-chain/nifty?expiry=" + expiry.toLowerCase());
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(same.body()).get("expiry").asText()).isEqualTo(expiry);

        String next = chain.get("expiries").get(1).asText();
        JsonNode nextChain = JSON.readTree(get("/api/option-chain/NIFTY?expiry=" + next).body());
        assertThat(nextChain.get("expiry").asText()).isEqualTo(next);
        assertThat(nextChain.get("options").get(20).get("ce_data").get("symbol").asText())
                .isEqualTo("NIFTY" + next.replace("-", "") + nextChain.get("atm_strike").asLong() + "CE");
        assertThat(ExpiryDates.parse(next)).isAfter(ExpiryDates.parse(expiry));

        assertError(get("/api/option-chain/NIFTY?expiry=2025-07-17"), 400, "25-NOV-25");
        assertError(get("/api/option-chain/NIFTY?expiry=01-JAN-30"), 404, "not monitored");
        assertError(get("/api/option-chain/FINNIFTY"), 404, "unknown underlying 'FINNIFTY'");
        assertError(get("/api/no-such-route"), 404, "no route GET '/api/no-such-route'");
    }

    @Test
    void shouldServeTheLastTicksOfASymbolNewestFirst() throws Exception {
        JsonNode chain = awaitChain("NIFTY", OptionChainEndToEndTest::complete);
        String symbol = chain.get("options").get(20).get("ce_data").get("symbol").asText();
        JsonNode ticks = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ticks = JSON.readTree(get("/api/option-chain/ticks/" + symbol + "?n=5").body());
            if (ticks.get("count").asInt() == 5) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(ticks.get("symbol").asText()).isEqualTo(symbol);
        assertThat(ticks.get("ticks")).hasSize(5);
        for (int i = 1; i < 5; i++) {
            assertThat(OffsetDateTime.parse(ticks.get("ticks").get(i - 1).get("time").asText()))
                    .isAfterOrEqualTo(OffsetDateTime.parse(ticks.get("ticks").get(i).get("time").asText()));
        }
        JsonNode newest = ticks.get("ticks").get(0);
        assertThat(newest.get("ask").asDouble()).isGreaterThan(newest.get("bid").asDouble());
        assertThat(JSON.readTree(get("/api/option-chain/ticks/NIFTY").body()).get("count").asInt()).isPositive();

        assertError(get("/api/option-chain/ticks/" + symbol + "?n=0"), 400, "n must be 1..100");
        assertError(get("/api/option-chain/ticks/" + symbol + "?n=abc"), 400, "n must be 1..100");
        assertError(get("/api/option-chain/ticks/NIFTY01JAN3099999CE"), 404, "unknown symbol");
    }

    @Test
    void shouldResetTheLatencyHistogramOnRequest() throws Exception {
        awaitChain("NIFTY", OptionChainEndToEndTest::complete);
        // the shipped config names no token: the application generated one into its data directory
        String token = Files.readString(data.resolve("api-token")).strip();
        assertThat(api.post("/api/option-chain/latency/reset").statusCode()).isEqualTo(401);
        HttpResponse<String> reset = api.post("/api/option-chain/latency/reset", "Bearer " + token);
        assertThat(reset.statusCode()).isEqualTo(200);
        long afterReset = latencyCount();
        Thread.sleep(1_000);
        long later = latencyCount();
        // ticks keep arriving at ~2,000/s; a second after the reset far fewer are counted than since start
        assertThat(afterReset).isLessThan(later);
        assertThat(later).isLessThan(application.application().book().activity("NIFTY").ticks()
                + application.application().book().activity("BANKNIFTY").ticks());
    }

    private long latencyCount() throws Exception {
        return JSON.readTree(get("/api/option-chain/status").body()).get("pipeline").get("frame_to_decision_latency")
                .get("count").asLong();
    }

    private void assertChain(JsonNode chain, String underlying, int step) {
        assertThat(chain.get("underlying").asText()).isEqualTo(underlying);
        double ltp = chain.get("underlying_ltp").asDouble();
        double atm = chain.get("atm_strike").asDouble();
        assertThat(ltp).isPositive();
        // ATM is the strike nearest the index; the index may tick between the two reads, hence one step
        assertThat(Math.abs(atm - ltp)).isLessThanOrEqualTo(step * 1.5);
        assertThat(chain.has("underlying_bid")).isTrue();
        assertThat(chain.has("underlying_ask")).isTrue();
        assertThat(OffsetDateTime.parse(chain.get("timestamp").asText()).getOffset().getTotalSeconds()).isEqualTo(19_800);

        JsonNode options = chain.get("options");
        assertThat(options).hasSize(41);
        double atmRowStrike = options.get(20).get("strike").asDouble();
        assertThat(options.get(20).get("tag").asText()).isEqualTo("ATM");
        long ceOi = 0;
        long peOi = 0;
        Set<Double> strikes = new HashSet<>();
        for (int i = 0; i < 41; i++) {
            JsonNode row = options.get(i);
            int offset = i - 20;
            assertThat(row.get("tag").asText()).isEqualTo(offset == 0 ? "ATM" : offset < 0 ? "ITM" + -offset : "OTM" + offset);
            assertThat(row.get("strike").asDouble()).isEqualTo(atmRowStrike + offset * step);
            strikes.add(row.get("strike").asDouble());
            for (String side : new String[] {"ce_data", "pe_data"}) {
                JsonNode leg = row.get(side);
                String suffix = side.startsWith("ce") ? "CE" : "PE";
                assertThat(leg.get("symbol").asText())
                        .matches(underlying + "\\d{2}[A-Z]{3}\\d{2}" + row.get("strike").asLong() + suffix);
                double bid = leg.get("bid").asDouble();
                double ask = leg.get("ask").asDouble();
                assertThat(bid).isPositive();
                assertThat(ask).isGreaterThan(bid);
                assertThat(leg.get("spread").asDouble()).isCloseTo(ask - bid, within(0.005));
                assertThat(leg.get("bid_qty").asLong()).isPositive();
                assertThat(leg.get("ask_qty").asLong()).isPositive();
                assertThat(leg.get("ltp").asDouble()).isPositive();
                assertThat(leg.get("volume").asLong()).isNotNegative();
                assertThat(leg.get("oi").asLong()).isNotNegative();
            }
            ceOi += row.get("ce_data").get("oi").asLong();
            peOi += row.get("pe_data").get("oi").asLong();
        }
        JsonNode metrics = chain.get("market_metrics");
        assertThat(metrics.get("total_ce_oi").asLong()).isEqualTo(ceOi);
        assertThat(metrics.get("total_pe_oi").asLong()).isEqualTo(peOi);
        assertThat(metrics.get("pcr").asDouble()).isCloseTo((double) peOi / ceOi, within(1e-4));
        assertThat(metrics.get("total_ce_volume").asLong()).isNotNegative();
        assertThat(metrics.get("pcr_volume").isNull() || metrics.get("pcr_volume").asDouble() >= 0).isTrue();
        assertThat(strikes).contains(metrics.get("max_pain").asDouble());
        assertThat(metrics.get("iv_skew").asDouble()).isBetween(0.5, 3.0);
    }

    /** Every leg quoted and the skew known: the chain as complete as the simulated market makes it. */
    private static boolean complete(JsonNode chain) {
        return RunningApplication.everyLegQuoted(chain) && !chain.get("market_metrics").get("iv_skew").isNull();
    }

    private static Set<String> quotes(JsonNode chain) {
        Set<String> quotes = new HashSet<>();
        for (JsonNode row : chain.get("options")) {
            quotes.add(row.get("ce_data").toString());
            quotes.add(row.get("pe_data").toString());
        }
        return quotes;
    }


    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).contains(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return api.get(path);
    }

    private JsonNode awaitChain(String underlying, Predicate<JsonNode> ready) throws Exception {
        return api.awaitChain(underlying, ready);
    }
}
