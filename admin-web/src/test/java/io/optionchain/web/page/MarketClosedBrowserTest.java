package io.optionchain.web.page;

import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outside the sessions the page says the market is closed and when it opens, rather than showing a dead feed:
 * the application on the embedded market as {@code bin/optionchain --trading-hours nse-fo --clock ...} starts it
 * on Christmas Day, in headless Chromium.
 */
class MarketClosedBrowserTest {

    @Test
    void shouldSayTheMarketIsClosedForTheHolidayAndWhenItOpens(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        RunningApplication.Launch christmas = RunningApplication.in(data).token(RunningApplication.TOKEN)
                .arguments("--trading-hours", "nse-fo", "--clock", "2026-12-25T10:00:00+05:30");
        try (LivePage page = LivePage.open(christmas, profile, "/option-chain")) {
            page.await().until(browser -> page.texts("#connection").get(0).startsWith("market closed"));
            assertThat(page.texts("#connection").get(0))
                    .isEqualTo("market closed (holiday) · next open Mon 28 Dec 09:15");
            assertThat(page.script("return document.getElementById('connection').title;").toString())
                    .startsWith("holiday: Christmas");
        }
    }
}
