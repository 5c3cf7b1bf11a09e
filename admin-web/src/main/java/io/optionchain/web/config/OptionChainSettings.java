package io.optionchain.web.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;

/**
 * How the chain's analytics are computed, and how long their day series are kept.
 *
 * @param interestRate the rate, percent a year as OpenAlgo's {@code interest_rate}, that IVs and Greeks are
 *                     priced with (Black-76 discounts the premium by it; the forward already carries it): -10..50.
 *                     OpenAlgo defaults it to 0, and so do we, so our numbers match its chain's; the RBI repo rate
 *                     (about 6.5) moves theta and rho a little and IV less
 * @param seriesDays   exchange days of each chain's day series kept in {@code DATA/series/}, today's included:
 *                     1..90, left out {@value #DEFAULT_SERIES_DAYS} (two trading weeks). A chain's day is at most
 *                     about 340 KB (2,000 points), a session's minutes about 60 KB; older days are deleted at start
 *                     and at midnight, and the history route answers at most this many days at once
 */
public record OptionChainSettings(double interestRate,
                                  @JacksonInject(value = ConfigLoader.LEFT_OUT, useInput = OptBoolean.TRUE)
                                  Integer seriesDays) {
    public static final int DEFAULT_SERIES_DAYS = 10;
    private static final double LOWEST = -10;
    private static final double HIGHEST = 50;
    private static final int MOST_SERIES_DAYS = 90;

    public OptionChainSettings {
        if (!(interestRate >= LOWEST && interestRate <= HIGHEST)) {
            throw new IllegalArgumentException("interest_rate must be " + (int) LOWEST + ".." + (int) HIGHEST
                    + " (percent a year, as OpenAlgo's), got " + interestRate);
        }
        seriesDays = seriesDays == null ? DEFAULT_SERIES_DAYS : seriesDays;
        if (seriesDays < 1 || seriesDays > MOST_SERIES_DAYS) {
            throw new IllegalArgumentException("series_days must be 1.." + MOST_SERIES_DAYS
                    + " (exchange days of chain series kept, today's included), got " + seriesDays);
        }
    }

    /** The given rate, the series kept {@value #DEFAULT_SERIES_DAYS} days. */
    public OptionChainSettings(double interestRate) {
        this(interestRate, null);
    }

    /** What {@code config/application.yaml} ships, and what a file without the section gets: OpenAlgo's 0. */
    public static OptionChainSettings defaults() {
        return new OptionChainSettings(0);
    }
}
