package io.optionchain.engine.market;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * OpenAlgo's option symbol: base + DDMMMYY + strike + CE/PE, e.g. {@code NIFTY25NOV2524500CE}.
 * A fractional strike keeps its decimals ({@code 292.5}); a whole one has no ".0".
 */
public final class OptionSymbol {
    private static final DateTimeFormatter SYMBOL_DATE = new DateTimeFormatterBuilder()
            .appendPattern("ddMMMyy").toFormatter(Locale.ENGLISH);

    private OptionSymbol() {
    }

    public static String of(String base, LocalDate expiry, double strike, OptionType type) {
        return base + expiry.format(SYMBOL_DATE).toUpperCase(Locale.ROOT) + strikeText(strike) + type.name();
    }

    public static String strikeText(double strike) {
        return BigDecimal.valueOf(strike).stripTrailingZeros().toPlainString();
    }
}
