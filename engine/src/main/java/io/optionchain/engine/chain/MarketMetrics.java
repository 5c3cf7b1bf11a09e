package io.optionchain.engine.chain;

/**
 * Chain-wide figures over the window. A figure is null where what it needs is not known (a zero denominator, a
 * one-sided ATM quote, no IV, no OI change yet): never 0 in its place.
 *
 * @param pcr             total PE OI / total CE OI
 * @param pcrVolume       total PE volume / total CE volume
 * @param maxPain         the strike at which option holders would be paid the least at expiry
 * @param ivSkew          mean IV of the 5 nearest OTM puts over that of the 5 nearest OTM calls
 * @param atmIv           mean of the ATM call's and put's IVs (a fraction), or the one that has an IV
 * @param straddle        ATM call mid + ATM put mid
 * @param straddleChange  the straddle less the same two legs' previous closes
 * @param syntheticFuture ATM strike + call mid − put mid
 * @param gex             net gamma exposure: the sum of the rows' {@link ChainRow#gex}
 * @param totalOiChange   the sum of the legs' OI changes today
 * @param oiChangeSince   what those changes are measured from
 */
public record MarketMetrics(long totalCeVolume, long totalPeVolume, long totalCeOi, long totalPeOi,
                            Double pcr, Double pcrVolume, Double maxPain, Double ivSkew,
                            Double atmIv, Double straddle, Double straddleChange, Double syntheticFuture,
                            Double gex, Long totalOiChange, OiChangeBasis oiChangeSince) {
}
