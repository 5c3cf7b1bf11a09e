package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of the real application process mid-stream: the next start recovers its chain state. */
class CrashRestartTest {
    private static final String API_KEY = "crash-test-key-90ab12cd";
    private static final Map<String, String> ENVIRONMENT = Map.of(LaunchOptions.API_KEY_VARIABLE, API_KEY);

    @Test
    void shouldComeBackWithTheLastChainAfterKillNine(@TempDir Path data, @TempDir Path logs) throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(5)
                .withTicksPerSecond(2_000))) {
            Path log = logs.resolve("application.log");
            ApplicationProcess first = ApplicationProcess.on(market, data, ENVIRONMENT, log);
            first.awaitServing(Duration.ofSeconds(60));
            first.http().awaitStatus(s -> s.get("underlyings").get(0).get("ticks_received").asLong() > 500);

            first.kill9();

            try (ApplicationProcess second = ApplicationProcess.on(market, data, ENVIRONMENT, log)) {
                second.awaitServing(Duration.ofSeconds(60));
                JsonNode status = second.http().awaitStatus(s -> true);
                assertThat(status.get("chain_state").get("restored_instruments").asInt())
                        .as("the killed process's chain state is restored").isGreaterThan(100);
                assertThat(status.get("chain_state").get("moved_aside").isNull())
                        .as("a crash is recovered, not treated as corruption").isTrue();
                second.http().awaitStatus(s -> s.get("feed").get("state").asText().equals("CONNECTED")
                        && s.get("underlyings").get(0).get("ticks_received").asLong() > 100);
            }
        }
    }
}
