package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The chain's Greeks and analytics on the page, in headless Chromium against the application on the simulated
 * OpenAlgo: the Greeks toggle adds Δ Γ Θ ν per side (and the page remembers it), hovering a leg names its IV and
 * Greeks, and the header shows ATM IV, straddle, synthetic future and OI change as the REST chain has them.
 */
class ChainGreeksBrowserTest {
    private static final String KEY = "greeks-page-key-0123456789abcdef";

    @Test
    void shouldShowGreeksOnlyWhenToggledAndNameThemOnHover(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        try (OpenAlgoSimulator market = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(61)
                .withTicksPerSecond(500));
             LivePage page = LivePage.open(RunningApplication.in(data).on(market, KEY)
                     .token(RunningApplication.TOKEN), profile, "/option-chain")) {
            page.await().until(d -> page.count("#chain-body tr") == 41
                    && !page.texts("#straddle").get(0).equals("–") && !page.texts("#atm-iv").get(0).equals("–"));

            assertThat(visibleGreekCells(page)).as("Greeks hidden until asked for").isZero();
            assertThat(page.script("return document.getElementById('ce-side').colSpan;")).isEqualTo(8L);

            page.browser().findElement(By.id("greeks-toggle")).click();
            assertThat(visibleGreekCells(page)).as("Δ Γ Θ ν on both sides of 41 rows").isEqualTo(41 * 8);
            assertThat(page.count("#chain thead th.greek")).isEqualTo(8);
            assertThat(page.script("return document.getElementById('pe-side').colSpan;")).isEqualTo(12L);

            market.rate(0);
            Thread.sleep(1_500);   // the last ticks reach the page, then nothing moves
            JsonNode chain = page.app().http().getJson("/api/option-chain/NIFTY");
            page.await().until(d -> page.texts("#atm").get(0).replace(",", "")
                    .equals(chain.get("atm_strike").asText()));
            JsonNode call = chain.get("options").get(20).get("ce_data");
            JsonNode put = chain.get("options").get(20).get("pe_data");
            Map<String, Object> shown = atmCells(page);

            assertThat(Double.parseDouble((String) shown.get("ceDelta"))).isCloseTo(call.get("delta").asDouble(),
                    within(0.0051)).isBetween(0.2, 0.8);
            assertThat(Double.parseDouble((String) shown.get("peDelta"))).isCloseTo(put.get("delta").asDouble(),
                    within(0.0051)).isNegative();
            assertThat(Double.parseDouble((String) shown.get("ceTheta"))).isCloseTo(call.get("theta").asDouble(),
                    within(0.0051 + Math.abs(call.get("theta").asDouble()) * 0.01)).isNegative();
            assertThat((String) shown.get("ceGamma")).matches("0\\.\\d{5}");
            assertThat((String) shown.get("ceTitle")).as("hover over the ATM call's LTP")
                    .startsWith(call.get("symbol").asText() + ": IV ")
                    .contains("Δ " + shown.get("ceDelta")).contains("Γ " + shown.get("ceGamma"))
                    .contains("Θ " + shown.get("ceTheta") + " ₹/day").contains(" ₹/vol pt");
            assertThat((String) shown.get("oiTitle")).isEqualTo(shown.get("ceTitle"));
            java.util.regex.Matcher iv = java.util.regex.Pattern.compile("IV (\\d+\\.\\d{2}) %")
                    .matcher((String) shown.get("ceTitle"));
            assertThat(iv.find()).isTrue();
            assertThat(Double.parseDouble(iv.group(1))).isCloseTo(call.get("iv").asDouble(), within(0.02));

            JsonNode metrics = chain.get("market_metrics");
            // to the cent, as the page rounds it: JavaScript's toFixed rounds the double as stored (12.955 is
            // 12.95499… and shows 12.95), Java's %.2f its shortest decimal (12.96)
            assertThat(page.texts("#atm-iv").get(0)).endsWith(" %");
            assertThat(Double.parseDouble(page.texts("#atm-iv").get(0).replace(" %", "")))
                    .isCloseTo(metrics.get("atm_iv").asDouble(), within(0.0051));
            assertThat(page.texts("#straddle").get(0)).startsWith(rupees(metrics.get("straddle").asDouble()));
            assertThat(page.texts("#synthetic-future").get(0))
                    .isEqualTo(rupees(metrics.get("synthetic_future").asDouble()));
            assertThat(page.texts("#oi-change").get(0).replace(",", "").replace("+", ""))
                    .isEqualTo(metrics.get("total_oi_change").asText());
            assertThat(page.script("return document.getElementById('oi-change').title;"))
                    .isEqualTo("since session start");

            HeadlessChromium.screenshot(page.browser(), "option-chain-greeks.png");
            page.browser().navigate().refresh();
            page.await().until(d -> page.count("#chain-body tr") == 41);
            assertThat(visibleGreekCells(page)).as("the toggle is remembered across a reload").isEqualTo(41 * 8);
        }
    }

    private static long visibleGreekCells(LivePage page) {
        return (Long) page.script("return Array.from(document.querySelectorAll('#chain-body td.greek'))"
                + ".filter(td => td.offsetParent !== null).length;");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> atmCells(LivePage page) {
        return (Map<String, Object>) page.script("const tr = document.querySelector('#chain-body tr.atm-row');"
                + "const cell = (c) => tr.querySelector('td.' + c);"
                + "return {ceDelta: cell('ce.delta').textContent, peDelta: cell('pe.delta').textContent,"
                + " ceTheta: cell('ce.theta').textContent, ceGamma: cell('ce.gamma').textContent,"
                + " ceTitle: cell('ce.ltp').title, oiTitle: cell('ce.oi').title};");
    }

    /** Two decimals in Indian grouping, as the page prints prices. */
    private static String rupees(double value) {
        String plain = String.format("%.2f", value);
        String whole = plain.substring(0, plain.indexOf('.'));
        String last3 = whole.length() > 3 ? whole.substring(whole.length() - 3) : whole;
        String rest = whole.length() > 3 ? whole.substring(0, whole.length() - 3) : "";
        return (rest.isEmpty() ? "" : rest.replaceAll("\\B(?=(\\d{2})+(?!\\d))", ",") + ",") + last3
                + plain.substring(plain.indexOf('.'));
    }
}
