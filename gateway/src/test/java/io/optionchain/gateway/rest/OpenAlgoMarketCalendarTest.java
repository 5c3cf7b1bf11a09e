package io.optionchain.gateway.rest;

import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.ports.ExchangeSession;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** OpenAlgo's market calendar read through the gateway, from the simulated server over loopback HTTP. */
class OpenAlgoMarketCalendarTest {
    private static final String KEY = "calendar-key-31c9";
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static OpenAlgoSimulator simulator;
    private static OpenAlgoMarketCalendar calendar;

    @BeforeAll
    static void start() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-24T04:00:00Z"), ZoneOffset.UTC);
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(5).withClock(clock));
        calendar = new OpenAlgoMarketCalendar(new OpenAlgoRestClient(simulator.restUrl(), KEY, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldReadThe2026HolidaysWithTheirTypesAndTheMuhuratSession() {
        List<Holiday> holidays = calendar.holidays(2026);

        assertThat(holidays).extracting(Holiday::date).containsExactly(date("2026-01-15"), date("2026-01-26"),
                date("2026-02-01"), date("2026-03-03"), date("2026-03-26"), date("2026-03-31"), date("2026-04-03"),
                date("2026-04-14"), date("2026-05-01"), date("2026-05-28"), date("2026-06-26"), date("2026-09-14"),
                date("2026-10-02"), date("2026-10-20"), date("2026-11-08"), date("2026-11-10"), date("2026-11-24"),
                date("2026-12-25"));
        assertThat(holidays).extracting(Holiday::source).containsOnly(HolidaySource.OPENALGO);
        assertThat(holidays).filteredOn(h -> h.type() == HolidayType.SPECIAL_SESSION)
                .extracting(Holiday::date, Holiday::description)
                .containsExactly(tuple(date("2026-02-01"), "Union Budget"),
                        tuple(date("2026-11-08"), "Diwali Laxmi Pujan (Muhurat Trading)"));
        assertThat(holidays).filteredOn(h -> h.date().equals(date("2026-12-25"))).singleElement()
                .isEqualTo(new Holiday(date("2026-12-25"), "Christmas", HolidayType.TRADING_HOLIDAY,
                        HolidaySource.OPENALGO));
        assertThat(holidays).filteredOn(Holiday::closesTrading).hasSize(16);
    }

    @Test
    void shouldKnowNoHolidaysForAYearNotYetPublished() {
        assertThat(calendar.holidays(2027)).isEmpty();
    }

    @Test
    void shouldGiveEveryExchangesSessionOnAWeekday() {
        List<ExchangeSession> monday = calendar.timings(date("2026-12-28"));

        assertThat(monday).extracting(ExchangeSession::exchange)
                .containsExactly("NSE", "BSE", "NFO", "BFO", "MCX", "BCD", "CDS");
        assertThat(monday).filteredOn(s -> s.exchange().equals("NFO")).singleElement()
                .isEqualTo(new ExchangeSession("NFO", at("2026-12-28T09:15"), at("2026-12-28T15:30")));
    }

    @Test
    void shouldGiveNoSessionsOnAWeekendOrAFullHoliday() {
        assertThat(calendar.timings(date("2026-12-27"))).as("a Sunday").isEmpty();
        assertThat(calendar.timings(date("2026-12-25"))).as("Christmas").isEmpty();
    }

    @Test
    void shouldGiveOnlyMcxsEveningOnAnNseHoliday() {
        assertThat(calendar.timings(date("2026-11-24")))
                .containsExactly(new ExchangeSession("MCX", at("2026-11-24T17:00"), at("2026-11-24T23:55")));
    }

    @Test
    void shouldGiveTheMuhuratWindowOnItsSunday() {
        assertThat(calendar.timings(date("2026-11-08"))).filteredOn(s -> s.exchange().equals("NFO")).singleElement()
                .isEqualTo(new ExchangeSession("NFO", at("2026-11-08T18:00"), at("2026-11-08T19:00")));
    }

    @Test
    void shouldFailWithTheServersRefusalButNeverTheKey() {
        String wrong = "wrong-calendar-key-77";
        OpenAlgoMarketCalendar impostor =
                new OpenAlgoMarketCalendar(new OpenAlgoRestClient(simulator.restUrl(), wrong, Duration.ofSeconds(5)));

        OpenAlgoException holidays = catchThrowableOfType(OpenAlgoException.class, () -> impostor.holidays(2026));
        OpenAlgoException timings = catchThrowableOfType(OpenAlgoException.class,
                () -> impostor.timings(date("2026-12-28")));

        assertThat(holidays.status()).isEqualTo(403);
        assertThat(holidays.getMessage()).isEqualTo("market/holidays failed (HTTP 403): Invalid openalgo apikey");
        assertThat(timings.getMessage()).isEqualTo("market/timings failed (HTTP 403): Invalid openalgo apikey");
        assertThat(holidays.toString() + timings).doesNotContain(wrong).doesNotContain(KEY);
    }

    /**
     * The simulator serves only NSE's own calendar, so a server's rows for other venues and of a type this
     * code does not know come from a stub: a reply the real server could send that the simulator cannot.
     */
    @Test
    void shouldLeaveOutHolidaysOfOtherVenuesAndCountUnknownTypes() throws Exception {
        try (StubOpenAlgo stub = new StubOpenAlgo()) {
            stub.answer(200, """
                    {"status":"success","year":2026,"timezone":"Asia/Kolkata","data":[
                     {"date":"2026-02-19","description":"Chhatrapati Shivaji Maharaj Jayanti",
                      "holiday_type":"SETTLEMENT_HOLIDAY","closed_exchanges":[],"open_exchanges":[]},
                     {"date":"2026-03-10","description":"MCX only","holiday_type":"TRADING_HOLIDAY",
                      "closed_exchanges":["MCX"],"open_exchanges":[]},
                     {"date":"2026-03-20","description":"Id-Ul-Fitr","holiday_type":"TRADING_HOLIDAY",
                      "closed_exchanges":["NSE","BSE","NFO","BFO","CDS","BCD"],
                      "open_exchanges":[{"exchange":"MCX","start_time":1774006200000,"end_time":1774032300000}]},
                     {"date":"2026-04-01","description":"Half day","holiday_type":"EARLY_CLOSE",
                      "closed_exchanges":["NSE"],"open_exchanges":[]},
                     {"date":"2026-10-20","description":"Commodity muhurat","holiday_type":"SPECIAL_SESSION",
                      "closed_exchanges":[],
                      "open_exchanges":[{"exchange":"MCX","start_time":1792497600000,"end_time":1792501200000}]}]}""");
            OpenAlgoMarketCalendar stubbed =
                    new OpenAlgoMarketCalendar(new OpenAlgoRestClient(stub.url(), KEY, Duration.ofSeconds(5)));

            List<Holiday> holidays = stubbed.holidays(2026);

            assertThat(holidays).extracting(Holiday::date, Holiday::type).containsExactly(
                    tuple(date("2026-02-19"), HolidayType.SETTLEMENT_HOLIDAY),
                    tuple(date("2026-03-20"), HolidayType.TRADING_HOLIDAY));
            assertThat(stubbed.unknownTypes()).isEqualTo(1);
            assertThat(stub.path).isEqualTo("/api/v1/market/holidays");
            assertThat(stub.body).isEqualTo("{\"apikey\":\"" + KEY + "\",\"year\":2026}");
        }
    }

    /** A reply the simulator never sends (a row without its times): the failure a stub alone can cause. */
    @Test
    void shouldRefuseATimingsReplyThatDoesNotReadAsDocumented() throws Exception {
        try (StubOpenAlgo stub = new StubOpenAlgo()) {
            stub.answer(200, "{\"status\":\"success\",\"data\":[{\"exchange\":\"NFO\",\"start_time\":1798602300000}]}");
            OpenAlgoMarketCalendar stubbed =
                    new OpenAlgoMarketCalendar(new OpenAlgoRestClient(stub.url(), KEY, Duration.ofSeconds(5)));

            OpenAlgoException e = catchThrowableOfType(OpenAlgoException.class,
                    () -> stubbed.timings(date("2026-12-28")));

            assertThat(e.getMessage()).startsWith("market/timings failed (HTTP 200): a session needs exchange");
            assertThat(stub.body).isEqualTo("{\"apikey\":\"" + KEY + "\",\"date\":\"2026-12-28\"}");
        }
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(IST).toInstant();
    }
}
