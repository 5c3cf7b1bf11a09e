package io.optionchain.simulator.orders;

import io.optionchain.simulator.market.Paise;

/**
 * NSE's limit price protection (LPP) for index options, as the exchange applies it to a limit order on entry,
 * on modification and to a stop-loss limit order once triggered (circular NSE/FAOP/54242 of 28 October 2022):
 * around the contract's reference price, ±₹20 when it is ₹50 or less and ±40 % above; a buy above the high or a
 * sell below the low is rejected, "Order price is beyond LPP limit". The exchange's reference is the average trade
 * of the last 30 seconds; the simulator's is the contract's last trade. Whole paise, exact: no rounding decides
 * an edge.
 */
final class LimitPriceProtection {
    /** ₹20 in paise: the band's half-width up to a ₹50 reference. */
    private static final long ABSOLUTE_PAISE = 2_000;
    /** The band's half-width above it, in percent of the reference. */
    private static final long PERCENT = 40;

    private LimitPriceProtection() {
    }

    /**
     * The exchange's refusal of a limit {@code buy} (or sell) at {@code pricePaise} against a last trade of
     * {@code referencePaise}, or null when the price is inside the band (or there is no trade to draw it around).
     */
    static String refusal(boolean buy, long pricePaise, long referencePaise) {
        if (referencePaise <= 0 || pricePaise <= 0) {
            return null;
        }
        long beyond = buy ? pricePaise - referencePaise : referencePaise - pricePaise;
        // beyond > max(₹20, 40 % of the reference), in hundredths of a paisa so 40 % is exact
        if (beyond * 100 <= Math.max(ABSOLUTE_PAISE * 100, PERCENT * referencePaise)) {
            return null;
        }
        double half = Math.max(ABSOLUTE_PAISE, PERCENT * referencePaise / 100.0);
        double edge = buy ? referencePaise + half : referencePaise - half;
        return "Order price is beyond LPP limit: " + (buy ? "buy" : "sell") + " at " + Paise.toRupees(pricePaise)
                + (buy ? " above the high " : " below the low ") + Math.round(edge) / 100.0 + " around the last trade "
                + Paise.toRupees(referencePaise);
    }
}
