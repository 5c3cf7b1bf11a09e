package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.web.config.ApplicationConfig;
import io.optionchain.web.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code bin/optionchain} does with no arguments: the embedded simulated market, both chains served. */
class EmbeddedMarketTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldServeBothChainsFromTheEmbeddedMarketWithNoFeedOptions(@TempDir Path temp) throws Exception {
        ApplicationConfig config = new ConfigLoader().load(Path.of("..", "config"));
        Path data = temp.resolve("data");
        LaunchOptions options = LaunchOptions.parse(new String[] {"--port", "0", "--data", data.toString()}, Map.of());
        HttpClient http = HttpClient.newHttpClient();
        try (OptionChainApplication application = OptionChainApplication.start(options, config)) {
            assertThat(Files.isDirectory(data)).isTrue();
            for (String underlying : new String[] {"NIFTY", "BANKNIFTY"}) {
                JsonNode chain = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + application.port() + "/api/option-chain/" + underlying)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        chain = JSON.readTree(response.body());
                        if (!chain.get("options").get(20).get("ce_data").get("bid").isNull()) {
                            break;
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(chain).as(underlying + " chain").isNotNull();
                assertThat(chain.get("options")).hasSize(41);
                assertThat(chain.get("options").get(20).get("ce_data").get("bid").asDouble()).isPositive();
            }
        }
    }
}
