package io.optionchain.options;

/**
 * The naive twin of {@link Black76#greeks}: the textbook formulas for a call and for a put written out step by
 * step (Hull, "Options, Futures, and Other Derivatives", Black's model; units as py_vollib's
 * {@code black.greeks.analytical}), on a normal distribution computed another way than
 * {@link StandardNormal}'s: Marsaglia's Taylor series near the centre and Laplace's continued fraction for the
 * tails. Slow and plain, so a mistake in the fast one's shortcuts (the shared sign, the split exponent, Cody's
 * coefficients) shows as a disagreement.
 */
final class NaiveBlack76 {
    /** Where the series hands over to the continued fraction; both are good to ~1e-15 there. */
    private static final double SERIES_LIMIT = 3.0;
    private static final int FRACTION_TERMS = 2_000;

    private NaiveBlack76() {
    }

    /** delta, gamma, theta (per day), vega (per vol point), rho (per 1 %), in that order. */
    static double[] greeks(boolean call, double f, double k, double t, double sigma, double r) {
        double d1 = (Math.log(f / k) + (sigma * sigma / 2) * t) / (sigma * Math.sqrt(t));
        double d2 = d1 - sigma * Math.sqrt(t);
        double df = Math.exp(-r * t);
        double delta;
        double theta;
        double price;
        if (call) {
            price = df * (f * cdf(d1) - k * cdf(d2));
            delta = df * cdf(d1);
            theta = (-f * df * pdf(d1) * sigma / (2 * Math.sqrt(t)) + r * f * df * cdf(d1) - r * k * df * cdf(d2))
                    / 365;
        } else {
            price = df * (k * cdf(-d2) - f * cdf(-d1));
            delta = -df * cdf(-d1);
            theta = (-f * df * pdf(d1) * sigma / (2 * Math.sqrt(t)) - r * f * df * cdf(-d1) + r * k * df * cdf(-d2))
                    / 365;
        }
        double gamma = df * pdf(d1) / (f * sigma * Math.sqrt(t));
        double vega = f * df * pdf(d1) * Math.sqrt(t) / 100;
        double rho = -t * price / 100;
        return new double[] {delta, gamma, theta, vega, rho};
    }

    static double pdf(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    static double cdf(double x) {
        if (x <= -SERIES_LIMIT) {
            return lowerTail(-x);
        }
        if (x >= SERIES_LIMIT) {
            return 1 - lowerTail(x);
        }
        // Marsaglia (2004): Φ(x) = 1/2 + φ(x)·(x + x³/3 + x⁵/(3·5) + …), every term the same sign
        double term = x;
        double sum = x;
        for (int n = 1; n < 500; n++) {
            term *= x * x / (2 * n + 1);
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
        }
        return 0.5 + pdf(x) * sum;
    }

    /** Φ(−z) for z ≥ 3: φ(z)/(z + 1/(z + 2/(z + 3/(z + …)))), evaluated from the far end. */
    private static double lowerTail(double z) {
        double fraction = z;
        for (int n = FRACTION_TERMS; n >= 1; n--) {
            fraction = z + n / fraction;
        }
        return pdf(z) / fraction;
    }
}
