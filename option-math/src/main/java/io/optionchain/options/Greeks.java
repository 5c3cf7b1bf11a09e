package io.optionchain.options;

/**
 * The five Black-76 Greeks of one option, in the units of OpenAlgo's {@code optiongreeks} (py_vollib's): a
 * holder the caller owns and hands to {@link Black76#greeks} again and again, so computing Greeks allocates
 * nothing. Every value is NaN where no Greek exists (no time left, no volatility).
 */
public final class Greeks {
    private double delta = Double.NaN;
    private double gamma = Double.NaN;
    private double theta = Double.NaN;
    private double vega = Double.NaN;
    private double rho = Double.NaN;

    /** Change in premium per unit rise of the forward: e^(−rT)·N(d1) for a call, −e^(−rT)·N(−d1) for a put. */
    public double delta() {
        return delta;
    }

    /** Change in delta per unit rise of the forward, the same for a call and a put. */
    public double gamma() {
        return gamma;
    }

    /** Change in premium as one calendar day passes (a year is 365 of them); negative while time decays it. */
    public double theta() {
        return theta;
    }

    /** Change in premium per volatility point (σ up by 0.01). */
    public double vega() {
        return vega;
    }

    /** Change in premium per 1 % rise of the rate, the forward held: −T × premium / 100. */
    public double rho() {
        return rho;
    }

    void set(double newDelta, double newGamma, double newTheta, double newVega, double newRho) {
        delta = newDelta;
        gamma = newGamma;
        theta = newTheta;
        vega = newVega;
        rho = newRho;
    }

    @Override
    public String toString() {
        return "delta=" + delta + " gamma=" + gamma + " theta=" + theta + " vega=" + vega + " rho=" + rho;
    }
}
