package io.optionchain.engine.market;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Expiry dates as OpenAlgo's expiry endpoint spells them ({@code 25-NOV-25}) and the choice of which
 * ones are current: an expiry is live until the NSE close on its day (15:30 Asia/Kolkata).
 */
public final class ExpiryDates {
    public static final ZoneId EXCHANGE_ZONE = ZoneId.of("Asia/Kolkata");
    public static final LocalTime EXPIRY_CUTOFF = LocalTime.of(15, 30);

    private static final DateTimeFormatter WIRE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("dd-MMM-yy").toFormatter(Locale.ENGLISH);

    private ExpiryDates() {
    }

    /** @throws IllegalArgumentException naming the text when it is not DD-MMM-YY */
    public static LocalDate parse(String text) {
        try {
            return LocalDate.parse(text.trim(), WIRE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiry must look like 25-NOV-25, got '" + text + "'");
        }
    }

    public static String format(LocalDate expiry) {
        return expiry.format(WIRE).toUpperCase(Locale.ROOT);
    }

    /** The moment an expiry stops trading. */
    public static ZonedDateTime cutoff(LocalDate expiry) {
        return ZonedDateTime.of(expiry, EXPIRY_CUTOFF, EXCHANGE_ZONE);
    }

    /** The {@code count} nearest expiries still trading at {@code now}, ascending. */
    public static List<LocalDate> nearestUnexpired(Collection<LocalDate> expiries, ZonedDateTime now, int count) {
        List<LocalDate> live = new ArrayList<>();
        expiries.stream().distinct().sorted()
                .filter(expiry -> now.isBefore(cutoff(expiry)))
                .limit(count)
                .forEach(live::add);
        return live;
    }

    /** Years from {@code now} to the expiry cut-off on an ACT/365 basis, as OpenAlgo's greeks use; never negative. */
    public static double yearsToExpiry(LocalDate expiry, ZonedDateTime now) {
        return daysToExpiry(expiry, now) / 365.0;
    }

    /** Calendar days, fractional, from {@code now} to the expiry cut-off, to the second; never negative. */
    public static double daysToExpiry(LocalDate expiry, ZonedDateTime now) {
        double seconds = java.time.Duration.between(now, cutoff(expiry)).getSeconds();
        return Math.max(0, seconds / (24 * 3600));
    }
}
