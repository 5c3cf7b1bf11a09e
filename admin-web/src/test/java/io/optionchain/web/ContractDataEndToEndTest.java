package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lot size, tick size and freeze quantity come from the OpenAlgo the application runs against, read as its chains
 * open: the chain's REST and SSE shapes carry them, status says the server supplied them, and positions and
 * estimates are checked by them. A change at the server is followed at the next chain open, here a restart on the
 * same data directory, as after a revision between two trading days.
 */
class ContractDataEndToEndTest {
    private static final String API_KEY = "contract-data-key-4e5f6a7b8c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldCheckPositionsByTheServersLotAndFollowItsChangeAtTheNextChainOpen(@TempDir Path data)
            throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(17)
                .withTicksPerSecond(2_000))) {
            market.contract("NIFTY", 75, 0.10, 1_500); // a server still on the seed's lot, as config is not

            try (RunningApplication app = start(data, market)) {
                JsonNode chain = app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
                assertThat(chain.get("lot_size").asInt()).isEqualTo(75);
                assertThat(chain.get("tick_size").asDouble()).isEqualTo(0.1);
                assertThat(chain.get("freeze_qty").asInt()).isEqualTo(1_500);
                assertThat(source(app, "NIFTY")).isEqualTo("server");
                assertThat(firstStreamedChain(app).get("lot_size").asInt()).isEqualTo(75);

                HttpResponse<String> refused = open(app, atmCall(chain), 65);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
                assertThat(JSON.readTree(refused.body()).get("message").asText())
                        .contains("quantity 65 of " + atmCall(chain) + " is not a whole number of lots of 75");
                assertThat(app.http().get(estimate(atmCall(chain), 65)).statusCode()).isEqualTo(400);
            }

            market.contract("NIFTY", 65, 0.05, 1_800); // the exchange's revision, overnight

            try (RunningApplication app = start(data, market)) {
                JsonNode chain = app.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
                assertThat(chain.get("lot_size").asInt()).isEqualTo(65);
                assertThat(chain.get("tick_size").asDouble()).isEqualTo(0.05);
                assertThat(chain.get("freeze_qty").asInt()).isEqualTo(1_800);
                assertThat(firstStreamedChain(app).get("lot_size").asInt()).isEqualTo(65);
                assertThat(app.http().getJson("/api/dashboard/settings").get("underlyings").get(0).get("lot_size")
                        .asInt()).isEqualTo(65);

                HttpResponse<String> accepted = open(app, atmCall(chain), 65);
                assertThat(accepted.statusCode()).as(accepted.body()).isBetween(200, 201);
                JsonNode leg = JSON.readTree(accepted.body()).get("legs").get(0);
                assertThat(leg.get("quantity").asLong()).isEqualTo(65);
                assertThat(leg.get("lots").asInt()).isEqualTo(1);
                JsonNode estimate = app.http().getJson(estimate(atmCall(chain), 65));
                assertThat(estimate.get("lot_size").asInt()).isEqualTo(65);
                assertThat(estimate.get("lots").asDouble()).isEqualTo(1.0);
            }
        }
    }

    private static RunningApplication start(Path data, OpenAlgoSimulator market) throws InterruptedException {
        return RunningApplication.in(data).on(market, API_KEY).token(RunningApplication.TOKEN).start();
    }

    private static String atmCall(JsonNode chain) {
        return chain.get("options").get(20).get("ce_data").get("symbol").asText();
    }

    /** A long of {@code units} with a stop far below: watched, never triggered while the test runs. */
    private static HttpResponse<String> open(RunningApplication app, String symbol, long units) throws Exception {
        return app.http().send("POST", "/api/positions", "{\"strategy\":\"contract-data\",\"legs\":[{\"symbol\":\""
                + symbol + "\",\"side\":\"long\",\"quantity\":" + units + ",\"entry_price\":100}],\"stop\":0.1}",
                RunningApplication.TOKEN);
    }

    private static String estimate(String symbol, long units) {
        return "/api/execution-estimate?symbol=" + symbol + "&action=BUY&quantity=" + units;
    }

    private static String source(RunningApplication app, String underlying) throws Exception {
        for (JsonNode item : app.http().getJson("/api/option-chain/status").get("underlyings")) {
            if (item.get("underlying").asText().equals(underlying)) {
                return item.get("contract_source").asText();
            }
        }
        throw new AssertionError(underlying + " not in status");
    }

    /** The first {@code chain} event of the page's stream: the whole chain as SSE sends it. */
    private static JsonNode firstStreamedChain(RunningApplication app) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/option-chain/NIFTY/stream")))
                .timeout(WAIT).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            boolean chainEvent = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals("event: chain") || line.equals("event:chain")) {
                    chainEvent = true;
                } else if (chainEvent && line.startsWith("data:")) {
                    return JSON.readTree(line.substring(5).trim());
                }
            }
        }
        throw new AssertionError("the stream ended before its first chain event");
    }
}
