package io.optionchain.web.config;

import io.optionchain.engine.market.TradingHours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The exchange's session for a real OpenAlgo feed (the embedded simulator never closes).
 *
 * @param timezone the exchange's zone, e.g. Asia/Kolkata
 * @param open     session start, "HH:MM"
 * @param close    session end, "HH:MM"
 * @param holidays exchange holidays, "YYYY-MM-DD"
 */
public record TradingHoursConfig(String timezone, String open, String close, List<String> holidays) {

    public TradingHoursConfig {
        tradingHours(timezone, open, close, holidays);
    }

    public TradingHours tradingHours() {
        return tradingHours(timezone, open, close, holidays);
    }

    private static TradingHours tradingHours(String timezone, String open, String close, List<String> holidays) {
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
        Set<LocalDate> days;
        try {
            days = holidays.stream().map(LocalDate::parse).collect(Collectors.toSet());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("holidays must be dates as YYYY-MM-DD, got '" + e.getParsedString() + "'");
        }
        return new TradingHours(zone, from, to, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), days);
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + " must be a time as HH:MM, got " + value);
        }
    }
}
