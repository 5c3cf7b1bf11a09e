package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.web.config.ApplicationConfig;
import io.optionchain.web.config.ConfigLoader;
import io.optionchain.web.config.FeedConfig;
import io.optionchain.web.config.ServerSettings;
import io.optionchain.web.config.TradingHoursConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application connected to a simulator the test holds (to inject faults, count orders), as to a real
 * OpenAlgo: {@code --feed openalgo} with its URLs and key, the shipped config otherwise.
 */
final class OnSimulatedOpenAlgo {
    /** Short enough that a stall is noticed in seconds; everything else as shipped. */
    static final FeedConfig FAST_RECOVERY = new FeedConfig(5_000, 5_000, 100, 50, 1_000, 1_000, 3_000, 3, 1_000);
    /** The simulated market ticks around the clock; a test must not depend on when it runs. */
    static final TradingHoursConfig ROUND_THE_CLOCK = new TradingHoursConfig("Asia/Kolkata", "00:00",
            "23:59:59.999999999", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), List.of());

    private OnSimulatedOpenAlgo() {
    }

    /** @param token the API token to configure; empty to have one generated into {@code data} */
    static OptionChainApplication start(OpenAlgoSimulator market, Path data, String apiKey, String token)
            throws Exception {
        ApplicationConfig config = new ConfigLoader().load(Path.of("..", "config"))
                .withServer(new ServerSettings("127.0.0.1", 0, token))
                .withFeed(FAST_RECOVERY).withTradingHours(ROUND_THE_CLOCK);
        LaunchOptions options = LaunchOptions.parse(new String[] {"--port", "0", "--data", data.toString(),
                "--feed", "openalgo", "--openalgo-url", market.restUrl(), "--ws-url", market.wsUrl()},
                Map.of(LaunchOptions.API_KEY_VARIABLE, apiKey));
        OptionChainApplication application = OptionChainApplication.start(options, config);
        assertThat(application.awaitChainsOpened(Duration.ofSeconds(30))).isTrue();
        return application;
    }

    /** All 41 rows with both legs quoted (bid, ask, OI) and the index price known. */
    static boolean everyLegQuoted(JsonNode chain) {
        for (JsonNode row : chain.get("options")) {
            for (String side : new String[] {"ce_data", "pe_data"}) {
                JsonNode leg = row.get(side);
                if (leg.get("bid").isNull() || leg.get("ask").isNull() || leg.get("oi").isNull()) {
                    return false;
                }
            }
        }
        return chain.get("options").size() == 41 && !chain.get("underlying_ltp").isNull();
    }
}
