package io.optionchain.web.page;

import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day's four charts in headless Chromium, on the embedded market started as {@code bin/optionchain --clock}
 * 15 s before 10:15 on 7 December 2026 (so the first minute point comes soon on any day): straddle and synthetic
 * future over the day and PCR and max pain against the index, both from the recorded history with the live value
 * at the end; OI change and GEX by strike from the live chain, the net GEX in its title. It saves
 * {@code admin-web/target/option-chain-day-charts.png}.
 */
class DayChartsBrowserTest {
    /** What the page prints for a GEX: 1.23 Cr, -4.56 L, 789 (lakhs and crores, or the whole number). */
    private static final String COMPACT = "-?\\d+\\.\\d{2} (Cr|L)|-?[\\d,]+";

    @Test
    void shouldDrawTheDaysSeriesAndOiChangeAndGexByStrike(@TempDir Path data, @TempDir Path profile) throws Exception {
        RunningApplication.Launch launch = RunningApplication.in(data).token(RunningApplication.TOKEN)
                .arguments("--clock", "2026-12-07T10:14:45+05:30");
        try (LivePage page = LivePage.open(launch, profile, "/option-chain")) {
            page.await().withMessage(() -> "by strike: " + page.count("#oi-change-chart g.bars rect.ce-bar") + " CE, "
                            + page.count("#oi-change-chart g.bars rect.pe-bar") + " PE OI changes, "
                            + page.count("#gex-chart g.bars rect.gex-bar") + " GEX bars")
                    .until(d -> page.count("#oi-change-chart g.bars rect.ce-bar") > 0
                            && page.count("#oi-change-chart g.bars rect.pe-bar") > 0
                            && page.count("#gex-chart g.bars rect.gex-bar") > 0);
            assertThat(page.count("#gex-chart g.bars rect.gex-bar")).isLessThanOrEqualTo(41);
            assertThat(page.texts("#gex-net").get(0)).as("the net GEX in the title").matches(COMPACT);
            assertThat(page.texts(".charts figcaption")).anySatisfy(caption ->
                    assertThat(caption).matches("Gamma exposure \\(GEX\\) by strike · net (" + COMPACT + ")"));

            // the first point is recorded at 10:15:00; the page fetches it once the server's minute turns
            page.await().withMessage(() -> "intraday: " + page.texts("#straddle-chart text.empty-note, "
                            + "#pcr-chart text.empty-note"))
                    .until(d -> page.count("#straddle-chart path.straddle-line") == 1
                            && page.count("#straddle-chart path.future-line") == 1
                            && page.count("#pcr-chart path.index-line") == 1
                            && page.count("#pcr-chart path.max-pain-line") == 1
                            && page.count("#pcr-chart path.pcr-line") == 1);
            assertThat(page.script("return document.querySelector('#straddle-chart path.straddle-line')"
                    + ".getAttribute('d');").toString()).as("a recorded point, then the live one").contains("L");
            assertThat(page.count("#straddle-chart text.empty-note, #pcr-chart text.empty-note")).isZero();
            assertThat(page.texts("#straddle-chart text.label")).as("times of day on the axis")
                    .anyMatch(label -> label.matches("10:1\\d"));
            HeadlessChromium.screenshot(page.browser(), "option-chain-day-charts.png");
        }
    }
}
