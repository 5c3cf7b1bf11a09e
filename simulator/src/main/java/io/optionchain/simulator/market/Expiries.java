package io.optionchain.simulator.market;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The listed expiry calendar: NIFTY options every Tuesday (the next eight) plus three monthlies, BANKNIFTY
 * and all index futures the last Tuesday of the next three months. Holidays are not modelled. An expiry
 * stays listed until the close on its day, 15:30 Asia/Kolkata.
 */
public final class Expiries {
    public static final ZoneId EXCHANGE_ZONE = ZoneId.of("Asia/Kolkata");
    static final LocalTime CUTOFF = LocalTime.of(15, 30);
    static final int WEEKLY_COUNT = 8;
    static final int MONTHLY_COUNT = 3;

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("dd-MMM-yy", Locale.ENGLISH);
    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private Expiries() {
    }

    static List<LocalDate> options(SimulatedIndex index, Instant now) {
        TreeSet<LocalDate> dates = new TreeSet<>(monthlies(now));
        if (index.weekly) {
            LocalDate tuesday = today(now).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
            if (!isLive(tuesday, now)) {
                tuesday = tuesday.plusWeeks(1);
            }
            Stream.iterate(tuesday, d -> d.plusWeeks(1)).limit(WEEKLY_COUNT).forEach(dates::add);
        }
        return List.copyOf(dates);
    }

    static List<LocalDate> futures(Instant now) {
        return monthlies(now);
    }

    public static boolean isLive(LocalDate expiry, Instant now) {
        return now.isBefore(cutoff(expiry).toInstant());
    }

    /** ACT/365 years to the cut-off, as OpenAlgo's greeks count them; zero once expired. */
    static double yearsToExpiry(LocalDate expiry, Instant now) {
        Duration left = Duration.between(now, cutoff(expiry).toInstant());
        return Math.max(0.0, left.toMillis() / 1000.0 / SECONDS_PER_YEAR);
    }

    /** {@code 25-NOV-25}, the spelling of OpenAlgo's master contract and expiry endpoint. */
    public static String wire(LocalDate expiry) {
        return expiry.format(WIRE).toUpperCase(Locale.ROOT);
    }

    static LocalDate lastTuesday(YearMonth month) {
        return month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY));
    }

    private static List<LocalDate> monthlies(Instant now) {
        YearMonth month = YearMonth.from(today(now));
        List<LocalDate> out = new ArrayList<>(MONTHLY_COUNT);
        while (out.size() < MONTHLY_COUNT) {
            LocalDate expiry = lastTuesday(month);
            if (isLive(expiry, now)) {
                out.add(expiry);
            }
            month = month.plusMonths(1);
        }
        return out;
    }

    private static LocalDate today(Instant now) {
        return now.atZone(EXCHANGE_ZONE).toLocalDate();
    }

    private static ZonedDateTime cutoff(LocalDate expiry) {
        return ZonedDateTime.of(expiry, CUTOFF, EXCHANGE_ZONE);
    }
}
