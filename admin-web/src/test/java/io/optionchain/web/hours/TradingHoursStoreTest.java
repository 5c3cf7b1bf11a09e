package io.optionchain.web.hours;

import io.optionchain.engine.hours.DaySessions;
import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.hours.MarketSession;
import io.optionchain.engine.hours.SessionWindow;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.hours.TradingTemplate;
import io.optionchain.web.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradingHoursStoreTest {
    private static final Path SHIPPED = Path.of("..", "config");

    @TempDir
    Path data;

    @Test
    void shouldShipNseFoWith2026sHolidaysAndSpecialSessionsAndAlwaysOpen() {
        TradingHoursStore store = TradingHoursStore.open(SHIPPED, data, null, null, "nse-fo");
        assertThat(store.templates()).extracting(TradingTemplate::name).containsExactly("always-open", "nse-fo");

        TradingTemplate nse = store.template("nse-fo");
        assertThat(nse.zone().getId()).isEqualTo("Asia/Kolkata");
        DaySessions weekday = new DaySessions(window("09:00", "09:08"), window("09:15", "15:30"),
                window("15:40", "16:00"));
        assertThat(nse.weekdays()).isEqualTo(Map.of(DayOfWeek.MONDAY, weekday, DayOfWeek.TUESDAY, weekday,
                DayOfWeek.WEDNESDAY, weekday, DayOfWeek.THURSDAY, weekday, DayOfWeek.FRIDAY, weekday));
        assertThat(nse.holidays()).hasSize(16).allMatch(h -> h.type() == HolidayType.TRADING_HOLIDAY
                && h.source() == HolidaySource.TEMPLATE && h.date().getYear() == 2026);
        assertThat(nse.holidays()).extracting(h -> h.date().toString()).contains("2026-01-15", "2026-01-26",
                "2026-03-03", "2026-10-20", "2026-11-10", "2026-12-25");
        assertThat(nse.holiday(LocalDate.parse("2026-11-24")).orElseThrow().description())
                .isEqualTo("Prakash Gurpurb Sri Guru Nanak Dev");
        assertThat(nse.specialSessions()).hasSize(2);
        assertThat(nse.specialSession(LocalDate.parse("2026-02-01")).orElseThrow().normal())
                .isEqualTo(window("09:15", "15:30"));
        assertThat(nse.specialSession(LocalDate.parse("2026-11-08")).orElseThrow().normal())
                .isEqualTo(window("18:00", "19:00"));

        TradingTemplate always = store.template("always-open");
        assertThat(always.weekdays()).hasSize(7).allSatisfy((day, sessions) ->
                assertThat(sessions).isEqualTo(DaySessions.normalOnly(SessionWindow.WHOLE_DAY)));
        assertThat(always.holidays()).isEmpty();
        assertThat(new TradingCalendar(always).nextOpen(ist("2026-12-25T10:00").toInstant())).isEmpty();
    }

    @Test
    void shouldChooseTheRequestedTemplateThenTheAppliedOneThenTheConfiguredOneThenTheFeedsDefault() {
        assertThat(activeName(TradingHoursStore.open(SHIPPED, data, null, null, "always-open")))
                .isEqualTo("always-open");
        assertThat(activeName(TradingHoursStore.open(SHIPPED, data, null, "nse-fo", "always-open")))
                .isEqualTo("nse-fo");
        TradingHoursStore.open(SHIPPED, data, null, null, "nse-fo").apply("always-open");
        assertThat(activeName(TradingHoursStore.open(SHIPPED, data, null, "nse-fo", "nse-fo")))
                .as("applied through the API: outlives the config").isEqualTo("always-open");
        assertThat(activeName(TradingHoursStore.open(SHIPPED, data, "nse-fo", null, "always-open")))
                .as("--trading-hours: wins over everything").isEqualTo("nse-fo");
    }

    @Test
    void shouldRefuseToStartOnAnUnknownTemplateListingTheKnownOnes() {
        assertThatThrownBy(() -> TradingHoursStore.open(SHIPPED, data, "nse-cm", null, "nse-fo"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("trading-hours template 'nse-cm' (from --trading-hours) has no file")
                .hasMessageContaining("[always-open, nse-fo]");
    }

    @Test
    void shouldNameTheFileAndLineOfABadTemplateAtStart(@TempDir Path config) throws IOException {
        Path templates = Files.createDirectories(config.resolve(TradingHoursStore.DIRECTORY));
        Files.writeString(templates.resolve("nse-fo.json"),
                Files.readString(SHIPPED.resolve("trading-hours/nse-fo.json")).replace("\"2026-03-03\"", "\"2026-3-3\""));
        assertThatThrownBy(() -> TradingHoursStore.open(config, data, null, null, "nse-fo"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(templates.resolve("nse-fo.json") + " line 18: holidays[2].date: '2026-3-3' is"
                        + " not a date as YYYY-MM-DD");
    }

    @Test
    void shouldKeepAPutTemplateAnAddedHolidayAndTheAppliedChoiceAcrossARestart() {
        TradingHoursStore store = TradingHoursStore.open(SHIPPED, data, null, null, "always-open");
        TradingTemplate weekly = new TradingTemplate("mcx-evening", ist("2026-01-01T00:00").getZone(),
                Map.of(DayOfWeek.MONDAY, DaySessions.normalOnly(window("17:00", "23:30"))), List.of(), List.of());
        assertThat(store.put(weekly)).as("created").isTrue();
        store.apply("nse-fo");
        store.addHoliday(LocalDate.parse("2027-01-26"), "Republic Day", HolidayType.TRADING_HOLIDAY);
        store.removeHoliday(LocalDate.parse("2026-12-25"));

        TradingHoursStore restarted = TradingHoursStore.open(SHIPPED, data, null, null, "always-open");
        assertThat(activeName(restarted)).isEqualTo("nse-fo");
        assertThat(restarted.template("mcx-evening")).isEqualTo(weekly);
        TradingTemplate nse = restarted.template("nse-fo");
        assertThat(nse.holiday(LocalDate.parse("2027-01-26"))).contains(new Holiday(LocalDate.parse("2027-01-26"),
                "Republic Day", HolidayType.TRADING_HOLIDAY, HolidaySource.API));
        assertThat(nse.holiday(LocalDate.parse("2026-12-25"))).isEmpty();
        assertThat(nse.holidays()).hasSize(16);
        assertThat(restarted.active().sessionAt(ist("2027-01-26T10:00").toInstant())).isEqualTo(MarketSession.HOLIDAY);
        assertThat(restarted.active().sessionAt(ist("2026-12-25T10:00").toInstant())).isEqualTo(MarketSession.OPEN);
    }

    @Test
    void shouldLeaveNoTemporaryFileBehindAndClearOneACrashLeft() throws IOException {
        TradingHoursStore store = TradingHoursStore.open(SHIPPED, data, null, null, "nse-fo");
        store.addHoliday(LocalDate.parse("2027-01-26"), "Republic Day", HolidayType.TRADING_HOLIDAY);
        store.apply("nse-fo");
        store.put(store.template("always-open"));
        Path edited = data.resolve(TradingHoursStore.DIRECTORY);
        assertThat(names(edited)).containsExactlyInAnyOrder("active", "always-open.json", "nse-fo.json");
        assertThat(Files.readString(edited.resolve("active"))).isEqualTo("nse-fo\n");

        // a write cut short by a crash: half a file under a temporary name
        Files.writeString(edited.resolve("nse-fo.json.123456.tmp"), "{\"name\": \"nse-");
        TradingHoursStore.open(SHIPPED, data, null, null, "nse-fo");
        assertThat(names(edited)).containsExactlyInAnyOrder("active", "always-open.json", "nse-fo.json");
    }

    @Test
    void shouldLetAnEditedTemplateWinOverTheShippedOneOfTheSameName() throws IOException {
        Path edited = Files.createDirectories(data.resolve(TradingHoursStore.DIRECTORY));
        Files.writeString(edited.resolve("nse-fo.json"), """
                {"name": "nse-fo", "weekdays": {"MON": {"normal": ["10:00", "11:00"]}}}""");
        TradingTemplate nse = TradingHoursStore.open(SHIPPED, data, null, null, "nse-fo").template("nse-fo");
        assertThat(nse.weekdays()).containsOnlyKeys(DayOfWeek.MONDAY);
        assertThat(nse.holidays()).isEmpty();
    }

    @Test
    void shouldPublishEveryChangeWithTheServersHolidaysMergedInButNeverWriteThem() throws IOException {
        TradingHoursStore store = TradingHoursStore.open(SHIPPED, data, null, null, "nse-fo");
        List<TradingCalendar> published = new ArrayList<>();
        store.onCalendar(published::add);
        assertThat(published).extracting(c -> c.template().name()).containsExactly("nse-fo");

        store.serverHolidays(List.of(
                new Holiday(LocalDate.parse("2026-12-25"), "Christmas (NSE)", HolidayType.TRADING_HOLIDAY,
                        HolidaySource.OPENALGO),
                new Holiday(LocalDate.parse("2027-03-22"), "Holi", HolidayType.TRADING_HOLIDAY, HolidaySource.OPENALGO)));
        TradingCalendar merged = store.active();
        assertThat(published).last().isSameAs(merged);
        assertThat(merged.template().holiday(LocalDate.parse("2026-12-25")).orElseThrow().description())
                .as("the server wins for dates it knows").isEqualTo("Christmas (NSE)");
        assertThat(merged.template().holiday(LocalDate.parse("2027-03-22")).orElseThrow().source())
                .isEqualTo(HolidaySource.OPENALGO);
        assertThat(merged.template().holiday(LocalDate.parse("2026-01-26")).orElseThrow().source())
                .isEqualTo(HolidaySource.TEMPLATE);

        store.addHoliday(LocalDate.parse("2027-01-26"), "Republic Day", HolidayType.TRADING_HOLIDAY);
        assertThat(published).hasSize(3);
        assertThat(store.active().template().holiday(LocalDate.parse("2027-03-22"))).as("still merged").isPresent();
        String written = Files.readString(data.resolve("trading-hours/nse-fo.json"));
        assertThat(written).contains("2027-01-26").doesNotContain("2027-03-22").doesNotContain("openalgo");

        store.apply("always-open");
        assertThat(published).last().extracting(c -> c.template().name()).isEqualTo("always-open");
        store.put(store.template("nse-fo"));
        assertThat(published).as("an inactive template's edit changes nothing in force").hasSize(4);
        assertThatThrownBy(() -> store.removeHoliday(LocalDate.parse("2027-03-22")))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("template 'always-open' has no holiday on 2027-03-22");
    }

    private static String activeName(TradingHoursStore store) {
        return store.active().template().name();
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static SessionWindow window(String start, String end) {
        return new SessionWindow(LocalTime.parse(start), LocalTime.parse(end));
    }

    private static ZonedDateTime ist(String local) {
        return ZonedDateTime.parse(local + "+05:30[Asia/Kolkata]");
    }
}
