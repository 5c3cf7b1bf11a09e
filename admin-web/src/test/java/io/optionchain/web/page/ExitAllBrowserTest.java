package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill switch on the live page, in headless Chromium against the application on the simulated OpenAlgo: the
 * button only opens a guard that says what would exit; cancelling sends nothing, a wrong token is refused with the
 * server's message, and confirming one strategy sends one exit order per leg of that strategy only.
 */
class ExitAllBrowserTest {
    private static final String KEY = "exit-all-page-key-0123456789ab";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldAskBeforeExitingAndExitOnlyTheChosenStrategy(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(71)
                .withTicksPerSecond(300));
             LivePage page = LivePage.open(RunningApplication.in(data).on(market, KEY)
                     .token(RunningApplication.TOKEN), profile, "/option-chain")) {
            JsonNode chain = page.app().http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
            open(page, "straddle", chain.get("options").get(20).get("ce_data"), chain.get("options").get(20).get("pe_data"));
            long hedge = open(page, "hedge", chain.get("options").get(24).get("ce_data"));

            assertThat(page.browser().findElement(By.id("exit-all-guard")).isDisplayed()).as("no guard until asked")
                    .isFalse();
            page.browser().findElement(By.id("exit-all")).click();
            page.await().until(d -> page.browser().findElement(By.id("exit-all-guard")).isDisplayed());
            assertThat(page.texts("#exit-all-question").get(0)).startsWith("Exit 2 open positions now? 3 exit orders");
            page.browser().findElement(By.id("exit-all-cancel")).click();
            assertThat(page.texts("#exit-all-result").get(0)).contains("nothing sent");
            assertThat(page.browser().findElement(By.id("exit-all-guard")).isDisplayed()).isFalse();
            Thread.sleep(500);
            assertThat(market.orders()).isEmpty();

            page.browser().findElement(By.id("exit-all")).click();
            page.await().until(d -> page.browser().findElement(By.id("exit-all-guard")).isDisplayed());
            new Select(page.browser().findElement(By.id("exit-all-scope"))).selectByValue("straddle");
            assertThat(page.texts("#exit-all-question").get(0)).startsWith("Exit 1 open position of straddle now? 2 exit");
            page.browser().findElement(By.id("exit-all-token")).clear();
            page.browser().findElement(By.id("exit-all-token")).sendKeys("not-the-token");
            page.browser().findElement(By.id("exit-all-confirm")).click();
            page.await().until(d -> page.texts("#exit-all-result").get(0).startsWith("exit-all refused, 403"));
            assertThat(market.orders()).isEmpty();

            page.browser().findElement(By.id("exit-all-token")).clear();
            page.browser().findElement(By.id("exit-all-token")).sendKeys(RunningApplication.TOKEN);
            page.browser().findElement(By.id("exit-all-confirm")).click();
            page.await().until(d -> page.texts("#exit-all-result").get(0).equals("exit-all: 1 exiting"));
            page.await().until(d -> market.orders().size() == 2);
            Thread.sleep(500);
            assertThat(market.orders()).extracting(BrokerOrder::symbol).containsExactlyInAnyOrder(
                    chain.get("options").get(20).get("ce_data").get("symbol").asText(),
                    chain.get("options").get(20).get("pe_data").get("symbol").asText());
            assertThat(JSON.readTree(page.app().http().get("/api/positions/" + hedge).body()).get("state").asText())
                    .isEqualTo("OPEN");
        }
    }

    private static long open(LivePage page, String strategy, JsonNode... legs) throws Exception {
        StringBuilder body = new StringBuilder("{\"strategy\":\"" + strategy + "\",\"legs\":[");
        for (int i = 0; i < legs.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(legs[i].get("symbol").asText())
                    .append("\",\"side\":\"long\",\"lots\":1,\"entry_price\":").append(legs[i].get("bid").asDouble())
                    .append('}');
        }
        body.append("],\"stop\":0.05}");
        HttpResponse<String> response = page.app().http().send("POST", "/api/positions", body.toString(),
                RunningApplication.TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }
}
