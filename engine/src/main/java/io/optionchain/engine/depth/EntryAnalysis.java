package io.optionchain.engine.depth;

/**
 * The seed's {@code analyze_entry_opportunity}: from the spread and the depth, whether to enter now, wait, or
 * wait for a tighter spread, and at what price. The seed's rules, made explicit for both directions:
 * ENTER_NOW when the spread is under the tight threshold, the liquidity score above the high one and the
 * visible depth fills the order, at the touch (ask to buy, bid to sell); WAIT_FOR_TIGHTER_SPREAD when the
 * spread is over the wide threshold, at the mid; otherwise WAIT, with no price.
 *
 * @param spreadPercent  spread / LTP × 100
 * @param suggestedPrice the limit to use, null with WAIT
 * @param reason         one sentence a person can act on
 */
public record EntryAnalysis(String symbol, OrderAction action, long quantity, Double bid, Double ask, Double ltp,
                            Double spread, Double spreadPercent, SpreadBand spreadBand, int liquidityScore,
                            boolean fullyFillable, EntryRecommendation recommendation, Double suggestedPrice,
                            String reason) {

    public static EntryAnalysis of(String symbol, OrderAction action, long quantity, int lotSize, DepthBook book,
                                   ExecutionThresholds thresholds) {
        Double bid = book.bid();
        Double ask = book.ask();
        Double spread = bid != null && ask != null ? round2(ask - bid) : null;
        Double spreadPercent = ExecutionThresholds.spreadPercent(bid, ask, book.ltp());
        SpreadBand band = thresholds.band(spreadPercent);
        int score = book.liquidityScore(lotSize, thresholds.fullScoreLots());
        boolean fillable = book.estimate(symbol, action, quantity, lotSize).fullyFillable();

        EntryRecommendation recommendation = EntryRecommendation.WAIT;
        Double price = null;
        String reason;
        if (spreadPercent == null) {
            reason = "no two-sided quote with a last price yet";
        } else if (spreadPercent < thresholds.tightSpreadPercent() && score > thresholds.highLiquidityScore()
                && fillable) {
            recommendation = EntryRecommendation.ENTER_NOW;
            price = action == OrderAction.BUY ? ask : bid;
            reason = "tight spread and a deep book: take the " + (action == OrderAction.BUY ? "ask" : "bid");
        } else if (spreadPercent > thresholds.wideSpreadPercent()) {
            recommendation = EntryRecommendation.WAIT_FOR_TIGHTER_SPREAD;
            price = round2((bid + ask) / 2);
            reason = "spread is wide: wait, or rest a limit at the mid";
        } else if (!fillable) {
            reason = "the visible depth does not fill " + quantity + " units";
        } else if (score <= thresholds.highLiquidityScore()) {
            reason = "liquidity score " + score + " is not above " + thresholds.highLiquidityScore();
        } else {
            reason = "spread is not tight yet";
        }
        return new EntryAnalysis(symbol, action, quantity, bid, ask, book.ltp(), spread, spreadPercent, band, score,
                fillable, recommendation, price, reason);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
