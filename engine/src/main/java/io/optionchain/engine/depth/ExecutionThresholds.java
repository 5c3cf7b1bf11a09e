package io.optionchain.engine.depth;

/**
 * Where the seed draws its lines for spreads and liquidity, shared by the page's colours and the entry analysis.
 *
 * @param tightSpreadPercent spread / LTP × 100 below this is tight (the seed enters below 0.5)
 * @param wideSpreadPercent  above this is wide (the seed waits for a tighter spread above 2)
 * @param fullScoreLots      lots visible over five levels on the thinner side that score 100
 * @param highLiquidityScore a score above this is deep enough to enter now (the seed's 80)
 * @param lowLiquidityScore  a score below this is thin (marked red on the page)
 */
public record ExecutionThresholds(double tightSpreadPercent, double wideSpreadPercent, int fullScoreLots,
                                  int highLiquidityScore, int lowLiquidityScore) {

    public ExecutionThresholds {
        if (!(tightSpreadPercent > 0) || !(wideSpreadPercent > tightSpreadPercent)) {
            throw new IllegalArgumentException("spread thresholds must satisfy 0 < tight < wide, got tight "
                    + tightSpreadPercent + " and wide " + wideSpreadPercent);
        }
        if (fullScoreLots < 1) {
            throw new IllegalArgumentException("full-score lots must be positive, got " + fullScoreLots);
        }
        if (lowLiquidityScore < 0 || highLiquidityScore > 100 || lowLiquidityScore >= highLiquidityScore) {
            throw new IllegalArgumentException("liquidity scores must satisfy 0 <= low < high <= 100, got low "
                    + lowLiquidityScore + " and high " + highLiquidityScore);
        }
    }

    /** The seed's figures: tight below 0.5 %, wide above 2 %, enter above a score of 80. */
    public static ExecutionThresholds seed() {
        return new ExecutionThresholds(0.5, 2.0, 100, 80, 20);
    }

    /** The band of a spread of {@code spreadPercent}; null when it is unknown. */
    public SpreadBand band(Double spreadPercent) {
        if (spreadPercent == null) {
            return null;
        }
        if (spreadPercent < tightSpreadPercent) {
            return SpreadBand.TIGHT;
        }
        return spreadPercent > wideSpreadPercent ? SpreadBand.WIDE : SpreadBand.NORMAL;
    }

    /** Spread over LTP in percent, the seed's {@code spread_percent}; null without a two-sided quote or a trade. */
    public static Double spreadPercent(Double bid, Double ask, Double ltp) {
        if (bid == null || ask == null || ltp == null || !(bid > 0) || !(ask > 0) || !(ltp > 0)) {
            return null;
        }
        return 100 * (ask - bid) / ltp;
    }
}
