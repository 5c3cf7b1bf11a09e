package io.optionchain.web.page;

import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real browser: headless Chromium from Debian's packages, driven by Selenium, against the
 * application running on the simulated market. Without Chromium this fails (it is never skipped): CI's
 * {@code .ci/run} installs it. The positions panel has its own test, {@link PositionsPanelBrowserTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionChainPageBrowserTest {
    private static final Duration WAIT = LivePage.WAIT;
    /** Lakhs and crores: 12,34,56,789 (the last three digits, then pairs). */
    private static final String INDIAN_GROUPING = "\\d{1,2}(,\\d{2})*,\\d{3}|\\d{1,3}";

    private LivePage page;
    private RunningApplication app;
    private WebDriver browser;
    private WebDriverWait await;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path profile) throws Exception {
        page = LivePage.open(data, profile, "/option-chain");
        app = page.app();
        browser = page.browser();
        await = page.await();
        await.until(d -> rows().size() == 41 && !text("index-ltp").equals("–"));
    }

    @AfterAll
    void stop() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void shouldShowFortyOneStrikesWithTheAtmRowHighlightedAndItmLegsShaded() {
        showUnderlying("NIFTY");
        List<WebElement> rows = rows();
        assertThat(rows).hasSize(41);
        // one script call sees one moment: the index may move ATM between two calls
        @SuppressWarnings("unchecked")
        List<String> atm = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "const rows = Array.from(document.querySelectorAll('#chain-body tr.atm-row'));"
                        + "return [String(rows.length), rows[0].querySelector('td.tag').textContent,"
                        + " String(Array.from(document.querySelectorAll('#chain-body tr')).indexOf(rows[0])),"
                        + " rows[0].querySelector('td.strike').textContent, document.getElementById('atm').textContent];");
        assertThat(atm.get(0)).as("ATM rows").isEqualTo("1");
        assertThat(atm.get(1)).isEqualTo("ATM");
        assertThat(atm.get(2)).as("the ATM row's position").isEqualTo("20");
        assertThat(atm.get(3)).as("the ATM row's strike is the header's ATM").isEqualTo(atm.get(4));
        // calls below ATM and puts above it are in the money
        assertThat(rows.get(0).findElement(By.cssSelector("td.ce.ltp")).getAttribute("class")).contains("itm");
        assertThat(rows.get(0).findElement(By.cssSelector("td.pe.ltp")).getAttribute("class")).doesNotContain("itm");
        assertThat(rows.get(40).findElement(By.cssSelector("td.pe.ltp")).getAttribute("class")).contains("itm");
        assertThat(rows.get(40).findElement(By.cssSelector("td.ce.ltp")).getAttribute("class")).doesNotContain("itm");
        assertThat(rows.get(0).findElement(By.cssSelector("td.tag")).getText()).isEqualTo("ITM20");
        assertThat(rows.get(40).findElement(By.cssSelector("td.tag")).getText()).isEqualTo("OTM20");
    }

    @Test
    void shouldColourSpreadsFormatNumbersTheIndianWayAndFillTheHeader() {
        showUnderlying("NIFTY");
        await.withMessage(() -> "banded spreads: " + page.count("#chain-body td.spread.tight-spread, "
                + "#chain-body td.spread.normal-spread, #chain-body td.spread.wide-spread"))
                .until(d -> page.count("#chain-body td.spread.tight-spread, #chain-body td.spread.normal-spread, "
                + "#chain-body td.spread.wide-spread") > 60);
        assertThat(page.count("#chain-body td.high-liquidity, #chain-body td.low-liquidity")).isPositive();
        // read in one script call: the page redraws as ticks come, and one call sees one moment
        assertThat(page.texts("#chain-body td.oi")).hasSize(82).allMatch(oi -> oi.matches(INDIAN_GROUPING));
        assertThat(page.texts("#chain-body tr.atm-row td.ce.ltp")).singleElement().asString().matches("[\\d,]+\\.\\d{2}");
        assertThat(text("index-ltp")).matches("\\d{1,2}(,\\d{2})*,\\d{3}\\.\\d{2}");
        assertThat(text("pcr")).matches("\\d+\\.\\d{2}");
        assertThat(text("max-pain")).matches("[\\d,]+");
        assertThat(text("iv-skew")).matches("\\d+\\.\\d{2}");
        assertThat(text("expiry-text")).matches("\\d{2}-[A-Z]{3}-\\d{2}");
        await.withMessage(() -> "feed state shown: " + text("connection"))
                .until(d -> text("connection").equals("connected"));
        assertThat(text("tick-age")).matches("\\d+\\.\\d s ago");
        // the charts: one bar per leg, max pain marked, both smiles drawn
        await.withMessage(() -> "OI bars: " + page.count("#oi-chart g.bars rect.ce-bar") + " CE, "
                        + page.count("#oi-chart g.bars rect.pe-bar") + " PE")
                .until(d -> page.count("#oi-chart g.bars rect.ce-bar") == 41 && page.count("#oi-chart g.bars rect.pe-bar") == 41);
        assertThat(page.count("#oi-chart line.max-pain")).isEqualTo(1);
        assertThat(page.texts("#oi-chart text.marker-label")).singleElement().asString().startsWith("max pain ");
        assertThat(page.count("#iv-chart path.ce-line, #iv-chart path.pe-line")).isEqualTo(2);
    }

    @Test
    void shouldChangeValuesWithinSeconds() {
        showUnderlying("NIFTY");
        String before = browser.findElement(By.id("chain-body")).getText();
        await.until(d -> !d.findElement(By.id("chain-body")).getText().equals(before));
    }

    @Test
    void shouldSwitchUnderlying() {
        showUnderlying("BANKNIFTY");
        assertThat(browser.getCurrentUrl()).contains("underlying=BANKNIFTY");
        assertThat(strikeSteps()).containsOnly(100.0);
        showUnderlying("NIFTY");
        assertThat(strikeSteps()).containsOnly(50.0);
    }

    @Test
    void shouldOpenTheDepthDrillDownWithAnExecutionEstimateAndSaveAScreenshot() throws Exception {
        showUnderlying("NIFTY");
        browser.findElement(By.cssSelector("#chain-body tr.atm-row td.ce.ltp")).click();
        await.until(d -> d.findElement(By.id("drill")).isDisplayed());
        // the call of the strike clicked (ATM then; the index may have moved it since)
        assertThat(text("drill-symbol")).matches("NIFTY\\d{2}[A-Z]{3}\\d{2}\\d{5}CE");
        await.until(d -> d.findElements(By.cssSelector("#book-body tr")).size() == 5
                && text("est-expected").matches("[\\d,]+\\.\\d{2}"));
        assertThat(browser.findElements(By.cssSelector("#book-body td.bid")).get(0).getText()).matches("[\\d,]+\\.\\d{2}");
        assertThat(text("entry-advice")).matches("(ENTER_NOW|WAIT|WAIT_FOR_TIGHTER_SPREAD).*");

        WebElement lots = browser.findElement(By.id("drill-lots"));
        lots.clear();
        lots.sendKeys("10");
        await.until(d -> text("drill-quantity").equals("= 650 units")); // 10 lots of the chain's 65
        await.until(d -> text("est-fillable").startsWith("yes") || text("est-fillable").startsWith("no"));

        Thread.sleep(1_500); // one more chart redraw, so the picture shows everything
        Path shot = HeadlessChromium.screenshot(browser, "option-chain.png");
        assertThat(Files.size(shot)).isGreaterThan(20_000);

        browser.findElement(By.id("drill-close")).click();
        await.until(d -> !d.findElement(By.id("drill")).isDisplayed());
    }

    private void showUnderlying(String name) {
        new Select(browser.findElement(By.id("underlying"))).selectByValue(name);
        await.until(d -> text("underlying-name").equals(name) && rows().size() == 41
                && rows().get(20).getAttribute("class").contains("atm-row"));
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#chain-body tr"));
    }

    /** Differences between neighbouring rows' strikes, read at one moment (ATM moves re-label the rows). */
    @SuppressWarnings("unchecked")
    private List<Double> strikeSteps() {
        List<Number> strikes = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#chain-body tr')).map(tr => Number(tr.dataset.strike));");
        assertThat(strikes).hasSize(41);
        return java.util.stream.IntStream.range(1, strikes.size())
                .mapToObj(i -> strikes.get(i).doubleValue() - strikes.get(i - 1).doubleValue()).toList();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
