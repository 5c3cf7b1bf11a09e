package io.optionchain.web.hours;

import io.optionchain.engine.hours.DaySessions;
import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.hours.SessionWindow;
import io.optionchain.engine.hours.TradingTemplate;
import io.optionchain.web.config.ConfigException;
import io.optionchain.web.json.TradingHoursJson;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A template file or body read into the engine's template, and every mistake a person can make in one named by
 * file, line and field. {@link #GOOD} is the file each case breaks in one place.
 */
class TemplateReaderTest {
    private static final String FILE = "config/trading-hours/nse-fo.json";
    private static final String GOOD = """
            {
              "name": "nse-fo",
              "timezone": "Asia/Kolkata",
              "note": "for people",
              "weekdays": {
                "MON": {"pre_open": ["09:00", "09:08"],
                        "normal": ["09:15", "15:30"],
                        "post_close": ["15:40", "16:00"]},
                "TUE": {"normal": ["09:15", "15:30"]},
                "SAT": null
              },
              "holidays": [
                {"date": "2026-12-25", "description": "Christmas", "type": "trading_holiday", "source": "api"},
                {"date": "2026-12-30", "description": "Settlement only", "type": "settlement_holiday"},
                {"date": "2026-12-31"}
              ],
              "special_sessions": [
                {"date": "2026-11-08", "description": "Muhurat trading", "normal": ["18:00", "19:00"]}
              ]
            }
            """;

    @Test
    void shouldReadATemplateIntoTheEnginesShape() {
        TradingTemplate template = TemplateReader.file(FILE, GOOD, "nse-fo", false);
        assertThat(template.name()).isEqualTo("nse-fo");
        assertThat(template.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(template.weekdays()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
        DaySessions monday = template.weekdays().get(DayOfWeek.MONDAY);
        assertThat(monday.preOpen()).isEqualTo(window("09:00", "09:08"));
        assertThat(monday.normal()).isEqualTo(window("09:15", "15:30"));
        assertThat(monday.postClose()).isEqualTo(window("15:40", "16:00"));
        assertThat(template.weekdays().get(DayOfWeek.TUESDAY).preOpen()).isNull();
        assertThat(template.holidays()).containsExactly(
                new Holiday(LocalDate.parse("2026-12-25"), "Christmas", HolidayType.TRADING_HOLIDAY,
                        HolidaySource.TEMPLATE),
                new Holiday(LocalDate.parse("2026-12-30"), "Settlement only", HolidayType.SETTLEMENT_HOLIDAY,
                        HolidaySource.TEMPLATE),
                new Holiday(LocalDate.parse("2026-12-31"), "", HolidayType.TRADING_HOLIDAY, HolidaySource.TEMPLATE));
        assertThat(template.specialSessions()).hasSize(1);
        assertThat(template.specialSessions().get(0).normal()).isEqualTo(window("18:00", "19:00"));
    }

    @Test
    void shouldKeepAnApiHolidaysSourceOnlyInTheFilesThisApplicationWrote() {
        assertThat(TemplateReader.file(FILE, GOOD, "nse-fo", true).holidays().get(0).source())
                .isEqualTo(HolidaySource.API);
        assertThat(TemplateReader.body(GOOD, "nse-fo").holidays().get(0).source()).isEqualTo(HolidaySource.TEMPLATE);
    }

    @Test
    void shouldReadBackWhatItsJsonWrites() {
        TradingTemplate template = TemplateReader.file(FILE, GOOD, "nse-fo", true);
        assertThat(TemplateReader.file(FILE, TradingHoursJson.file(template), "nse-fo", true)).isEqualTo(template);
    }

    @Test
    void shouldTakeAsiaKolkataWhenTheTimezoneIsLeftOutAndMidnightAsAnEnd() {
        String text = """
                {"name": "always-open",
                 "weekdays": {"MON": {"normal": ["00:00", "24:00"]}, "TUE": {"normal": ["18:00", "00:00"]}}}""";
        TradingTemplate template = TemplateReader.file("always-open.json", text, "always-open", false);
        assertThat(template.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(template.weekdays().get(DayOfWeek.MONDAY).normal()).isEqualTo(SessionWindow.WHOLE_DAY);
        assertThat(template.weekdays().get(DayOfWeek.TUESDAY).normal().endsAtMidnight()).isTrue();
        assertThat(template.holidays()).isEmpty();
    }

    @Test
    void shouldNameTheFileLineAndFieldOfOverlappingSessions() {
        assertRefused(GOOD.replace("\"post_close\": [\"15:40\"", "\"post_close\": [\"15:20\""),
                FILE + " line 8: weekdays.MON.post_close: starts at 15:20, before normal ends at 15:30");
        assertRefused(GOOD.replace("[\"09:00\", \"09:08\"]", "[\"09:00\", \"09:20\"]"),
                FILE + " line 6: weekdays.MON.pre_open: ends at 09:20, after normal starts at 09:15");
    }

    @Test
    void shouldRefuseAnEndBeforeItsStart() {
        assertRefused(GOOD.replace("\"normal\": [\"09:15\", \"15:30\"],", "\"normal\": [\"15:30\", \"09:15\"],"),
                FILE + " line 7: weekdays.MON.normal: ends at 09:15, not after it starts at 15:30");
        assertRefused(GOOD.replace("[\"18:00\", \"19:00\"]", "[\"18:00\", \"18:00\"]"),
                FILE + " line 18: special_sessions[0].normal: ends at 18:00, not after it starts at 18:00");
    }

    @Test
    void shouldRefuseAnUnknownTimezone() {
        assertRefused(GOOD.replace("Asia/Kolkata", "Asia/Bombay_Mars"),
                FILE + " line 3: timezone: unknown time zone 'Asia/Bombay_Mars'; use a zone id such as Asia/Kolkata");
    }

    @Test
    void shouldRefuseABadDate() {
        assertRefused(GOOD.replace("2026-12-30", "2026-02-30"),
                FILE + " line 14: holidays[1].date: '2026-02-30' is not a date as YYYY-MM-DD");
        assertRefused(GOOD.replace("2026-12-30", "30-12-2026"),
                FILE + " line 14: holidays[1].date: '30-12-2026' is not a date as YYYY-MM-DD");
        assertRefused(GOOD.replace("2026-11-08", "2026-11-8"),
                FILE + " line 18: special_sessions[0].date: '2026-11-8' is not a date as YYYY-MM-DD");
    }

    @Test
    void shouldRefuseABadTime() {
        assertRefused(GOOD.replace("\"15:40\"", "\"3:40 pm\""),
                FILE + " line 8: weekdays.MON.post_close[0]: '3:40 pm' is not a time as \"HH:MM\"");
        assertRefused(GOOD.replace("\"16:00\"", "\"24:30\""),
                FILE + " line 8: weekdays.MON.post_close[1]: '24:30' is not a time");
        assertRefused(GOOD.replace("\"18:00\"", "\"24:00\""),
                FILE + " line 18: special_sessions[0].normal[0]: 24:00 is midnight at the end of the day");
        assertRefused(GOOD.replace("[\"09:15\", \"15:30\"]}", "[\"09:15\"]}"),
                FILE + " line 9: weekdays.TUE.normal: must be [\"HH:MM\", \"HH:MM\"], a start and an end");
    }

    @Test
    void shouldRefuseTwoHolidaysOnADate() {
        assertRefused(GOOD.replace("\"2026-12-31\"", "\"2026-12-25\""),
                FILE + " line 15: holidays[2].date: 2026-12-25 is listed twice (also holidays[0])");
    }

    @Test
    void shouldRefuseAnUnknownWeekday() {
        assertRefused(GOOD.replace("\"SAT\": null", "\"SATURDAY\": null"),
                FILE + " line 10: weekdays.SATURDAY: unknown weekday; expected one of [MON, TUE, WED, THU, FRI, SAT, SUN]");
    }

    @Test
    void shouldRefuseAnUnknownField() {
        assertRefused(GOOD.replace("\"note\": \"for people\"", "\"colour\": \"red\""),
                FILE + " line 4: colour: unknown field; expected one of [exchange, holidays, name, note,"
                        + " special_sessions, timezone, weekdays]");
        assertRefused(GOOD.replace("\"post_close\": [", "\"post-close\": ["),
                FILE + " line 8: weekdays.MON.post-close: unknown field; expected one of [normal, post_close, pre_open]");
        assertRefused(GOOD.replace("\"type\": \"settlement_holiday\"", "\"kind\": \"settlement_holiday\""),
                FILE + " line 14: holidays[1].kind: unknown field");
    }

    @Test
    void shouldRefuseAMissingNameOrOneThatIsNotTheFilesName() {
        assertRefused(GOOD.replace("  \"name\": \"nse-fo\",\n", ""),
                FILE + " line 1: name: missing");
        assertRefused(GOOD.replace("\"name\": \"nse-fo\"", "\"name\": \"nse\""),
                FILE + " line 2: name: 'nse' does not match the file name nse-fo.json");
        assertThatThrownBy(() -> TemplateReader.body(GOOD, "nse-cm"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("request body line 2: name: 'nse-fo' does not match the name in the path, 'nse-cm'");
    }

    @Test
    void shouldRefuseAWrongTypeOfHolidayAKeyGivenTwiceAndBrokenJson() {
        assertRefused(GOOD.replace("\"settlement_holiday\"", "\"half_day\""),
                FILE + " line 14: holidays[1].type: must be trading_holiday, settlement_holiday or special_session,"
                        + " got 'half_day'");
        assertRefused(GOOD.replace("\"TUE\": {\"normal\"", "\"TUE\": {\"normal\": [\"10:00\", \"11:00\"], \"normal\""),
                FILE + " line 9: weekdays.TUE.normal: given twice; give each key once");
        assertRefused(GOOD.replace("\"SAT\": null", "\"SAT\": nul"), FILE + " line 10: not valid JSON");
        assertRefused(GOOD.replace("  \"weekdays\"", "  \"weekday\""), FILE + " line 5: weekday: unknown field");
    }

    @Test
    void shouldReadAHolidayBodyWithItsTypeDefaultingToATradingHoliday() {
        assertThat(TemplateReader.holidayBody("{\"date\": \"2027-01-26\", \"description\": \"Republic Day\"}"))
                .isEqualTo(new Holiday(LocalDate.parse("2027-01-26"), "Republic Day", HolidayType.TRADING_HOLIDAY,
                        HolidaySource.API));
        assertThatThrownBy(() -> TemplateReader.holidayBody("{\"date\": \"2027-01-26\", \"source\": \"template\"}"))
                .hasMessage("request body line 1: source: unknown field; expected one of [date, description, type]");
        assertThatThrownBy(() -> TemplateReader.holidayBody("{\"description\": \"x\"}"))
                .hasMessage("request body line 1: date: missing");
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> TemplateReader.file(FILE, text, "nse-fo", false))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    private static SessionWindow window(String start, String end) {
        return new SessionWindow(LocalTime.parse(start), LocalTime.parse(end));
    }
}
