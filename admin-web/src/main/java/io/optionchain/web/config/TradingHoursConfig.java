package io.optionchain.web.config;

import io.optionchain.engine.hours.TradingHours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The exchange's session for a real OpenAlgo feed (the embedded simulator never closes).
 *
 * @param timezone the exchange's zone, e.g. Asia/Kolkata
 * @param open     session start, "HH:MM"
 * @param close    session end, "HH:MM"
 * @param days     trading weekdays, e.g. [MON, TUE, WED, THU, FRI]
 * @param holidays exchange holidays, "YYYY-MM-DD"
 */
public record TradingHoursConfig(String timezone, String open, String close, List<String> days,
                                 List<String> holidays) {

    public TradingHoursConfig {
        tradingHours(timezone, open, close, days, holidays);
    }

    public TradingHours tradingHours() {
        return tradingHours(timezone, open, close, days, holidays);
    }

    private static TradingHours tradingHours(String timezone, String open, String close, List<String> days,
                                             List<String> holidays) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timezone must be a zone id such as Asia/Kolkata, got " + timezone);
        }
        LocalTime from = time("open", open);
        LocalTime to = time("close", close);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("close must be after open, got " + open + ".." + close);
        }
        Set<LocalDate> closed;
        try {
            closed = holidays.stream().map(LocalDate::parse).collect(Collectors.toSet());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("holidays must be dates as YYYY-MM-DD, got '" + e.getParsedString() + "'");
        }
        Set<DayOfWeek> trading = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days) {
            trading.add(weekday(day));
        }
        if (trading.isEmpty()) {
            throw new IllegalArgumentException("days must list at least one weekday, e.g. [MON, TUE, WED, THU, FRI]");
        }
        return new TradingHours(zone, from, to, trading, closed);
    }

    private static DayOfWeek weekday(String day) {
        String name = day == null ? "" : day.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek weekday : DayOfWeek.values()) {
            if (weekday.name().equals(name) || weekday.name().substring(0, 3).equals(name)) {
                return weekday;
            }
        }
        throw new IllegalArgumentException("days must be weekdays such as MON or MONDAY, got '" + day + "'");
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " must be a time as HH:MM, got " + value);
        }
    }
}
