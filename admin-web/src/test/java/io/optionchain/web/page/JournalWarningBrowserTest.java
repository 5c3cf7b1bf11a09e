package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.BrokerEntries;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page says when the positions journal was damaged, above the positions where the person who must act
 * looks, and says nothing when it is whole. Headless Chromium against the application on the embedded market.
 */
class JournalWarningBrowserTest {
    @Test
    void shouldWarnAboveThePositionsWhenTheJournalHadToBeStartedAfresh(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        Files.writeString(data.resolve("positions.journal"), "not a journal at all");
        try (LivePage page = LivePage.open(data, profile, "/option-chain")) {
            page.await().until(browser -> Boolean.FALSE.equals(
                    page.script("return document.getElementById('journal-warning').hidden;")));
            String warning = page.texts("#journal-warning").get(0);
            assertThat(warning).startsWith("Positions journal:").contains("started afresh")
                    .contains("positions.journal.damaged-");
        }
    }

    @Test
    void shouldSayTheHistoryWasLostAndTheBrokersHoldingsAwaitAcknowledgement(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        String key = "journal-warning-key-4e1d";
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(key).withSeed(31)
                .withTicksPerSecond(1_000))) {
            RunningApplication.Launch launch = RunningApplication.in(data).on(market, key)
                    .token(RunningApplication.TOKEN);
            String symbol;
            try (RunningApplication before = launch.start()) {
                symbol = before.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options").get(20)
                        .get("ce_data").get("symbol").asText();
                BrokerEntries.buy(market, key, symbol, 65);
            }
            // moved aside by hand: the next start's journal knows nothing of what the broker holds
            Files.move(data.resolve("positions.journal"), data.resolve("positions.journal.old"));
            try (LivePage page = LivePage.open(launch, profile, "/option-chain")) {
                JsonNode lost = page.app().http().awaitStatus(status -> status.path("journal").path("history_lost")
                        .path("broker_holdings").isArray()).get("journal").get("history_lost");
                assertThat(lost.get("broker_holdings")).hasSize(1);
                page.await().until(browser -> page.texts("#journal-warning").get(0).contains(symbol));
                String warning = page.texts("#journal-warning").get(0);
                assertThat(warning).startsWith("Positions journal:").contains("history was lost")
                        .contains("positions.journal.old")
                        .contains("broker holdings await acknowledgement").contains(symbol + " +65 MIS")
                        .contains("POST /api/journal/acknowledge");
                assertThat(page.script("return document.getElementById('journal-warning').hidden;")).isEqualTo(false);
            }
        }
    }

    @Test
    void shouldSayNothingWhenTheJournalIsWhole(@TempDir Path data, @TempDir Path profile) throws Exception {
        try (LivePage page = LivePage.open(data, profile, "/option-chain")) {
            page.await().until(browser -> "true".equals(
                    page.script("return document.getElementById('journal-warning').dataset.checked;")));
            assertThat(page.script("return document.getElementById('journal-warning').hidden;")).isEqualTo(true);
        }
    }
}
