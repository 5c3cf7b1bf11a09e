package io.optionchain.engine.chain;

/**
 * What every IV and Greek of one snapshot is computed from, so a reader can compute each again: Black-76 with
 * the forward, the years {@code daysToExpiry / 365} and the rate {@code interestRate / 100}.
 *
 * @param forward      the synthetic future at ATM (strike + call mid − put mid, as OpenAlgo takes it), else the
 *                     index price; null when neither is known, and then no leg has an IV
 * @param daysToExpiry calendar days, fractional, from the snapshot's minute to 15:30 IST on expiry day; 0 once
 *                     it has passed
 * @param interestRate percent a year, as OpenAlgo's {@code interest_rate}
 */
public record PricingInputs(Double forward, double daysToExpiry, double interestRate) {
    public static final double DAYS_PER_YEAR = 365.0;

    public double years() {
        return daysToExpiry / DAYS_PER_YEAR;
    }

    /** The rate as a fraction, as the formulas take it. */
    public double rate() {
        return interestRate / 100;
    }
}
