package io.optionchain.options;

/**
 * Black-76 prices and implied volatility of European options on a forward, the model OpenAlgo's
 * option-greeks service uses. Pure functions; no allocation.
 */
public final class Black76 {
    private static final double SQRT_2 = Math.sqrt(2.0);
    private static final double MIN_VOL = 1e-4;
    private static final double MAX_VOL = 5.0;

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

    /** Standard normal cumulative distribution (Abramowitz-Stegun 7.1.26 on erf, error below 1.5e-7). */
    public static double cdf(double x) {
        return 0.5 * (1.0 + erf(x / SQRT_2));
    }

    private static double erf(double x) {
        double sign = x < 0 ? -1 : 1;
        double a = Math.abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * a);
        double y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-a * a);
        return sign * y;
    }
}
