package io.optionchain.benchmarks.soak;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakMarketTest {
    private static final Path SHIPPED = Path.of("..", "config");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldStartTheSeparateMarketAndTellTheApplicationToReachItAsARealOpenAlgoServer() throws Exception {
        String rest;
        try (SoakMarket market = SoakMarket.start(SoakMarket.Placement.SEPARATE, SHIPPED)) {
            List<String> arguments = market.launcherArguments();
            assertThat(arguments).startsWith("--feed", "openalgo", "--openalgo-url");
            rest = arguments.get(arguments.indexOf("--openalgo-url") + 1);
            String ws = arguments.get(arguments.indexOf("--ws-url") + 1);
            assertThat(rest).startsWith("http://127.0.0.1:");
            assertThat(ws).startsWith("ws://127.0.0.1:");
            assertThat(arguments).endsWith("--trading-hours", "always-open");

            // the key the application is handed is the one this market accepts, and it is in no argument
            String key = market.environment().get("OPENALGO_API_KEY");
            assertThat(key).hasSizeGreaterThanOrEqualTo(32);
            assertThat(ping(rest, key).statusCode()).isEqualTo(200);
            assertThat(ping(rest, "another-key").statusCode()).isEqualTo(403);
            assertThat(String.join(" ", arguments)).doesNotContain(key);
            assertThat(market.describe()).contains("separate", rest).doesNotContain(key);
        }
        // it stops with the soak: nothing is left listening
        assertThatThrownBy(() -> ping(rest, "any")).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldLeaveTheEmbeddedMarketToTheApplicationAsBefore() {
        try (SoakMarket market = SoakMarket.start(SoakMarket.Placement.EMBEDDED, SHIPPED)) {
            assertThat(market.launcherArguments()).containsExactly("--feed", "simulator");
            assertThat(market.environment()).isEmpty();
            assertThat(market.describe()).contains("embedded");
        }
    }

    private static HttpResponse<String> ping(String rest, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(rest + "/api/v1/ping")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apikey\":\"" + key + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
