package io.optionchain.engine.hours;

import io.optionchain.engine.market.ExpiryDates;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When the exchange trades: one normal session on trading weekdays, in the exchange's zone, closed on
 * holidays. The feed uses it to tell a quiet market from a dead link: no tick for a while is alarming
 * only while the market is open.
 *
 * @param zone     the exchange's time zone (NSE: Asia/Kolkata)
 * @param open     session start, inclusive (NSE: 09:15)
 * @param close    session end, exclusive (NSE: 15:30)
 * @param days     trading weekdays (NSE: Monday..Friday)
 * @param holidays exchange holidays on which no session runs
 */
public record TradingHours(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days, Set<LocalDate> holidays) {

    public TradingHours {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("open must be before close, got " + open + ".." + close);
        }
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        holidays = Set.copyOf(holidays);
    }

    /** NSE's normal session, Monday to Friday 09:15–15:30 IST, with the given holidays. */
    public static TradingHours nse(Set<LocalDate> holidays) {
        return new TradingHours(ExpiryDates.EXCHANGE_ZONE, LocalTime.of(9, 15), LocalTime.of(15, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), holidays);
    }

    /** A market that never closes, as the embedded simulator's. */
    public static TradingHours always() {
        return new TradingHours(ExpiryDates.EXCHANGE_ZONE, LocalTime.MIN, LocalTime.MAX,
                EnumSet.allOf(DayOfWeek.class), Set.of());
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !holidays.contains(local.toLocalDate())
                && !time.isBefore(open) && (time.isBefore(close) || close.equals(LocalTime.MAX));
    }
}
