package io.optionchain.options;

/**
 * Black-76 prices, implied volatility and Greeks of European options on a forward, the model OpenAlgo's
 * option-greeks service uses. Pure functions; no allocation.
 */
public final class Black76 {
    private static final double MIN_VOL = 1e-4;
    private static final double MAX_VOL = 5.0;
    private static final double DAYS_PER_YEAR = 365.0;
    /** Vega per volatility point and rho per 1 % of rate, as OpenAlgo and py_vollib quote them. */
    private static final double PER_POINT = 0.01;

    private Black76() {
    }

    /**
     * @param call     true for a call (CE), false for a put (PE)
     * @param forward  forward price of the underlying
     * @param strike   option strike
     * @param years    time to expiry in years (days / 365)
     * @param vol      annualised volatility, e.g. 0.14
     * @param rate     continuously compounded rate, e.g. 0.0 (OpenAlgo's default)
     */
    public static double price(boolean call, double forward, double strike, double years, double vol, double rate) {
        double discount = Math.exp(-rate * years);
        if (years <= 0 || vol <= 0) {
            double intrinsic = call ? forward - strike : strike - forward;
            return discount * Math.max(0, intrinsic);
        }
        double sd = vol * Math.sqrt(years);
        double d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
        double d2 = d1 - sd;
        return call
                ? discount * (forward * cdf(d1) - strike * cdf(d2))
                : discount * (strike * cdf(-d2) - forward * cdf(-d1));
    }

    /**
     * Implied volatility by bisection on the monotone price curve.
     *
     * @return the volatility that prices {@code premium}, or NaN where no volatility can (a premium at or
     *         below intrinsic value, or above the forward/strike bound)
     */
    public static double impliedVol(boolean call, double forward, double strike, double years, double premium,
                                    double rate) {
        if (!(premium > 0) || !(years > 0) || !(forward > 0) || !(strike > 0)) {
            return Double.NaN;
        }
        double low = MIN_VOL;
        double high = MAX_VOL;
        if (premium <= price(call, forward, strike, years, low, rate)
                || premium >= price(call, forward, strike, years, high, rate)) {
            return Double.NaN;
        }
        for (int i = 0; i < 100 && high - low > 1e-7; i++) {
            double mid = 0.5 * (low + high);
            if (price(call, forward, strike, years, mid, rate) < premium) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    /**
     * Delta, gamma, theta, vega and rho on the same forward, time and rate as {@link #price}, written into
     * {@code into}: delta and gamma per unit of the forward, theta per calendar day, vega per volatility point,
     * rho per 1 % of rate with the forward held (the forward already carries the carry, so only the discount
     * moves). Every Greek is NaN where the inputs give none: no time left, no volatility, a forward or strike
     * that is not positive.
     *
     * @return {@code into}
     */
    public static Greeks greeks(boolean call, double forward, double strike, double years, double vol, double rate,
                                Greeks into) {
        double rootYears = Math.sqrt(years);
        double sd = vol * rootYears;
        if (!(sd > 0) || !(forward > 0) || !(strike > 0) || Double.isInfinite(sd)) {
            into.set(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            return into;
        }
        double d1 = (Math.log(forward / strike) + 0.5 * sd * sd) / sd;
        double d2 = d1 - sd;
        double sign = call ? 1 : -1;
        double discount = Math.exp(-rate * years);
        double cdfD1 = StandardNormal.cdf(sign * d1);
        double cdfD2 = StandardNormal.cdf(sign * d2);
        double premium = sign * discount * (forward * cdfD1 - strike * cdfD2);
        double density = discount * StandardNormal.pdf(d1);
        double decayPerYear = -forward * density * vol / (2 * rootYears) + rate * premium;
        into.set(sign * discount * cdfD1,
                density / (forward * sd),
                decayPerYear / DAYS_PER_YEAR,
                forward * density * rootYears * PER_POINT,
                -years * premium * PER_POINT);
        return into;
    }

    /** Standard normal cumulative distribution ({@link StandardNormal#cdf}). */
    public static double cdf(double x) {
        return StandardNormal.cdf(x);
    }
}
