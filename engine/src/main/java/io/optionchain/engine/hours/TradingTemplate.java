package io.optionchain.engine.hours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One trading-hours template: a name, the exchange's zone, sessions per weekday (a weekday absent is not a
 * trading day), holidays by date and special sessions by date, and the exchange whose calendar a server's
 * holidays may override it with (null: none, as for a market that never closes). Holidays and special
 * sessions are kept sorted by date; a date appears at most once in each.
 */
public record TradingTemplate(String name, ZoneId zone, Map<DayOfWeek, DaySessions> weekdays,
                              List<Holiday> holidays, List<SpecialSession> specialSessions, String exchange) {

    /** Names become file names, so only these: a letter or digit first, then letters, digits, '-' and '_'. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public TradingTemplate {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be letters, digits, '-' or '_' (at most 64), got '" + name + "'");
        }
        Objects.requireNonNull(zone, "zone");
        EnumMap<DayOfWeek, DaySessions> days = new EnumMap<>(DayOfWeek.class);
        days.putAll(weekdays);
        weekdays = java.util.Collections.unmodifiableMap(days);
        holidays = sortedUnique(holidays, Holiday::date, "holiday");
        specialSessions = sortedUnique(specialSessions, SpecialSession::date, "special session");
    }

    /** A template that follows no exchange's published calendar. */
    public TradingTemplate(String name, ZoneId zone, Map<DayOfWeek, DaySessions> weekdays, List<Holiday> holidays,
                           List<SpecialSession> specialSessions) {
        this(name, zone, weekdays, holidays, specialSessions, null);
    }

    public Optional<Holiday> holiday(LocalDate date) {
        return holidays.stream().filter(h -> h.date().equals(date)).findFirst();
    }

    public Optional<SpecialSession> specialSession(LocalDate date) {
        return specialSessions.stream().filter(s -> s.date().equals(date)).findFirst();
    }

    public TradingTemplate withHolidays(Collection<Holiday> replaced) {
        return new TradingTemplate(name, zone, weekdays, List.copyOf(replaced), specialSessions, exchange);
    }

    public TradingTemplate withName(String newName) {
        return new TradingTemplate(newName, zone, weekdays, holidays, specialSessions, exchange);
    }

    /** This template with one holiday added or replaced on its date. */
    public TradingTemplate withHoliday(Holiday holiday) {
        Map<LocalDate, Holiday> byDate = byDate(holidays);
        byDate.put(holiday.date(), holiday);
        return withHolidays(byDate.values());
    }

    /** This template without the holiday on {@code date}; the same template when there was none. */
    public TradingTemplate withoutHoliday(LocalDate date) {
        Map<LocalDate, Holiday> byDate = byDate(holidays);
        byDate.remove(date);
        return withHolidays(byDate.values());
    }

    /**
     * The calendar a server's holidays make of this template: for every date the server lists, its entry
     * replaces the template's; dates it does not list keep the template's. A template that names no exchange
     * follows no server: it comes back unchanged. A server's special session is
     * a holiday record here only: its window is learnt from the timings call, not guessed.
     */
    public TradingTemplate mergedWith(Collection<Holiday> server) {
        if (exchange == null) {
            return this;
        }
        Map<LocalDate, Holiday> byDate = byDate(holidays);
        for (Holiday holiday : server) {
            byDate.put(holiday.date(), holiday.withSource(HolidaySource.OPENALGO));
        }
        return withHolidays(byDate.values());
    }

    /**
     * As {@link #mergedWith(Collection)}, and the server's special sessions (with the windows its timings gave)
     * replace the template's on their dates.
     */
    public TradingTemplate mergedWith(Collection<Holiday> server, Collection<SpecialSession> serverSessions) {
        if (exchange == null) {
            return this;
        }
        Map<LocalDate, SpecialSession> sessions = new LinkedHashMap<>();
        specialSessions.forEach(s -> sessions.put(s.date(), s));
        serverSessions.forEach(s -> sessions.put(s.date(), s));
        return new TradingTemplate(name, zone, weekdays, mergedWith(server).holidays(), List.copyOf(sessions.values()),
                exchange);
    }

    private static Map<LocalDate, Holiday> byDate(List<Holiday> holidays) {
        Map<LocalDate, Holiday> byDate = new LinkedHashMap<>();
        holidays.forEach(h -> byDate.put(h.date(), h));
        return byDate;
    }

    private static <T> List<T> sortedUnique(List<T> items, java.util.function.Function<T, LocalDate> date,
                                            String what) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(date));
        Set<LocalDate> seen = new HashSet<>();
        for (T item : sorted) {
            if (!seen.add(date.apply(item))) {
                throw new IllegalArgumentException("two " + what + "s on " + date.apply(item));
            }
        }
        return List.copyOf(sorted);
    }
}
