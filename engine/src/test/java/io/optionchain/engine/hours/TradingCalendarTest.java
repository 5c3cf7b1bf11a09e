package io.optionchain.engine.hours;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TradingCalendarTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final TradingCalendar NSE = new TradingCalendar(nseLike());
    private static final TradingCalendar ALWAYS = new TradingCalendar(new TradingTemplate("always-open", IST,
            everyDay(DaySessions.normalOnly(SessionWindow.WHOLE_DAY)), List.of(), List.of()));

    @Test
    void shouldNameEverySessionAtItsExactMinuteOnANormalDay() {
        // Monday 28 December 2026
        assertSessions("2026-12-28",
                "08:59", MarketSession.CLOSED,
                "09:00", MarketSession.PRE_OPEN,
                "09:07:59.999999999", MarketSession.PRE_OPEN,
                "09:08", MarketSession.CLOSED,
                "09:14:59.999999999", MarketSession.CLOSED,
                "09:15", MarketSession.OPEN,
                "15:29:59.999999999", MarketSession.OPEN,
                "15:30", MarketSession.CLOSED,
                "15:40", MarketSession.POST_CLOSE,
                "15:59:59.999999999", MarketSession.POST_CLOSE,
                "16:00", MarketSession.CLOSED);
        assertThat(NSE.marketOpen(ist("2026-12-28T09:15"))).isTrue();
        assertThat(NSE.marketOpen(ist("2026-12-28T09:00"))).as("the pre-open shows prices but is not the market")
                .isFalse();
        assertThat(NSE.day(LocalDate.parse("2026-12-28"))).extracting(SessionPeriod::session)
                .containsExactly(MarketSession.PRE_OPEN, MarketSession.OPEN, MarketSession.POST_CLOSE);
    }

    @Test
    void shouldStayClosedAllWeekend() {
        for (String at : List.of("2026-12-26T00:00", "2026-12-26T09:15", "2026-12-26T12:00", "2026-12-27T09:00",
                "2026-12-27T23:59:59.999999999")) {
            assertThat(NSE.sessionAt(ist(at))).as(at).isEqualTo(MarketSession.CLOSED);
        }
        assertThat(NSE.day(LocalDate.parse("2026-12-26"))).isEmpty();
    }

    @Test
    void shouldCallATradingHolidayAHolidayAllDayAndTradeNormallyOnASettlementHoliday() {
        for (String at : List.of("2026-12-25T00:00", "2026-12-25T09:00", "2026-12-25T10:00", "2026-12-25T23:59")) {
            assertThat(NSE.sessionAt(ist(at))).as(at).isEqualTo(MarketSession.HOLIDAY);
        }
        assertThat(NSE.day(LocalDate.parse("2026-12-25"))).isEmpty();
        // Wednesday 30 December: only settlement is closed
        assertThat(NSE.sessionAt(ist("2026-12-30T09:00"))).isEqualTo(MarketSession.PRE_OPEN);
        assertThat(NSE.sessionAt(ist("2026-12-30T10:00"))).isEqualTo(MarketSession.OPEN);
        assertThat(NSE.sessionAt(ist("2026-12-30T17:00"))).isEqualTo(MarketSession.CLOSED);
    }

    @Test
    void shouldOpenASpecialSessionOnASundayOnlyInItsWindow() {
        // Sunday 8 November 2026, muhurat trading 18:00-19:00
        assertSessions("2026-11-08",
                "09:15", MarketSession.CLOSED,
                "17:59:59.999999999", MarketSession.CLOSED,
                "18:00", MarketSession.SPECIAL,
                "18:59:59.999999999", MarketSession.SPECIAL,
                "19:00", MarketSession.CLOSED);
        assertThat(NSE.marketOpen(ist("2026-11-08T18:30"))).isTrue();
    }

    @Test
    void shouldOpenASpecialSessionOnAHolidayAndCallTheRestOfTheDayAHoliday() {
        // Tuesday 20 October 2026: Dussehra, with an evening session
        assertSessions("2026-10-20",
                "09:15", MarketSession.HOLIDAY,
                "18:00", MarketSession.SPECIAL,
                "19:00", MarketSession.HOLIDAY);
        assertThat(NSE.day(LocalDate.parse("2026-10-20"))).extracting(SessionPeriod::session)
                .containsExactly(MarketSession.SPECIAL);
    }

    @Test
    void shouldFindTheNextOpenAcrossAWeekendAHolidayAndFromInsideASession() {
        assertThat(NSE.nextOpen(ist("2026-12-18T16:30"))).as("Friday evening: Monday")
                .contains(zoned("2026-12-21T09:15"));
        assertThat(NSE.nextOpen(ist("2026-12-24T16:30"))).as("Thursday evening, Christmas on Friday: Monday")
                .contains(zoned("2026-12-28T09:15"));
        assertThat(NSE.nextOpen(ist("2026-12-25T10:00"))).as("on the holiday").contains(zoned("2026-12-28T09:15"));
        assertThat(NSE.nextOpen(ist("2026-12-28T09:05"))).as("in the pre-open: today's")
                .contains(zoned("2026-12-28T09:15"));
        assertThat(NSE.nextOpen(ist("2026-12-28T09:15"))).as("at the open: tomorrow's")
                .contains(zoned("2026-12-29T09:15"));
        assertThat(NSE.nextOpen(ist("2026-12-28T10:00"))).as("in the session: tomorrow's")
                .contains(zoned("2026-12-29T09:15"));
        assertThat(NSE.nextOpen(ist("2026-11-07T12:00"))).as("Saturday before muhurat: the special session")
                .contains(zoned("2026-11-08T18:00"));
        assertThat(NSE.nextOpen(ist("2026-10-19T16:00"))).as("the eve of a holiday with an evening session")
                .contains(zoned("2026-10-20T18:00"));
        assertThat(NSE.nextOpen(ist("2026-12-28T09:15")).get().getOffset().getTotalSeconds())
                .as("in the exchange's zone").isEqualTo(5 * 3600 + 30 * 60);
    }

    @Test
    void shouldHaveNoNextOpenForAMarketThatNeverCloses() {
        assertThat(ALWAYS.nextOpen(ist("2026-12-28T10:00"))).isEmpty();
        assertThat(ALWAYS.sessionAt(ist("2026-12-27T00:00"))).isEqualTo(MarketSession.OPEN);
        assertThat(ALWAYS.sessionAt(ist("2026-12-26T23:59:59.999999999"))).isEqualTo(MarketSession.OPEN);
    }

    @Test
    void shouldWidenADaysActivityByTheLeadAndTheLag() {
        assertThat(NSE.withinActivity(ist("2026-12-28T08:54:59.999"), FIVE_MINUTES, FIVE_MINUTES)).isFalse();
        assertThat(NSE.withinActivity(ist("2026-12-28T08:55"), FIVE_MINUTES, FIVE_MINUTES)).isTrue();
        assertThat(NSE.withinActivity(ist("2026-12-28T09:10"), FIVE_MINUTES, FIVE_MINUTES))
                .as("between the pre-open and the open").isTrue();
        assertThat(NSE.withinActivity(ist("2026-12-28T16:04:59.999"), FIVE_MINUTES, FIVE_MINUTES)).isTrue();
        assertThat(NSE.withinActivity(ist("2026-12-28T16:05"), FIVE_MINUTES, FIVE_MINUTES)).isFalse();
        assertThat(NSE.withinActivity(ist("2026-12-28T08:59"), Duration.ZERO, Duration.ZERO)).isFalse();
        assertThat(NSE.withinActivity(ist("2026-12-26T10:00"), FIVE_MINUTES, FIVE_MINUTES)).as("Saturday").isFalse();
        assertThat(NSE.withinActivity(ist("2026-12-25T10:00"), FIVE_MINUTES, FIVE_MINUTES)).as("holiday").isFalse();
        assertThat(NSE.withinActivity(ist("2026-11-08T17:55"), FIVE_MINUTES, FIVE_MINUTES)).as("muhurat").isTrue();
        assertThat(NSE.withinActivity(ist("2026-11-08T19:05"), FIVE_MINUTES, FIVE_MINUTES)).isFalse();
        assertThat(ALWAYS.withinActivity(ist("2026-12-27T03:00"), FIVE_MINUTES, FIVE_MINUTES)).isTrue();
    }

    @Test
    void shouldAgreeWithTheNaiveTwinOnSeededTemplatesAndInstants() {
        List<ZoneId> zones = List.of(IST, ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Asia/Kathmandu"));
        Duration horizon = Duration.ofDays(21);
        int compared = 0;
        int opens = 0;
        for (int seed = 0; seed < 150; seed++) {
            Random random = new Random(seed);
            TradingTemplate template = randomTemplate(random, zones.get(random.nextInt(zones.size())));
            TradingCalendar fast = new TradingCalendar(template);
            NaiveCalendar naive = new NaiveCalendar(template);
            for (Instant at : interestingInstants(random, fast)) {
                assertThat(fast.sessionAt(at)).as("seed %d, %s at %s", seed, template, at)
                        .isEqualTo(naive.sessionAt(at));
                Optional<Instant> expected = naive.nextOpen(at, horizon);
                Optional<Instant> actual = fast.nextOpen(at).map(ZonedDateTime::toInstant);
                if (expected.isPresent()) {
                    assertThat(actual).as("seed %d, next open after %s of %s", seed, at, template).isEqualTo(expected);
                    opens++;
                } else {
                    assertThat(actual.filter(open -> open.isBefore(at.plus(horizon))))
                            .as("seed %d, no open within %s after %s of %s", seed, horizon, at, template).isEmpty();
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(3_000);
        assertThat(opens).as("most instants have an open within the horizon").isGreaterThan(compared / 2);
    }

    /** Session boundaries and a nanosecond either side, in the test's three months, and random instants. */
    private static List<Instant> interestingInstants(Random random, TradingCalendar calendar) {
        LocalDate first = LocalDate.of(2026, 1, 1);
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            LocalDate date = first.plusDays(random.nextInt(90));
            for (SessionPeriod period : calendar.day(date)) {
                for (ZonedDateTime boundary : List.of(period.start(), period.end())) {
                    Instant at = boundary.toInstant();
                    instants.add(at);
                    instants.add(at.minusNanos(1));
                    instants.add(at.plusNanos(1));
                }
            }
        }
        for (int i = 0; i < 10; i++) {
            instants.add(first.atStartOfDay(calendar.zone()).toInstant()
                    .plusSeconds(random.nextInt(90 * 86_400)).plusNanos(random.nextInt(1_000_000_000)));
        }
        return instants;
    }

    /**
     * A template a person might write: some weekdays trading (sometimes none, sometimes round the clock), with
     * optional pre-open and post-close, holidays of both kinds and special sessions on any kind of date.
     */
    private static TradingTemplate randomTemplate(Random random, ZoneId zone) {
        Map<DayOfWeek, DaySessions> weekdays = new EnumMap<>(DayOfWeek.class);
        double tradingChance = random.nextInt(10) == 0 ? 0 : 0.3 + random.nextDouble() * 0.7;
        for (DayOfWeek day : DayOfWeek.values()) {
            if (random.nextDouble() < tradingChance) {
                weekdays.put(day, randomDay(random));
            }
        }
        LocalDate first = LocalDate.of(2026, 1, 1);
        List<Holiday> holidays = new ArrayList<>();
        Set<LocalDate> taken = new HashSet<>();
        for (int i = random.nextInt(12); i > 0; i--) {
            LocalDate date = first.plusDays(random.nextInt(100));
            if (taken.add(date)) {
                HolidayType type = random.nextInt(4) == 0 ? HolidayType.SETTLEMENT_HOLIDAY : HolidayType.TRADING_HOLIDAY;
                holidays.add(new Holiday(date, "h" + i, type, HolidaySource.TEMPLATE));
            }
        }
        List<SpecialSession> specials = new ArrayList<>();
        taken.clear();
        for (int i = random.nextInt(5); i > 0; i--) {
            // half of them on a holiday's date, so a special session over a holiday is common
            LocalDate date = !holidays.isEmpty() && random.nextBoolean()
                    ? holidays.get(random.nextInt(holidays.size())).date() : first.plusDays(random.nextInt(100));
            if (taken.add(date)) {
                int start = random.nextInt(23 * 60);
                int end = start + 1 + random.nextInt(24 * 60 - start);
                specials.add(new SpecialSession(date, "s" + i, new SessionWindow(minute(start), minute(end))));
            }
        }
        return new TradingTemplate("random", zone, weekdays, holidays, specials);
    }

    /** Up to three sessions in order, on minutes, sometimes touching each other or midnight. */
    private static DaySessions randomDay(Random random) {
        if (random.nextInt(8) == 0) {
            return DaySessions.normalOnly(SessionWindow.WHOLE_DAY);
        }
        int[] cuts = new int[6];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = random.nextInt(24 * 60 + 1);
        }
        java.util.Arrays.sort(cuts);
        for (int i = 1; i < cuts.length; i++) {
            if (cuts[i] <= cuts[i - 1]) {
                cuts[i] = cuts[i - 1] + 1;      // strictly increasing; beyond midnight is dropped below
            }
        }
        if (random.nextInt(4) == 0) {
            cuts[2] = cuts[1];                  // the pre-open ends as the normal market starts
        }
        if (random.nextInt(4) == 0) {
            cuts[4] = cuts[3];                  // the post-close starts as the normal market ends
        }
        boolean pre = random.nextBoolean() && cuts[1] < cuts[2];
        boolean post = random.nextBoolean() && cuts[4] < cuts[5] && cuts[5] <= 24 * 60;
        int normalEnd = Math.min(cuts[3], 24 * 60);
        if (normalEnd <= cuts[2]) {
            return DaySessions.normalOnly(SessionWindow.WHOLE_DAY);
        }
        SessionWindow normal = new SessionWindow(minute(cuts[2]), minute(normalEnd));
        if (normal.endsAtMidnight()) {
            post = false;
        }
        return new DaySessions(pre ? new SessionWindow(minute(cuts[0]), minute(cuts[1])) : null, normal,
                post ? new SessionWindow(minute(cuts[4]), minute(cuts[5])) : null);
    }

    private static LocalTime minute(int minuteOfDay) {
        return minuteOfDay >= 24 * 60 ? LocalTime.MIDNIGHT : LocalTime.of(minuteOfDay / 60, minuteOfDay % 60);
    }

    /** NSE F&amp;O's week with a Christmas holiday, a settlement holiday, muhurat on a Sunday and a holiday's evening. */
    private static TradingTemplate nseLike() {
        DaySessions day = new DaySessions(window("09:00", "09:08"), window("09:15", "15:30"), window("15:40", "16:00"));
        Map<DayOfWeek, DaySessions> weekdays = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekdays.put(d, day);
        }
        return new TradingTemplate("nse-fo", IST, weekdays,
                List.of(new Holiday(LocalDate.parse("2026-12-25"), "Christmas", HolidayType.TRADING_HOLIDAY,
                                HolidaySource.TEMPLATE),
                        new Holiday(LocalDate.parse("2026-12-30"), "Settlement only", HolidayType.SETTLEMENT_HOLIDAY,
                                HolidaySource.TEMPLATE),
                        new Holiday(LocalDate.parse("2026-10-20"), "Dussehra", HolidayType.TRADING_HOLIDAY,
                                HolidaySource.TEMPLATE)),
                List.of(new SpecialSession(LocalDate.parse("2026-11-08"), "Muhurat trading", window("18:00", "19:00")),
                        new SpecialSession(LocalDate.parse("2026-10-20"), "Evening session", window("18:00", "19:00"))));
    }

    private static Map<DayOfWeek, DaySessions> everyDay(DaySessions sessions) {
        Map<DayOfWeek, DaySessions> weekdays = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            weekdays.put(d, sessions);
        }
        return weekdays;
    }

    private static SessionWindow window(String start, String end) {
        return new SessionWindow(LocalTime.parse(start), LocalTime.parse(end));
    }

    private static void assertSessions(String date, Object... timesAndSessions) {
        for (int i = 0; i < timesAndSessions.length; i += 2) {
            String at = date + "T" + timesAndSessions[i];
            assertThat(NSE.sessionAt(ist(at))).as(at).isEqualTo(timesAndSessions[i + 1]);
        }
    }

    private static Instant ist(String local) {
        return zoned(local).toInstant();
    }

    private static ZonedDateTime zoned(String local) {
        return java.time.LocalDateTime.parse(local).atZone(IST);
    }
}
