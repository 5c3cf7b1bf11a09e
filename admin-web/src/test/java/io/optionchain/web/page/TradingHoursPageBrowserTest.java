package io.optionchain.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.web.RunningApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trading-hours page in headless Chromium against the application started as
 * {@code bin/optionchain --trading-hours nse-fo --clock 2026-12-25T10:00:00+05:30}: Christmas Day, a Friday, so
 * every test passes on any day. The template is switched only in the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TradingHoursPageBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "Within seconds" for a switch the page polls for every 2 s and the lifecycle steps on every second. */
    private static final Duration SOON = Duration.ofSeconds(20);

    private LivePage page;
    private Path downloads;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path profile) throws Exception {
        RunningApplication.Launch christmas = RunningApplication.in(data).token(RunningApplication.TOKEN)
                .arguments("--trading-hours", "nse-fo", "--clock", "2026-12-25T10:00:00+05:30");
        page = LivePage.open(christmas, profile, "/trading-hours");
        downloads = HeadlessChromium.downloads(profile);
    }

    @AfterAll
    void stop() {
        if (page != null) {
            page.close();
        }
    }

    @BeforeEach
    void reload() {
        page.browser().get(page.app().url("/trading-hours"));
        page.await().withMessage("the page to show the week and the holidays")
                .until(browser -> page.count("#week .day") == 7 && page.count("#holidays-body tr.holiday") > 0);
    }

    @Test
    @Order(0)
    void shouldBeReachedFromTheChainPagesHeaderAndLinkBack() {
        page.browser().get(page.app().url("/option-chain"));
        page.browser().findElement(By.linkText("Trading hours")).click();
        page.await().until(browser -> browser.getCurrentUrl().endsWith("/trading-hours")
                && page.count("#week .day") == 7);
        page.browser().findElement(By.linkText("Option chain")).click();
        page.await().until(browser -> browser.getCurrentUrl().endsWith("/option-chain"));
    }

    @Test
    @Order(1)
    void shouldShowTheWeekWithMondaysSessionsOnTheDayAxisAndTheWeekendClosed() throws Exception {
        assertThat(page.texts("#week .day .day-name")).containsExactly("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
        assertThat(page.texts("#week .day[data-day=MON] .time")).containsExactly("pre-open 09:00–09:08",
                "normal 09:15–15:30", "post-close 15:40–16:00");
        // 09:15 is 38.54 % of the day and 15:30 - 09:15 is 26.04 % of it
        assertThat(page.script("const bar = document.querySelector('#week .day[data-day=MON] .period-normal');"
                + "return [bar.style.left, bar.style.width].join(' ');")).isEqualTo("38.5417% 26.0417%");
        assertThat(page.texts("#week .day[data-day=SAT] .times")).containsExactly("closed");
        assertThat(page.count("#week .day[data-day=SAT] .period")).isZero();
        assertThat(page.texts("#week .day[data-day=SUN] .times")).containsExactly("closed");
        // the server's day (the --clock one), not the browser's
        assertThat(page.script("return Array.from(document.querySelectorAll('#week .day.today'))"
                + ".map(d => d.dataset.day).join();")).isEqualTo("FRI");
        assertThat(page.texts("#week .day.today .today-mark")).containsExactly("today: Christmas");
        assertThat(page.script("return document.querySelector('#week .day.today').classList.contains('off-today');"))
                .as("Friday's sessions are not today's plan").isEqualTo(true);
        assertThat(page.texts("#special-sessions li")).contains("Sun 8 Nov 2026 · Muhurat trading · 18:00–19:00");

        // the live status, polled from /api/option-chain/status
        page.await().until(browser -> page.texts("#next-open").get(0).startsWith("Mon"));
        assertThat(page.texts("#template")).containsExactly("nse-fo");
        assertThat(page.texts("#session")).containsExactly("holiday");
        assertThat(page.texts("#market")).containsExactly("closed");
        assertThat(page.texts("#next-open")).containsExactly("Mon 28 Dec 09:15");
        assertThat(page.texts("#lifecycle")).containsExactly("idle closed");
        assertThat(page.texts("#cause").get(0)).startsWith("holiday: Christmas");
        assertThat(page.count("#transitions li.transition")).isPositive();

        Path shot = HeadlessChromium.screenshot(page.browser(), "trading-hours.png");
        assertThat(Files.size(shot)).isGreaterThan(20_000);
    }

    @Test
    @Order(2)
    void shouldListChristmasAsATradingHolidayWithTheYearsPastOnesBelow() throws Exception {
        // the embedded market serves NSE's calendar as OpenAlgo does, and the server wins for the dates it knows:
        // once imported (when the account answers), Christmas is the server's, which the page cannot remove
        page.await().until(browser -> christmasSource().equals("openalgo"));
        reload();
        List<Map<String, Object>> rows = holidayRows();
        assertThat(rows.get(0)).containsEntry("date", "2026-12-25").containsEntry("day", "Fri")
                .containsEntry("description", "Christmas").containsEntry("type", "trading holiday")
                .containsEntry("source", "openalgo").containsEntry("removable", false)
                .containsEntry("past", false);
        assertThat(page.script("return document.querySelector(\"#holidays-body tr[data-date='2026-12-25'] .locked\")"
                + ".title;")).asString().startsWith("from OpenAlgo's calendar").contains("cannot be removed here");
        // then the year's earlier ones, muted, in date order
        assertThat(rows.subList(1, rows.size())).allSatisfy(row -> assertThat(row).containsEntry("past", true));
        assertThat(rows).extracting(row -> row.get("date")).contains("2026-01-26", "2026-11-24");
        assertThat(rows.get(1).get("date")).isEqualTo("2026-01-15");
        assertThat(page.texts("#holidays-body tr.divider")).containsExactly("earlier in 2026");
        // the template's own file still has it, as the export shows
        assertThat(page.app().http().getJson("/api/trading-hours").at("/templates/1/holidays").toString())
                .contains("{\"date\":\"2026-12-25\",\"description\":\"Christmas\",\"type\":\"trading_holiday\","
                        + "\"source\":\"template\"}");
    }

    @Test
    @Order(3)
    void shouldSayClearlyThatAChangeNeedsTheToken() throws Exception {
        page.script("sessionStorage.clear(); document.getElementById('token').value = '';");
        addHoliday("2026-12-31", "New Year's Eve");
        page.await().until(browser -> !page.texts("#holiday-error").get(0).isEmpty());
        assertThat(page.texts("#holiday-error").get(0)).startsWith("401: no API token");
        assertThat(page.script("return document.getElementById('token').classList.contains('needs-token');"))
                .isEqualTo(true);
        assertThat(apiHolidays()).noneMatch(h -> h.get("date").asText().equals("2026-12-31"));

        enterToken("not-the-token");
        addHoliday("2026-12-31", "New Year's Eve");
        page.await().until(browser -> page.texts("#holiday-error").get(0).startsWith("403"));
        assertThat(page.texts("#holiday-error").get(0)).contains("the API token is wrong");
    }

    @Test
    @Order(4)
    void shouldAddAHolidayThroughTheApiAndRemoveIt() throws Exception {
        enterToken(RunningApplication.TOKEN);
        addHoliday("2026-12-31", "New Year's Eve");
        page.await().until(browser -> holidayRows().stream().anyMatch(row -> "2026-12-31".equals(row.get("date"))));
        Map<String, Object> added = holidayRows().stream().filter(row -> "2026-12-31".equals(row.get("date")))
                .findFirst().orElseThrow();
        assertThat(added).containsEntry("day", "Thu").containsEntry("description", "New Year's Eve")
                .containsEntry("source", "api").containsEntry("removable", true);
        assertThat(apiHolidays()).anySatisfy(h -> {
            assertThat(h.get("date").asText()).isEqualTo("2026-12-31");
            assertThat(h.get("source").asText()).isEqualTo("api");
        });
        assertThat(page.script("return document.getElementById('holiday-error').hidden;")).isEqualTo(true);

        // the token is kept for the tab: a reload does not ask again
        reload();
        page.browser().findElement(By.cssSelector("#holidays-body tr[data-date='2026-12-31'] button.remove")).click();
        page.await().until(browser -> holidayRows().stream().noneMatch(row -> "2026-12-31".equals(row.get("date"))));
        assertThat(apiHolidays()).noneMatch(h -> h.get("date").asText().equals("2026-12-31"));
    }

    @Test
    @Order(5)
    void shouldShowTheServersFieldMessageForABadTemplateAndSaveAndApplyAGoodOne() throws Exception {
        enterToken(RunningApplication.TOKEN);
        String bad = """
                {"name": "my-venue", "timezone": "Asia/Kolkata",
                 "weekdays": {"MON": {"normal": ["15:30", "09:15"]}},
                 "holidays": [{"date": "2026-12-30", "description": "Year-end closure"}], "special_sessions": []}""";
        importTemplate(bad);
        page.await().until(browser -> !page.texts("#import-error").get(0).isEmpty());
        assertThat(page.script("return document.getElementById('import-name').value;")).isEqualTo("my-venue");
        assertThat(page.texts("#import-error").get(0)).startsWith("400: ").contains("weekdays.MON.normal");
        assertThat(page.app().http().get("/api/trading-hours").body()).doesNotContain("my-venue");

        importTemplate(bad.replace("[\"15:30\", \"09:15\"]", "[\"09:15\", \"15:30\"]"));
        page.await().until(browser -> page.texts("#import-result").get(0).startsWith("my-venue"));
        assertThat(page.texts("#import-result").get(0)).isEqualTo("my-venue created");
        assertThat(page.script("return document.getElementById('import-error').hidden;")).isEqualTo(true);
        assertThat(page.app().http().getJson("/api/trading-hours").get("templates").toString()).contains("my-venue");

        // applied, its week and its holiday (the template's own: removable) are shown
        new Select(page.browser().findElement(By.id("template-select"))).selectByValue("my-venue");
        page.browser().findElement(By.id("apply")).click();
        page.await().until(browser -> page.texts("#week-template").get(0).equals("my-venue"));
        assertThat(page.texts("#week .day[data-day=MON] .time")).containsExactly("normal 09:15–15:30");
        assertThat(page.texts("#week .day[data-day=TUE] .times")).containsExactly("closed");
        assertThat(holidayRows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("date", "2026-12-30").containsEntry("description", "Year-end closure")
                .containsEntry("source", "template").containsEntry("removable", true));
    }

    @Test
    @Order(6)
    void shouldExportTheSelectedTemplateAsItsJsonFile() throws Exception {
        new Select(page.browser().findElement(By.id("template-select"))).selectByValue("nse-fo");
        page.browser().findElement(By.id("export")).click();
        Path file = downloads.resolve("nse-fo.json");
        new WebDriverWait(page.browser(), SOON).until(browser -> Files.isRegularFile(file));
        JsonNode exported = JSON.readTree(Files.readString(file));
        assertThat(exported.get("name").asText()).isEqualTo("nse-fo");
        assertThat(exported.at("/weekdays/MON/normal").toString()).isEqualTo("[\"09:15\",\"15:30\"]");
        assertThat(exported.get("holidays")).anySatisfy(h -> assertThat(h.get("description").asText())
                .isEqualTo("Christmas"));
    }

    @Test
    @Order(7)
    void shouldApplyAlwaysOpenAndShowTheMarketOpenAndMonitoringWithinSeconds() {
        enterToken(RunningApplication.TOKEN);
        new Select(page.browser().findElement(By.id("template-select"))).selectByValue("always-open");
        page.browser().findElement(By.id("apply")).click();
        page.await().until(browser -> page.texts("#apply-result").get(0).startsWith("always-open"));
        assertThat(page.texts("#apply-result").get(0))
                .isEqualTo("always-open active · now open · open without a break");

        WebDriverWait soon = new WebDriverWait(page.browser(), SOON, Duration.ofMillis(200));
        soon.until(browser -> page.texts("#session").get(0).equals("open")
                && page.texts("#lifecycle").get(0).equals("monitoring"));
        assertThat(page.texts("#template")).containsExactly("always-open");
        assertThat(page.texts("#market")).containsExactly("open");
        // the page follows the switch: the week and the holidays are always-open's now
        soon.until(browser -> page.texts("#week-template").get(0).equals("always-open"));
        assertThat(page.texts("#week .day[data-day=SAT] .time")).containsExactly("normal 00:00–24:00");
        assertThat(page.texts("#holidays-body tr")).containsExactly("no holidays");
    }

    // ---- the page ----

    private void enterToken(String token) {
        page.script("const field = document.getElementById('token'); field.value = arguments[0];"
                + "field.dispatchEvent(new Event('change'));", token);
    }

    private void addHoliday(String date, String description) {
        page.script("document.getElementById('holiday-date').value = arguments[0];"
                + "document.getElementById('holiday-description').value = arguments[1];", date, description);
        page.browser().findElement(By.id("holiday-add")).click();
    }

    private void importTemplate(String json) {
        page.script("const text = document.getElementById('import-text'); text.value = arguments[0];"
                + "text.dispatchEvent(new Event('input'));", json);
        page.browser().findElement(By.id("import")).click();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> holidayRows() {
        return (List<Map<String, Object>>) page.script("""
                return Array.from(document.querySelectorAll('#holidays-body tr.holiday')).map(tr => ({
                  date: tr.dataset.date, day: tr.cells[1].textContent, description: tr.cells[2].textContent,
                  type: tr.cells[3].textContent, source: tr.cells[4].textContent,
                  removable: tr.querySelector('button.remove') !== null, past: tr.classList.contains('past')}));""");
    }

    // ---- the API, as curl would see it ----

    private String christmasSource() {
        try {
            return apiHolidays().stream().filter(h -> h.get("date").asText().equals("2026-12-25"))
                    .map(h -> h.get("source").asText()).findFirst().orElse("");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> apiHolidays() throws Exception {
        JsonNode hours = page.app().http().getJson("/api/trading-hours");
        return StreamSupport.stream(hours.get("holidays").spliterator(), false).toList();
    }
}
