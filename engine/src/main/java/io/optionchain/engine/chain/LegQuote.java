package io.optionchain.engine.chain;

import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.market.OptionType;

import java.util.List;

/**
 * One leg (CE or PE) of a chain row as a reader sees it. Quote fields are null until the leg's
 * first tick; {@code iv} is null where no volatility prices the mid (no two-sided quote, or a mid
 * below intrinsic value), and {@code greeks} is null exactly where {@code iv} is. {@code close} is the previous
 * session's close as the feed gives it, null when not known; {@code oiChange} today's OI change, null until the
 * leg's first tick today.
 */
public record LegQuote(String symbol, OptionType type, String tag, Double ltp, Double bid, Double ask,
                       Long bidQty, Long askQty, Double spread, Long volume, Long oi, Double iv, LegGreeks greeks,
                       List<DepthLevel> bids, List<DepthLevel> asks, Long updatedMillis, Double close,
                       OiChange oiChange) {

    /** A leg as read out of chain state, before the snapshot's volatility step prices it. */
    public LegQuote(String symbol, OptionType type, String tag, Double ltp, Double bid, Double ask, Long bidQty,
                    Long askQty, Double spread, Long volume, Long oi, Double iv, List<DepthLevel> bids,
                    List<DepthLevel> asks, Long updatedMillis) {
        this(symbol, type, tag, ltp, bid, ask, bidQty, askQty, spread, volume, oi, iv, null, bids, asks,
                updatedMillis, null, null);
    }

    public static LegQuote unquoted(String symbol, OptionType type, String tag) {
        return new LegQuote(symbol, type, tag, null, null, null, null, null, null, null, null, null,
                List.of(), List.of(), null);
    }

    public boolean twoSided() {
        return twoSided(bid, ask);
    }

    public Double mid() {
        return mid(bid, ask);
    }

    /** The mid an IV is solved on: (bid + ask) / 2 of a two-sided book; null otherwise. */
    static Double mid(Double bid, Double ask) {
        return twoSided(bid, ask) ? (bid + ask) / 2 : null;
    }

    /** Both sides quoted above zero: what a mid, a spread and an IV need. */
    static boolean twoSided(Double bid, Double ask) {
        return bid != null && ask != null && bid > 0 && ask > 0;
    }

    public long oiOrZero() {
        return oi == null ? 0 : oi;
    }

    public long volumeOrZero() {
        return volume == null ? 0 : volume;
    }

    /** This leg with its IV (a fraction: 0.14 is 14 %) and the Greeks at that IV. */
    public LegQuote priced(double impliedVol, LegGreeks atImpliedVol) {
        return new LegQuote(symbol, type, tag, ltp, bid, ask, bidQty, askQty, spread, volume, oi, impliedVol,
                atImpliedVol, bids, asks, updatedMillis, close, oiChange);
    }

    /**
     * Today's change of open interest and what it is measured from.
     *
     * @param contracts OI now less the baseline, in the feed's units of OI
     */
    public record OiChange(long contracts, OiChangeBasis since) {
    }

    /** One price level of the five-level book. */
    public record DepthLevel(double price, long quantity, int orders) {
    }

    /** This leg's book, for walks and liquidity scores; an unquoted leg gives an empty book. */
    public DepthBook depthBook() {
        return DepthBook.of(ltp == null ? 0 : ltp, levels(bids), levels(asks),
                updatedMillis == null ? 0 : updatedMillis);
    }

    private static List<DepthBook.Level> levels(List<DepthLevel> side) {
        return side.stream().map(level -> new DepthBook.Level(level.price(), level.quantity(), level.orders())).toList();
    }
}
