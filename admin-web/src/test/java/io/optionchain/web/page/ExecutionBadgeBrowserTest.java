package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The positions panel's "can this stop execute now?" badge in headless Chromium: an open position shows its badge
 * in the Exec column with every part's reason on hover; when the simulated market's WebSocket stalls the badge turns
 * red and its hover leads with the feed's reason; once the feed is back, the badge is no longer red.
 */
class ExecutionBadgeBrowserTest {
    private static final String KEY = "execution-badge-key-0d5e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RED = "rgb(220, 38, 38)";

    @Test
    void shouldShowTheBadgeWithItsReasonsAndTurnItRedWhenTheFeedStalls(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(59)
                .withTicksPerSecond(500));
             LivePage page = LivePage.open(RunningApplication.in(data).on(market, KEY).token(RunningApplication.TOKEN)
                     .fastRecovery(), profile, "/option-chain?underlying=NIFTY")) {
            JsonNode leg = page.app().http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options")
                    .get(20).get("ce_data");
            HttpResponse<String> opened = page.app().http().send("POST", "/api/positions", JSON.writeValueAsString(
                    Map.of("strategy", "badge", "stop", 0.05, "legs", List.of(Map.of(
                            "symbol", leg.get("symbol").asText(), "side", "long", "lots", 1, "entry_price", 100)))),
                    RunningApplication.TOKEN);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            long id = JSON.readTree(opened.body()).get("id").asLong();
            String cell = "#positions-body tr[data-position-id='" + id + "'] td.execution";
            String badge = cell + " .execution-badge";

            page.await().until(browser -> page.count(badge) == 1);
            assertThat(page.texts("#positions thead th")).contains("Exec");
            String live = (String) page.script("return document.querySelector(arguments[0]).dataset.badge;", badge);
            assertThat(live).isIn("green", "amber");
            assertThat(title(page, cell).split("\n")).as("every part with its reason").hasSize(6)
                    .anyMatch(line -> line.equals("feed (green): market data is live"))
                    .anyMatch(line -> line.equals("account (green): account primary takes orders"));

            market.faults().stall(true);
            // the legs' quotes turn red at max_quote_age, a moment before the feed part does: wait for the feed's
            page.await().until(browser -> page.texts(badge).equals(List.of("red"))
                    && title(page, cell).contains("feed (red): no tick for "));
            String[] reasons = title(page, cell).split("\n");
            assertThat(reasons).anyMatch(line -> line.startsWith("feed (red): no tick for "));
            assertThat(reasons[0]).as("the failing parts first").contains(" (red): ");
            assertThat(reasons[reasons.length - 1]).isEqualTo("account (green): account primary takes orders");
            assertThat((String) page.script(
                    "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor;", badge))
                    .isEqualTo(RED);

            market.faults().stall(false);
            page.await().until(browser -> !page.texts(badge).equals(List.of("red")));
        }
    }

    private static String title(LivePage page, String selector) {
        return (String) page.script("return document.querySelector(arguments[0]).title;", selector);
    }
}
