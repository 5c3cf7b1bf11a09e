package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of the real application process mid-stream: the next start recovers its chain state. */
class CrashRestartTest {
    private static final String API_KEY = "crash-test-key-90ab12cd";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldComeBackWithTheLastChainAfterKillNine(@TempDir Path data, @TempDir Path logs) throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(5)
                .withTicksPerSecond(2_000))) {
            Path log = logs.resolve("application.log");
            ApplicationProcess first = ApplicationProcess.start(data, Path.of("..", "config"), market.restUrl(),
                    market.wsUrl(), API_KEY, log);
            first.awaitServing(Duration.ofSeconds(60));
            awaitStatus(first, s -> s.get("underlyings").get(0).get("ticks_received").asLong() > 500);

            first.kill9();

            try (ApplicationProcess second = ApplicationProcess.start(data, Path.of("..", "config"),
                    market.restUrl(), market.wsUrl(), API_KEY, log)) {
                second.awaitServing(Duration.ofSeconds(60));
                JsonNode status = awaitStatus(second, s -> true);
                assertThat(status.get("chain_state").get("restored_instruments").asInt())
                        .as("the killed process's chain state is restored").isGreaterThan(100);
                assertThat(status.get("chain_state").get("moved_aside").isNull())
                        .as("a crash is recovered, not treated as corruption").isTrue();
                awaitStatus(second, s -> s.get("feed").get("state").asText().equals("CONNECTED")
                        && s.get("underlyings").get(0).get("ticks_received").asLong() > 100);
            }
        }
    }

    private JsonNode awaitStatus(ApplicationProcess app, java.util.function.Predicate<JsonNode> condition)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/option-chain/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = JSON.readTree(response.body());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("status never satisfied the condition; last: " + last + "; log " + app.log());
    }
}
