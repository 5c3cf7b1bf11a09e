package io.optionchain.engine.chain;

/**
 * Chain-wide figures over the window. Ratios are null where their denominator is zero or unknown.
 *
 * @param pcr       total PE OI / total CE OI
 * @param pcrVolume total PE volume / total CE volume
 * @param maxPain   the strike at which option holders would be paid the least at expiry
 * @param ivSkew    mean IV of the 5 nearest OTM puts over that of the 5 nearest OTM calls
 */
public record MarketMetrics(long totalCeVolume, long totalPeVolume, long totalCeOi, long totalPeOi,
                            Double pcr, Double pcrVolume, Double maxPain, Double ivSkew) {
}
