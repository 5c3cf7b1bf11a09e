package io.optionchain.web.config;

/**
 * How the chain's analytics are computed.
 *
 * @param interestRate the rate, percent a year as OpenAlgo's {@code interest_rate}, that IVs and Greeks are
 *                     priced with (Black-76 discounts the premium by it; the forward already carries it): -10..50.
 *                     OpenAlgo defaults it to 0, and so do we, so our numbers match its chain's; the RBI repo rate
 *                     (about 6.5) moves theta and rho a little and IV less
 */
public record OptionChainSettings(double interestRate) {
    private static final double LOWEST = -10;
    private static final double HIGHEST = 50;

    public OptionChainSettings {
        if (!(interestRate >= LOWEST && interestRate <= HIGHEST)) {
            throw new IllegalArgumentException("interest_rate must be " + (int) LOWEST + ".." + (int) HIGHEST
                    + " (percent a year, as OpenAlgo's), got " + interestRate);
        }
    }

    /** What {@code config/application.yaml} ships, and what a file without the section gets: OpenAlgo's 0. */
    public static OptionChainSettings defaults() {
        return new OptionChainSettings(0);
    }
}
