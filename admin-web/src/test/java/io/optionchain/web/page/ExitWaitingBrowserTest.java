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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop fires while the account holding the position cannot take orders: the positions panel must say, in the
 * position's state, that its exit waits and for which account, and why on hover; once the account answers, the
 * same row shows the position closed with nothing waiting. Headless Chromium against a simulated OpenAlgo whose
 * order API the test breaks and mends.
 */
class ExitWaitingBrowserTest {
    private static final String KEY = "exit-waiting-key-71c2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSayWhichAccountTheExitWaitsForAndThenShowThePositionClosed(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(43)
                .withTicksPerSecond(1_000));
             LivePage page = LivePage.open(RunningApplication.in(data).on(market, KEY).token(RunningApplication.TOKEN),
                     profile, "/option-chain?underlying=NIFTY")) {
            JsonNode leg = page.app().http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options")
                    .get(20).get("ce_data");
            double bid = leg.get("bid").asDouble();
            market.faults().failNextOrders(Integer.MAX_VALUE); // every placeorder answers 500 and places nothing
            HttpResponse<String> opened = page.app().http().send("POST", "/api/positions", JSON.writeValueAsString(
                    Map.of("strategy", "waits", "stop", Math.round(bid * 2) + 1, "legs", java.util.List.of(Map.of(
                            "symbol", leg.get("symbol").asText(), "side", "long", "lots", 1, "entry_price", bid)))),
                    RunningApplication.TOKEN);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            long id = JSON.readTree(opened.body()).get("id").asLong();
            String cell = "#positions-body tr[data-position-id='" + id + "'] td.state";

            page.await().until(browser -> page.texts(cell).stream().anyMatch(t -> t.contains("waiting for")));
            assertThat(page.texts(cell)).containsExactly("EXITING · waiting for primary");
            assertThat((String) page.script("return document.querySelector(arguments[0]).title;", cell))
                    .startsWith("the exit waits for account primary since ").contains("500");
            assertThat((String) page.script("return getComputedStyle(document.querySelector(arguments[0])).color;",
                    cell)).as("a waiting exit stands out").isEqualTo("rgb(220, 38, 38)");
            assertThat(market.orders()).as("nothing sent while the account cannot take orders").isEmpty();

            market.faults().failNextOrders(0);
            page.await().until(browser -> page.texts(cell).equals(java.util.List.of("CLOSED")));
            assertThat((String) page.script("return document.querySelector(arguments[0]).title;", cell)).isEmpty();
            assertThat(market.orders()).hasSize(1);
        }
    }
}
