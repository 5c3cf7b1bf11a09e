package io.optionchain.engine.hours;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TradingCalendar}'s twin for the differential test: the session read from the wall clock by the template's
 * rules as a person would apply them, and the next open found by walking forward a minute at a time. Slow and
 * obvious on purpose; it assumes a zone whose offsets are whole minutes and never change (no daylight saving), so
 * every session boundary falls on a minute.
 */
final class NaiveCalendar {
    private final TradingTemplate template;
    private final Map<LocalDate, Holiday> holidays = new HashMap<>();
    private final Map<LocalDate, SpecialSession> specials = new HashMap<>();

    NaiveCalendar(TradingTemplate template) {
        this.template = template;
        template.holidays().forEach(h -> holidays.put(h.date(), h));
        template.specialSessions().forEach(s -> specials.put(s.date(), s));
    }

    MarketSession sessionAt(Instant at) {
        ZonedDateTime local = at.atZone(template.zone());
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        boolean tradingHoliday = holidays.containsKey(date) && holidays.get(date).type() == HolidayType.TRADING_HOLIDAY;
        SpecialSession special = specials.get(date);
        if (special != null) {
            if (inside(special.normal(), time)) {
                return MarketSession.SPECIAL;
            }
            return tradingHoliday ? MarketSession.HOLIDAY : MarketSession.CLOSED;
        }
        if (tradingHoliday) {
            return MarketSession.HOLIDAY;
        }
        DaySessions day = template.weekdays().get(date.getDayOfWeek());
        if (day == null) {
            return MarketSession.CLOSED;
        }
        if (day.preOpen() != null && inside(day.preOpen(), time)) {
            return MarketSession.PRE_OPEN;
        }
        if (inside(day.normal(), time)) {
            return MarketSession.OPEN;
        }
        if (day.postClose() != null && inside(day.postClose(), time)) {
            return MarketSession.POST_CLOSE;
        }
        return MarketSession.CLOSED;
    }

    /** The first whole minute after {@code at}, within {@code horizon}, at which a closed market opens. */
    Optional<Instant> nextOpen(Instant at, Duration horizon) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant end = at.plus(horizon);
        boolean wasOpen = sessionAt(minute.minus(1, ChronoUnit.MINUTES)).marketOpen();
        for (; minute.isBefore(end); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            boolean open = sessionAt(minute).marketOpen();
            if (open && !wasOpen) {
                return Optional.of(minute);
            }
            wasOpen = open;
        }
        return Optional.empty();
    }

    private static boolean inside(SessionWindow window, LocalTime time) {
        boolean afterStart = time.compareTo(window.start()) >= 0;
        boolean beforeEnd = window.end().equals(LocalTime.MIDNIGHT) || time.compareTo(window.end()) < 0;
        return afterStart && beforeEnd;
    }
}
