package io.optionchain.engine.exits;

import io.optionchain.engine.hours.DaySessions;
import io.optionchain.engine.hours.SpecialSession;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.hours.TradingTemplate;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.stops.LivePosition;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When each open position squares off: the first moment after it opened at its own {@code square_off_at} or its
 * strategy's (whichever comes first), in the exchange's zone. On a shortened day (a special session of the
 * trading-hours template that closes before the weekday's normal close) the time moves earlier by as much as the
 * close does, so 15:15 on a day that closes at 13:00 instead of 15:30 is 12:45: the square-off keeps its distance
 * from the close, and never falls after it. Read on the exit executor's thread every sweep, so a template changed
 * or a strategy's time set later counts from the next sweep.
 */
public final class SquareOffTimes {
    private final Supplier<TradingCalendar> calendar;
    private volatile Map<String, LocalTime> strategies = Map.of();

    /** @param calendar the template as it now stands; null to take the times as given on every day */
    public SquareOffTimes(Supplier<TradingCalendar> calendar) {
        this.calendar = calendar;
    }

    /** Each strategy's square-off time, replacing those set before. */
    public void strategies(Map<String, LocalTime> times) {
        strategies = Map.copyOf(times);
    }

    /** When {@code position} squares off (epoch ms); {@code Long.MAX_VALUE} when neither it nor its strategy has a time. */
    public long dueMillis(LivePosition position) {
        long own = dueMillis(position.rules.squareOffAt(), position.openedMillis);
        LocalTime strategy = strategies.get(position.strategy);
        return strategy == null ? own : Math.min(own, dueMillis(strategy, position.openedMillis));
    }

    /** The first moment at {@code time} of day (moved on a shortened day) after {@code openedMillis}. */
    long dueMillis(LocalTime time, long openedMillis) {
        if (time == null) {
            return Long.MAX_VALUE;
        }
        ZonedDateTime opened = Instant.ofEpochMilli(openedMillis).atZone(ExpiryDates.EXCHANGE_ZONE);
        LocalDate date = opened.toLocalDate();
        ZonedDateTime due = date.atTime(on(date, time)).atZone(ExpiryDates.EXCHANGE_ZONE);
        if (!due.isAfter(opened)) {
            LocalDate next = date.plusDays(1);
            due = next.atTime(on(next, time)).atZone(ExpiryDates.EXCHANGE_ZONE);
        }
        return due.toInstant().toEpochMilli();
    }

    /** {@code time} as it stands on {@code date}: earlier by as much as a shortened day's close is. */
    LocalTime on(LocalDate date, LocalTime time) {
        TradingCalendar current = calendar == null ? null : calendar.get();
        if (current == null) {
            return time;
        }
        TradingTemplate template = current.template();
        Optional<SpecialSession> special = template.specialSession(date);
        Optional<LocalTime> regular = regularClose(template, date.getDayOfWeek());
        if (special.isEmpty() || regular.isEmpty() || special.get().normal().endsAtMidnight()
                || !special.get().normal().end().isBefore(regular.get())) {
            return time;
        }
        Duration earlier = Duration.between(special.get().normal().end(), regular.get());
        long seconds = time.toSecondOfDay() - earlier.toSeconds();
        return seconds <= 0 ? LocalTime.MIDNIGHT : LocalTime.ofSecondOfDay(seconds);
    }

    /** The weekday's normal close; for a weekend's special session, the first weekday's that trades. */
    private static Optional<LocalTime> regularClose(TradingTemplate template, DayOfWeek day) {
        DaySessions sessions = template.weekdays().get(day);
        for (int i = 0; sessions == null && i < 5; i++) {
            sessions = template.weekdays().get(DayOfWeek.MONDAY.plus(i));
        }
        return sessions == null || sessions.normal().endsAtMidnight() ? Optional.empty()
                : Optional.of(sessions.normal().end());
    }
}
