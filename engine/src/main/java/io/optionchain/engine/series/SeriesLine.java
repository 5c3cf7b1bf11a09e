package io.optionchain.engine.series;

import io.optionchain.engine.market.ExpiryDates;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The layout of a series file: plain CSV a person can read, one point a line, each line ended by a newline.
 *
 * <pre>
 * # option-chain day series v1: time,reason,index,atm,atm_iv,straddle,synthetic_future,pcr,pcr_volume,max_pain,total_oi_change
 * 2026-12-07T10:15:00.137+05:30,minute,24512.35,24500.0,0.1421,301.5,24503.1,0.93,1.02,24500.0,-1250
 * </pre>
 *
 * <p>Times are the exchange's, with their offset; an empty field is a value the chain did not know (null); doubles
 * are written as Java prints them, so they read back to the same bits. A line that does not parse (a torn tail
 * after a kill, damage) is not a point: {@link #decode} says so with null and the reader moves on.
 */
final class SeriesLine {
    /** The first line of every file; lines starting with {@code #} are not points. */
    static final String HEADER = "# option-chain day series v1: time,reason,index,atm,atm_iv,straddle,"
            + "synthetic_future,pcr,pcr_volume,max_pain,total_oi_change";
    private static final int FIELDS = 11;

    /** A point as its file holds it, with why it was taken. */
    record Entry(SeriesPoint point, PointReason reason) {
    }

    private SeriesLine() {
    }

    /** The point's line, newline included. */
    static String encode(SeriesPoint point, PointReason reason) {
        StringBuilder line = new StringBuilder(160);
        line.append(point.time().atZone(ExpiryDates.EXCHANGE_ZONE).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line.append(',').append(reason.name().toLowerCase(Locale.ROOT));
        number(line, point.index());
        number(line, point.atm());
        number(line, point.atmIv());
        number(line, point.straddle());
        number(line, point.syntheticFuture());
        number(line, point.pcr());
        number(line, point.pcrVolume());
        number(line, point.maxPain());
        line.append(',');
        if (point.totalOiChange() != null) {
            line.append(point.totalOiChange().longValue());
        }
        return line.append('\n').toString();
    }

    /** The entry a line (without its newline) holds, or null when it holds none: a comment, or not a point. */
    static Entry decode(String line) {
        if (line.isEmpty() || line.charAt(0) == '#') {
            return null;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            return null;
        }
        try {
            Instant time = OffsetDateTime.parse(fields[0], DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            PointReason reason = PointReason.valueOf(fields[1].toUpperCase(Locale.ROOT));
            Double atm = number(fields[3]);
            if (atm == null) {
                return null;
            }
            return new Entry(new SeriesPoint(time, number(fields[2]), atm, number(fields[4]), number(fields[5]),
                    number(fields[6]), number(fields[7]), number(fields[8]), number(fields[9]),
                    fields[10].isEmpty() ? null : Long.parseLong(fields[10])), reason);
        } catch (DateTimeException | IllegalArgumentException e) {
            return null; // NumberFormatException is one; so is an unknown reason
        }
    }

    private static void number(StringBuilder line, Double value) {
        line.append(',');
        if (value != null && Double.isFinite(value)) {
            line.append(value.doubleValue());
        }
    }

    private static Double number(String field) {
        if (field.isEmpty()) {
            return null;
        }
        double value = Double.parseDouble(field);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("not a finite number: " + field);
        }
        return value;
    }
}
