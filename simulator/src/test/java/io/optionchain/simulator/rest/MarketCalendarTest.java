package io.optionchain.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.ApiClient.Reply;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenAlgo's {@code market/holidays} and {@code market/timings} as the simulator serves them, over real HTTP. */
class MarketCalendarTest {
    private static final String KEY = "calendar-test-key";
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    /** 00:15 on 1 January 2027 in India, still 2026 in UTC: the default year must be the exchange's. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-31T18:45:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenAlgoSimulator simulator;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(3).withClock(CLOCK));
        api = new ApiClient(simulator.restUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldListNsesPublished2026HolidaysWithMcxsEveningAndTheSpecialSessions() throws Exception {
        Reply reply = api.post("market/holidays", Map.of("apikey", KEY, "year", 2026));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("status").asText()).isEqualTo("success");
        assertThat(reply.body().path("year").asInt()).isEqualTo(2026);
        assertThat(reply.body().path("timezone").asText()).isEqualTo("Asia/Kolkata");
        List<String> dates = new ArrayList<>();
        reply.data().forEach(day -> dates.add(day.path("date").asText()));
        assertThat(dates).containsExactly("2026-01-15", "2026-01-26", "2026-02-01", "2026-03-03", "2026-03-26",
                "2026-03-31", "2026-04-03", "2026-04-14", "2026-05-01", "2026-05-28", "2026-06-26", "2026-09-14",
                "2026-10-02", "2026-10-20", "2026-11-08", "2026-11-10", "2026-11-24", "2026-12-25");

        assertThat(day(reply, "2026-01-15")).isEqualTo(JSON.readTree("""
                {"date":"2026-01-15","description":"Municipal Corporation Election - Maharashtra",
                 "holiday_type":"TRADING_HOLIDAY","closed_exchanges":["NSE","BSE","NFO","BFO","CDS","BCD"],
                 "open_exchanges":[{"exchange":"MCX","start_time":%d,"end_time":%d}]}"""
                .formatted(ms("2026-01-15T17:00"), ms("2026-01-15T23:55"))));
        assertThat(day(reply, "2026-12-25")).isEqualTo(JSON.readTree("""
                {"date":"2026-12-25","description":"Christmas","holiday_type":"TRADING_HOLIDAY",
                 "closed_exchanges":["NSE","BSE","NFO","BFO","CDS","BCD","MCX"],"open_exchanges":[]}"""));
        for (String fullClosure : List.of("2026-01-26", "2026-04-03", "2026-10-02")) {
            assertThat(day(reply, fullClosure).path("closed_exchanges").toString()).as(fullClosure).contains("MCX");
            assertThat(day(reply, fullClosure).path("open_exchanges")).as(fullClosure).isEmpty();
        }
        JsonNode muhurat = day(reply, "2026-11-08");
        assertThat(muhurat.path("holiday_type").asText()).isEqualTo("SPECIAL_SESSION");
        assertThat(muhurat.path("description").asText()).isEqualTo("Diwali Laxmi Pujan (Muhurat Trading)");
        assertThat(muhurat.path("closed_exchanges")).isEmpty();
        assertThat(exchanges(muhurat.path("open_exchanges"))).containsExactly("NSE", "BSE", "NFO", "BFO");
        assertThat(muhurat.path("open_exchanges").get(2).path("start_time").asLong()).isEqualTo(ms("2026-11-08T18:00"));
        assertThat(muhurat.path("open_exchanges").get(2).path("end_time").asLong()).isEqualTo(ms("2026-11-08T19:00"));
        JsonNode budget = day(reply, "2026-02-01");
        assertThat(budget.path("holiday_type").asText()).isEqualTo("SPECIAL_SESSION");
        assertThat(budget.path("open_exchanges").get(0).path("start_time").asLong()).isEqualTo(ms("2026-02-01T09:15"));
        assertThat(budget.path("open_exchanges").get(0).path("end_time").asLong()).isEqualTo(ms("2026-02-01T15:30"));
    }

    @Test
    void shouldDefaultToTheClocksYearInIndiaAndKnowNothingOf2027Yet() throws Exception {
        Reply unsaid = api.post("market/holidays", Map.of("apikey", KEY));
        assertThat(unsaid.status()).isEqualTo(200);
        assertThat(unsaid.body().path("year").asInt()).isEqualTo(2027);
        assertThat(unsaid.data().isArray()).isTrue();
        assertThat(unsaid.data()).isEmpty();

        Reply asText = api.post("market/holidays", Map.of("apikey", KEY, "year", "2026"));
        assertThat(asText.status()).as("Marshmallow's Int takes a number in a string").isEqualTo(200);
        assertThat(asText.data()).hasSize(18);
    }

    @Test
    void shouldRefuseABadYearAnUnknownFieldAndAWrongKey() throws Exception {
        Reply early = api.post("market/holidays", Map.of("apikey", KEY, "year", 2019));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.body().path("message").toString()).isEqualTo(
                "{\"year\":[\"Must be greater than or equal to 2020 and less than or equal to 2050.\"]}");
        assertThat(api.post("market/holidays", Map.of("apikey", KEY, "year", 2051)).status()).isEqualTo(400);
        Reply word = api.post("market/holidays", Map.of("apikey", KEY, "year", "next"));
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.body().path("message").toString()).isEqualTo("{\"year\":[\"Not a valid integer.\"]}");
        assertThat(api.post("market/holidays", Map.of("apikey", KEY, "year", true)).status()).isEqualTo(400);

        Reply unknown = api.post("market/holidays", Map.of("apikey", KEY, "year", 2026, "exchange", "NSE"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("message").toString()).isEqualTo("{\"exchange\":[\"Unknown field.\"]}");

        Reply wrongKey = api.post("market/holidays", Map.of("apikey", "not-the-key", "year", 2026));
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(wrongKey.body().toString())
                .isEqualTo("{\"message\":\"Invalid openalgo apikey\",\"status\":\"error\"}");
    }

    @Test
    void shouldGiveEveryExchangesNormalHoursOnAWeekday() throws Exception {
        Reply monday = timings("2026-12-28");

        assertThat(monday.status()).isEqualTo(200);
        assertThat(monday.body().path("status").asText()).isEqualTo("success");
        assertThat(exchanges(monday.data())).containsExactly("NSE", "BSE", "NFO", "BFO", "MCX", "BCD", "CDS");
        assertThat(window(monday, "NFO")).containsExactly(ms("2026-12-28T09:15"), ms("2026-12-28T15:30"));
        assertThat(window(monday, "NSE")).containsExactly(ms("2026-12-28T09:15"), ms("2026-12-28T15:30"));
        assertThat(window(monday, "CDS")).containsExactly(ms("2026-12-28T09:00"), ms("2026-12-28T17:00"));
        assertThat(window(monday, "MCX")).containsExactly(ms("2026-12-28T09:00"), ms("2026-12-28T23:30"));
    }

    @Test
    void shouldGiveNothingOnAWeekendOrAFullHoliday() throws Exception {
        Reply saturday = timings("2026-12-26");
        assertThat(saturday.status()).isEqualTo(200);
        assertThat(saturday.data().isArray()).isTrue();
        assertThat(saturday.data()).isEmpty();

        Reply christmas = timings("2026-12-25");
        assertThat(christmas.status()).isEqualTo(200);
        assertThat(christmas.data().isArray()).isTrue();
        assertThat(christmas.data()).isEmpty();
    }

    @Test
    void shouldGiveOnlyMcxsEveningOnAHolidayThatLeavesItOpen() throws Exception {
        Reply balipratipada = timings("2026-11-10");

        assertThat(exchanges(balipratipada.data())).containsExactly("MCX");
        assertThat(window(balipratipada, "MCX")).containsExactly(ms("2026-11-10T17:00"), ms("2026-11-10T23:55"));
    }

    @Test
    void shouldGiveOnlyTheMuhuratWindowOnThatSunday() throws Exception {
        Reply muhurat = timings("2026-11-08");

        assertThat(exchanges(muhurat.data())).containsExactly("NSE", "BSE", "NFO", "BFO");
        for (String exchange : List.of("NSE", "BSE", "NFO", "BFO")) {
            assertThat(window(muhurat, exchange)).as(exchange)
                    .containsExactly(ms("2026-11-08T18:00"), ms("2026-11-08T19:00"));
        }
    }

    @Test
    void shouldRefuseABadDateAMissingOneAndAWrongKey() throws Exception {
        for (String bad : List.of("2026-13-01", "28-12-2026", "2026-02-30", "tomorrow", "")) {
            Reply reply = timings(bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.message()).as(bad).isEqualTo("Invalid date format. Use YYYY-MM-DD");
        }
        Reply far = timings("2051-01-03");
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.message()).isEqualTo("Date must be between 2020-01-01 and 2050-12-31");

        Reply missing = api.post("market/timings", Map.of("apikey", KEY));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("message").toString())
                .isEqualTo("{\"date\":[\"Missing data for required field.\"]}");
        Reply number = api.post("market/timings", Map.of("apikey", KEY, "date", 20261228));
        assertThat(number.status()).isEqualTo(400);
        Reply unknown = api.post("market/timings", Map.of("apikey", KEY, "date", "2026-12-28", "year", 2026));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("message").toString()).isEqualTo("{\"year\":[\"Unknown field.\"]}");

        Reply wrongKey = api.post("market/timings", Map.of("apikey", "not-the-key", "date", "2026-12-28"));
        assertThat(wrongKey.status()).isEqualTo(403);
        assertThat(wrongKey.message()).isEqualTo("Invalid openalgo apikey");
    }

    private static Reply timings(String date) throws Exception {
        return api.post("market/timings", JSON.writeValueAsString(Map.of("apikey", KEY, "date", date)),
                Duration.ofSeconds(10));
    }

    private static JsonNode day(Reply reply, String date) {
        for (JsonNode day : reply.data()) {
            if (day.path("date").asText().equals(date)) {
                return day;
            }
        }
        throw new AssertionError("no " + date + " in " + reply.body());
    }

    private static List<String> exchanges(JsonNode windows) {
        List<String> names = new ArrayList<>();
        windows.forEach(w -> names.add(w.path("exchange").asText()));
        return names;
    }

    private static List<Long> window(Reply reply, String exchange) {
        for (JsonNode w : reply.data()) {
            if (w.path("exchange").asText().equals(exchange)) {
                return List.of(w.path("start_time").asLong(), w.path("end_time").asLong());
            }
        }
        throw new AssertionError("no " + exchange + " in " + reply.body());
    }

    /** Epoch milliseconds of a wall-clock time in India. */
    private static long ms(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(IST).toInstant().toEpochMilli();
    }
}
