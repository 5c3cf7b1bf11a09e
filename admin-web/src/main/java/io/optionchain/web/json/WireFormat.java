package io.optionchain.web.json;

import io.optionchain.engine.chain.OiChangeBasis;
import io.optionchain.engine.depth.SpreadBand;
import io.optionchain.engine.market.ContractSource;
import io.optionchain.engine.market.ExpiryDates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers and times print in every JSON body this package writes, so a price or a time reads the same in
 * the chain, the book, the status and the positions: times in the exchange's zone with its offset, unknown
 * values as null rather than 0.
 */
final class WireFormat {
    private WireFormat() {
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** A quote's price: two decimals, null while unknown. */
    static Double price(Double value) {
        return value == null ? null : round(value, 2);
    }

    /** Ratios (PCR, skew) carry four decimals: their interesting digits are small. */
    static Double ratio(Double value) {
        return value == null ? null : round(value, 4);
    }

    /**
     * Money the desk computed (P&amp;L, levels): half-up to the paisa on the decimal value, so 0.125 prints 0.13
     * as a broker's statement would; NaN (no mark yet) is null.
     */
    static Double money(Double value) {
        return value == null || value.isNaN() ? null
                : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** A spread band as the page's CSS classes name it; null when the spread is unknown. */
    static String band(SpreadBand band) {
        return band == null ? null : band.name().toLowerCase(Locale.ROOT);
    }

    /** Where contract data came from, as chain and status JSON say it: server, partial or fallback. */
    static String contractSource(ContractSource source) {
        return source.name().toLowerCase(Locale.ROOT);
    }

    /** An OI change's basis as the JSON names it: {@code previous_session}, {@code session_start} or {@code mixed}. */
    static String oiChangeSince(OiChangeBasis since) {
        return since == null ? null : since.name().toLowerCase(Locale.ROOT);
    }

    /** Whole strikes print as integers (24500, not 24500.0), as the seed shows them. */
    static Number strike(double strike) {
        return strike == Math.rint(strike) ? (Number) (long) strike : (Number) strike;
    }

    /** An epoch-millisecond time in the exchange's zone; 0 means never and prints null. */
    static String time(long epochMillis) {
        return epochMillis == 0 ? null : exchangeTime(epochMillis);
    }

    /** An epoch-millisecond time in the exchange's zone, 0 included (a recorded event always has a time). */
    static String exchangeTime(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ExpiryDates.EXCHANGE_ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static String time(ZonedDateTime at) {
        return at == null ? null : at.withZoneSameInstant(ExpiryDates.EXCHANGE_ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** When a stream event left the server, in UTC: the page measures its own lag with it. */
    static String sentAt(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
