package io.optionchain.engine.hours;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers what a template means at an instant: the session, the day's plan, the next open, and whether the
 * feed should be connected or subscribed. Immutable, so the scheduler, the feed's silence alarm and the
 * admin API each read the one a template switch last published without locks.
 */
public final class TradingCalendar {
    /** How far ahead the next open is looked for: a template with no session in two years has none. */
    private static final int SEARCH_DAYS = 732;

    private final TradingTemplate template;

    public TradingCalendar(TradingTemplate template) {
        this.template = template;
    }

    public TradingTemplate template() {
        return template;
    }

    public ZoneId zone() {
        return template.zone();
    }

    public LocalDate date(Instant at) {
        return at.atZone(template.zone()).toLocalDate();
    }

    /**
     * The date's sessions in time order. A special session replaces the date's weekday sessions, a
     * weekend or a holiday; a trading holiday without one has none; a settlement holiday trades as usual.
     */
    public List<SessionPeriod> day(LocalDate date) {
        Optional<SpecialSession> special = template.specialSession(date);
        if (special.isPresent()) {
            return List.of(period(MarketSession.SPECIAL, date, special.get().normal()));
        }
        if (template.holiday(date).filter(Holiday::closesTrading).isPresent()) {
            return List.of();
        }
        DaySessions sessions = template.weekdays().get(date.getDayOfWeek());
        if (sessions == null) {
            return List.of();
        }
        List<SessionPeriod> periods = new ArrayList<>(3);
        for (DaySessions.Period p : sessions.periods()) {
            periods.add(period(p.session(), date, p.window()));
        }
        return periods;
    }

    public MarketSession sessionAt(Instant at) {
        LocalDate date = date(at);
        for (SessionPeriod period : day(date)) {
            if (contains(period, at)) {
                return period.session();
            }
        }
        return template.holiday(date).filter(Holiday::closesTrading).isPresent()
                ? MarketSession.HOLIDAY : MarketSession.CLOSED;
    }

    public boolean marketOpen(Instant at) {
        return sessionAt(at).marketOpen();
    }

    /**
     * The next start of a normal or special session after {@code at}; a start that only continues an open
     * market across midnight (a 24-hour template) is not an open. Empty when none comes within two years.
     */
    public Optional<ZonedDateTime> nextOpen(Instant at) {
        LocalDate date = date(at);
        for (int d = 0; d < SEARCH_DAYS; d++) {
            for (SessionPeriod period : day(date.plusDays(d))) {
                if (period.session().marketOpen() && period.start().toInstant().isAfter(at)
                        && !sessionAt(period.start().toInstant().minusNanos(1)).marketOpen()) {
                    return Optional.of(period.start());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code at} lies within a trading day's activity widened by {@code before} its first session
     * starts and {@code after} its last one ends: the span a feed should be connected (or, with no lead,
     * subscribed) for. Adjacent dates are looked at too, as a widened span can cross midnight.
     */
    public boolean withinActivity(Instant at, Duration before, Duration after) {
        LocalDate date = date(at);
        for (int d = -1; d <= 1; d++) {
            List<SessionPeriod> periods = day(date.plusDays(d));
            if (periods.isEmpty()) {
                continue;
            }
            Instant from = periods.get(0).start().toInstant().minus(before);
            Instant to = periods.get(periods.size() - 1).end().toInstant().plus(after);
            if (!at.isBefore(from) && at.isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(SessionPeriod period, Instant at) {
        return !at.isBefore(period.start().toInstant()) && at.isBefore(period.end().toInstant());
    }

    private SessionPeriod period(MarketSession session, LocalDate date, SessionWindow window) {
        ZonedDateTime start = date.atTime(window.start()).atZone(template.zone());
        ZonedDateTime end = window.endsAtMidnight()
                ? date.plusDays(1).atStartOfDay(template.zone())
                : date.atTime(window.end()).atZone(template.zone());
        return new SessionPeriod(session, start, end);
    }
}
