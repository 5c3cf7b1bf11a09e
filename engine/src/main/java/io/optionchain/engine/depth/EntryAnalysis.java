package io.optionchain.engine.depth;

/**
 * The seed's {@code analyze_entry_opportunity}: from the spread and the depth, whether to enter now, wait, or
 * wait for a tighter spread, and at what price. The seed's rules, made explicit for both directions:
 * ENTER_NOW when the spread is under the tight threshold, the liquidity score above the high one and the
 * visible depth fills the order, at the touch (ask to buy, bid to sell); WAIT_FOR_TIGHTER_SPREAD when the
 * spread is over the wide threshold, at the mid snapped to the instrument's tick (down for a buy, up for a
 * sell, so the price is one the exchange accepts and never outside the spread); otherwise WAIT, with no price.
 *
 * @param spreadPercent  spread / LTP × 100
 * @param suggestedPrice the limit to use, null with WAIT
 * @param reason         one sentence a person can act on
 */
public record EntryAnalysis(String symbol, OrderAction action, long quantity, Double bid, Double ask, Double ltp,
                            Double spread, Double spreadPercent, SpreadBand spreadBand, int liquidityScore,
                            boolean fullyFillable, EntryRecommendation recommendation, Double suggestedPrice,
                            String reason) {

    /** NSE's price step for index options; the contract-data issue replaces it with the server's tick size. */
    public static final double NSE_OPTION_TICK = 0.05;

    public static EntryAnalysis of(String symbol, OrderAction action, long quantity, int lotSize, DepthBook book,
                                   ExecutionThresholds thresholds) {
        return of(symbol, action, quantity, lotSize, book, thresholds, NSE_OPTION_TICK);
    }

    /** @param tickSize the instrument's price step: a suggested price is always a whole number of them */
    public static EntryAnalysis of(String symbol, OrderAction action, long quantity, int lotSize, DepthBook book,
                                   ExecutionThresholds thresholds, double tickSize) {
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
            price = midOnTheTick(action, bid, ask, tickSize);
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

    /**
     * The mid in whole ticks, rounded towards the passive side: a buy rounds down, a sell up. Counted in ticks,
     * not rupees, so 0.05 / 0.10 gives 0.05 to buy and 0.10 to sell, never the 0.08 the exchange refuses.
     */
    public static double midOnTheTick(OrderAction action, double bid, double ask, double tickSize) {
        long bidTicks = Math.round(bid / tickSize);
        long askTicks = Math.round(ask / tickSize);
        long sum = bidTicks + askTicks;
        long ticks = action == OrderAction.BUY ? Math.floorDiv(sum, 2) : Math.floorDiv(sum + 1, 2);
        return round2(ticks * tickSize);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
