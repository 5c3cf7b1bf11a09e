package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's HTTP surface on the running application (simulated market): Prometheus metrics, the
 * token rule for requests that change state, input checks, and the page with its assets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningApplication app;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        app = RunningApplication.start(data);
        app.http().awaitChain("NIFTY", chain -> !chain.get("options").get(20).get("ce_data").get("bid").isNull());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldExposePrometheusMetricsOfFeedRingLatencyStreamsAndMemory() throws Exception {
        HttpResponse<String> response = app.http().get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        String text = response.body();
        assertThat(value(text, "optionchain_feed_frames_total{connection=\"primary-1\",kind=\"tick\"}")).isPositive();
        assertThat(value(text, "optionchain_feed_frames_total{connection=\"primary-1\",kind=\"malformed\"}")).isZero();
        assertThat(text).contains("optionchain_feed_frames_total{connection=\"primary-1\",kind=\"unknown_symbol\"}",
                "optionchain_feed_frames_total{connection=\"primary-1\",kind=\"control\"}", "optionchain_feed_frames_total{connection=\"primary-1\",kind=\"dropped\"}");
        assertThat(value(text, "optionchain_ticks_total{underlying=\"NIFTY\"}")).isPositive();
        assertThat(value(text, "optionchain_ticks_total{underlying=\"BANKNIFTY\"}")).isPositive();
        assertThat(value(text, "optionchain_feed_reconnects_total{connection=\"primary-1\"}")).isZero();
        assertThat(value(text, "optionchain_feed_connected{connection=\"primary-1\"}")).isEqualTo(1);
        assertThat(value(text, "optionchain_ring_remaining_capacity")).isBetween(1.0, 16_384.0);
        assertThat(value(text, "optionchain_ring_size")).isEqualTo(16_384);
        double p50 = value(text, "optionchain_frame_to_decision_latency_seconds{quantile=\"0.5\"}");
        double p99 = value(text, "optionchain_frame_to_decision_latency_seconds{quantile=\"0.99\"}");
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(value(text, "optionchain_frame_to_decision_latency_seconds_count")).isPositive();
        assertThat(text).contains("optionchain_frame_to_decision_latency_seconds{quantile=\"0.999\"}");
        assertThat(value(text, "optionchain_sse_clients")).isNotNegative();
        assertThat(text).contains("optionchain_sse_dropped_clients_total", "optionchain_sse_events_total");
        assertThat(value(text, "optionchain_feed_symbols{connection=\"primary-1\"}")).isEqualTo(182);
        assertThat(text).contains("optionchain_feed_frames_total{connection=\"primary-1\",kind=\"oversized\"}",
                "optionchain_ticks_out_of_order_total", "optionchain_ticks_duplicate_total");
        assertThat(value(text, "optionchain_positions{state=\"OPEN\"}")).isZero();
        assertThat(value(text, "jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
        assertThat(text).doesNotContain(RunningApplication.TOKEN);
    }

    @Test
    void shouldAskForTheTokenOnEveryRequestThatChangesState() throws Exception {
        HttpResponse<String> none = app.http().post("/api/option-chain/latency/reset");
        assertError(none, 401, "Authorization: Bearer");
        assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertError(app.http().post("/api/option-chain/latency/reset", "Bearer not-the-token-at-all"), 403, "not this server's");
        assertError(app.http().post("/api/option-chain/latency/reset", "Basic " + RunningApplication.TOKEN), 401, "Bearer");
        // a route nobody has written yet is covered too: the rule is on the path, not on each route
        assertError(app.http().post("/api/positions"), 401, "Authorization: Bearer");

        HttpResponse<String> reset = app.http().post("/api/option-chain/latency/reset", "Bearer " + RunningApplication.TOKEN);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).doesNotContain(RunningApplication.TOKEN);
        // reading needs no token
        assertThat(app.http().get("/api/option-chain/status").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseMalformedUnderlyingExpiryAndSymbolWith400() throws Exception {
        assertError(app.http().get("/api/option-chain/NIFTY%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 400,
                "underlying must be an index symbol");
        assertError(app.http().get("/api/option-chain/NIFTY?expiry=%3Cb%3E"), 400, "25-NOV-25");
        assertError(app.http().get("/api/option-chain/ticks/NIFTY%22%3E%3Csvg%3E"), 400, "symbol must be");
        assertError(app.http().get("/api/option-chain/depth/" + "A".repeat(41)), 400, "at most 40");
        assertError(app.http().get("/api/option-chain/FINNIFTY"), 404, "unknown underlying");
    }

    @Test
    void shouldServeThePageWithItsOwnAssetsOnlyAndLinkItFromHome() throws Exception {
        HttpResponse<String> page = app.http().get("/option-chain");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("content-security-policy").orElse(""))
                .contains("script-src 'self'", "connect-src 'self'");
        assertThat(page.body()).contains("id=\"chain-body\"", "/assets/option-chain.js").doesNotContain("http://", "https://");
        HttpResponse<String> script = app.http().get("/assets/option-chain.js");
        assertThat(script.statusCode()).isEqualTo(200);
        // the one URL in the script is the SVG namespace, which names rather than fetches
        assertThat(script.body().replace("'http://www.w3.org/2000/svg'", "")).contains("textContent")
                .doesNotContain("innerHTML", "insertAdjacentHTML", "http://", "https://");
        assertThat(app.http().get("/assets/option-chain.css").statusCode()).isEqualTo(200);
        assertThat(app.http().get("/").body()).contains("href=\"/option-chain\"");

        JsonNode settings = JSON.readTree(app.http().get("/api/dashboard/settings").body());
        assertThat(settings.get("updates_per_second").asInt()).isEqualTo(4);
        assertThat(settings.get("underlyings").get(0).get("name").asText()).isEqualTo("NIFTY");
        assertThat(settings.get("underlyings").get(0).get("lot_size").asInt()).isEqualTo(65);
    }

    @Test
    void shouldServeEveryAssetThePageLoadsWithItsTypeAndLetABrowserRevalidateIt() throws Exception {
        Set<String> linkedAssets = new TreeSet<>();
        for (String page : List.of("/option-chain", "/trading-hours")) {
            Matcher linked = Pattern.compile("/assets/([\\w.-]+)").matcher(app.http().get(page).body());
            while (linked.find()) {
                linkedAssets.add(linked.group());
            }
        }
        for (String path : linkedAssets) {
            HttpResponse<String> asset = app.http().get(path);
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            // byte for byte as built: the scripts hold UTF-8 text such as "µs"
            try (InputStream built = DashboardApiTest.class.getResourceAsStream("/web" + path)) {
                assertThat(asset.body()).as(path).isEqualTo(new String(built.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertThat(asset.headers().firstValue("content-type").orElse("")).as(path)
                    .startsWith(path.endsWith(".css") ? "text/css" : "text/javascript");
            assertThat(asset.headers().firstValue("cache-control")).as(path).hasValue("no-cache");
            assertThat(asset.headers().firstValue("x-content-type-options")).as(path).hasValue("nosniff");
            String etag = asset.headers().firstValue("etag").orElseThrow();
            // no-cache makes the browser ask on every load; an unchanged file costs a 304 and no body
            HttpResponse<String> again = app.http().get(path, Map.of("If-None-Match", etag));
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        assertThat(linkedAssets).containsExactly("/assets/day-charts.js", "/assets/dom.js", "/assets/exchange-time.js",
                "/assets/exit-all.js", "/assets/numbers.js", "/assets/option-chain.css", "/assets/option-chain.js",
                "/assets/positions.js",
                "/assets/trading-hours.css", "/assets/trading-hours.js");
        assertError(app.http().get("/assets/nope.js"), 404, "no route GET '/assets/nope.js'");
    }

    @Test
    void shouldEstimateExecutionFromTheLiveBook() throws Exception {
        JsonNode chain = app.http().awaitChain("NIFTY", c -> !c.get("options").get(20).get("ce_data").get("ask").isNull());
        String symbol = chain.get("options").get(20).get("ce_data").get("symbol").asText();
        JsonNode estimate = JSON.readTree(app.http().get("/api/execution-estimate?symbol=" + symbol
                + "&action=BUY&quantity=130").body());
        assertThat(estimate.get("lots").asDouble()).isEqualTo(2.0);
        assertThat(estimate.get("expected_price").asDouble())
                .isGreaterThanOrEqualTo(estimate.get("best_price").asDouble())
                .isLessThanOrEqualTo(estimate.get("worst_price").asDouble());
        JsonNode entry = JSON.readTree(app.http().get("/api/entry-analysis?symbol=" + symbol
                + "&action=SELL&quantity=65").body());
        assertThat(entry.get("recommendation").asText()).isIn("ENTER_NOW", "WAIT", "WAIT_FOR_TIGHTER_SPREAD");
    }

    private static double value(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(value.find()).as(name + " in /metrics").isTrue();
        return Double.parseDouble(value.group(1));
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElse("")).contains("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).contains(message);
    }
}
