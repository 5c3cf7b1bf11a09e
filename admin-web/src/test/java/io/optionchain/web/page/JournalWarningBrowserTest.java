package io.optionchain.web.page;

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
    void shouldSayNothingWhenTheJournalIsWhole(@TempDir Path data, @TempDir Path profile) throws Exception {
        try (LivePage page = LivePage.open(data, profile, "/option-chain")) {
            page.await().until(browser -> "true".equals(
                    page.script("return document.getElementById('journal-warning').dataset.checked;")));
            assertThat(page.script("return document.getElementById('journal-warning').hidden;")).isEqualTo(true);
        }
    }
}
