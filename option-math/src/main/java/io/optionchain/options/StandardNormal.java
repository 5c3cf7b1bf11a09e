package io.optionchain.options;

/**
 * The standard normal distribution that every Black-76 price, implied volatility and Greek reads: W. J. Cody's
 * rational Chebyshev approximations (ACM TOMS Algorithm 715, SPECFUN; the ones R's {@code pnorm} runs), good to
 * about one part in 10^15 relative in the lower tail and 10^-16 absolute everywhere, so a deep out-of-the-money
 * delta keeps its digits instead of the 1.5e-7 an erf polynomial leaves. Pure functions; no allocation.
 */
public final class StandardNormal {
    static final double INV_SQRT_2PI = 0.398942280401432677939946059934;
    /** Below this the lower tail is under the smallest double and reads 0 (above its mirror, 1). */
    private static final double UNDERFLOW = 37.5193;
    private static final double CENTRAL = 0.67448975;
    private static final double SQRT_32 = 5.656854249492380195206754896838;

    private static final double[] A = {
            2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249,
            0.065682337918207449113};
    private static final double[] B = {
            47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956};
    private static final double[] C = {
            0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226,
            2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218,
            1.0765576773720192317e-8};
    private static final double[] D = {
            22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755,
            18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727};
    private static final double[] P = {
            0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466,
            2.9112874951168792e-5, 0.02307344176494017303};
    private static final double[] Q = {
            1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244,
            7.29751555083966205e-5};

    private StandardNormal() {
    }

    /** P(Z ≤ x); NaN for NaN. */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double y = Math.abs(x);
        if (y <= CENTRAL) {
            double square = x * x;
            double numerator = A[4] * square;
            double denominator = square;
            for (int i = 0; i < 3; i++) {
                numerator = (numerator + A[i]) * square;
                denominator = (denominator + B[i]) * square;
            }
            return 0.5 + x * (numerator + A[3]) / (denominator + B[3]);
        }
        double tail;
        if (y <= SQRT_32) {
            double numerator = C[8] * y;
            double denominator = y;
            for (int i = 0; i < 7; i++) {
                numerator = (numerator + C[i]) * y;
                denominator = (denominator + D[i]) * y;
            }
            tail = density(y, (numerator + C[7]) / (denominator + D[7]));
        } else if (y < UNDERFLOW) {
            double inverseSquare = 1 / (y * y);
            double numerator = P[5] * inverseSquare;
            double denominator = inverseSquare;
            for (int i = 0; i < 4; i++) {
                numerator = (numerator + P[i]) * inverseSquare;
                denominator = (denominator + Q[i]) * inverseSquare;
            }
            double correction = inverseSquare * (numerator + P[4]) / (denominator + Q[4]);
            tail = density(y, (INV_SQRT_2PI - correction) / y);
        } else {
            tail = 0;
        }
        return x > 0 ? 1 - tail : tail;
    }

    /** The density exp(−x²/2)/√(2π); NaN for NaN. */
    public static double pdf(double x) {
        double y = Math.abs(x);
        return y < UNDERFLOW + 2 ? density(y, INV_SQRT_2PI) : y == y ? 0 : x; // past 39.5 it is under the smallest double
    }

    /**
     * exp(−y²/2) × {@code factor}, with y² split into a part exact in a double (y to 1/16) and a small rest: the
     * rounding of y² in one piece would cost the result y²/2 ulps (8e-14 relative at y = 38), the split about one.
     */
    private static double density(double y, double factor) {
        double whole = Math.floor(y * 16) / 16;
        double rest = (y - whole) * (y + whole);
        return Math.exp(-whole * whole * 0.5) * Math.exp(-rest * 0.5) * factor;
    }
}
