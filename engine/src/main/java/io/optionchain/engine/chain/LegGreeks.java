package io.optionchain.engine.chain;

/**
 * A leg's Black-76 Greeks, from its IV on the snapshot's {@link PricingInputs}, in the units of OpenAlgo's
 * {@code optiongreeks}. A leg without an IV has none (null), never zeros.
 *
 * @param delta change in premium per unit rise of the forward
 * @param gamma change in delta per unit rise of the forward
 * @param theta change in premium as one calendar day passes
 * @param vega  change in premium per volatility point
 * @param rho   change in premium per 1 % rise of the rate, the forward held
 */
public record LegGreeks(double delta, double gamma, double theta, double vega, double rho) {
}
