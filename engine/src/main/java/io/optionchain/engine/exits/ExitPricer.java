package io.optionchain.engine.exits;

import io.optionchain.engine.depth.DepthWalk;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.tick.TickEvent;

/**
 * Prices an exit as a marketable limit: sell at the best bid − buffer, buy at the best ask + buffer, on the
 * tick grid and rounded the marketable way (a sell down, a buy up). When the spread is wider than the
 * tolerance the touch says little about where the quantity fills, so the price starts instead from the
 * deepest level the whole quantity needs ({@link DepthWalk#worstPrice()}); when even the visible book cannot
 * fill it, from the deepest visible level (a re-price follows if it does not fill). The tick is the instrument's,
 * from its contract data, given with each price; the configured one prices where none is given.
 *
 * <p>Given the underlying's {@link PriceBand}, the price is then kept inside the exchange's limit price protection
 * band around the {@link #reference reference price}: a sell is never priced below the band's low, a buy never above
 * its high, since the exchange rejects such an order outright, and a rejected exit is no exit. A clamped exit may
 * rest behind the touch until the band (the trades) moves; the re-prices follow it there.
 *
 * <p>One instance per thread: it reuses its depth arrays and walker.
 */
public final class ExitPricer {
    private final double buffer;
    private final double spreadTolerance;
    private final double tickSize;
    private final DepthWalk walk = new DepthWalk();
    private final double[] prices = new double[TickEvent.DEPTH_LEVELS];
    private final long[] quantities = new long[TickEvent.DEPTH_LEVELS];

    public ExitPricer(RiskSettings settings) {
        this(settings.exitBuffer(), settings.spreadTolerance(), settings.tickSize());
    }

    public ExitPricer(double buffer, double spreadTolerance, double tickSize) {
        this.buffer = buffer;
        this.spreadTolerance = spreadTolerance;
        this.tickSize = tickSize;
    }

    /**
     * @param book chain-state record of the instrument
     * @return the limit price, or NaN when the side the order trades against is empty
     */
    public double price(OrderAction action, long quantity, QuoteRecord book) {
        return price(action, quantity, book, tickSize);
    }

    /**
     * @param book chain-state record of the instrument
     * @param tick the instrument's price step
     * @return the limit price, or NaN when the side the order trades against is empty
     */
    public double price(OrderAction action, long quantity, QuoteRecord book, double tick) {
        boolean sell = action == OrderAction.SELL;
        int levels = sell ? book.getBidLevels() : book.getAskLevels();
        levels = Math.min(levels, prices.length);
        for (int i = 0; i < levels; i++) {
            prices[i] = sell ? book.getBidPriceAt(i) : book.getAskPriceAt(i);
            quantities[i] = sell ? book.getBidQuantityAt(i) : book.getAskQuantityAt(i);
        }
        double bid = book.getBidLevels() > 0 ? book.getBidPriceAt(0) : 0;
        double ask = book.getAskLevels() > 0 ? book.getAskPriceAt(0) : 0;
        return price(action, quantity, bid, ask, prices, quantities, levels, tick);
    }

    /**
     * As above, then kept inside {@code band} around the book's {@link #reference reference price}.
     *
     * @param band the underlying's limit price protection band; null for none
     */
    public double price(OrderAction action, long quantity, QuoteRecord book, double tick, PriceBand band) {
        double price = price(action, quantity, book, tick);
        if (band == null) {
            return price;
        }
        double bid = book.getBidLevels() > 0 ? book.getBidPriceAt(0) : 0;
        double ask = book.getAskLevels() > 0 ? book.getAskPriceAt(0) : 0;
        return band.clamp(action == OrderAction.SELL, price, reference(action, book.getLtp(), bid, ask), tick);
    }

    /**
     * The price the exchange's band is drawn around, as far as the engine can see it: the last traded price (NSE's
     * reference is the average trade of the last 30 seconds, which the last trade follows closely), or, before any
     * trade is known, the touch the order trades against (the bid for a sell, the ask for a buy). 0 when neither is
     * known: no band is applied then.
     */
    public static double reference(OrderAction action, double ltp, double bid, double ask) {
        if (ltp > 0) {
            return ltp;
        }
        double touch = action == OrderAction.SELL ? bid : ask;
        return touch > 0 ? touch : 0;
    }

    /**
     * @param prices     the traded side's level prices, best first
     * @param quantities its level quantities
     * @param levels     levels present
     */
    public double price(OrderAction action, long quantity, double bid, double ask, double[] prices,
                        long[] quantities, int levels) {
        return price(action, quantity, bid, ask, prices, quantities, levels, tickSize);
    }

    /** As above, on the grid of {@code tick}, the instrument's price step. */
    public double price(OrderAction action, long quantity, double bid, double ask, double[] prices,
                        long[] quantities, int levels, double tick) {
        boolean sell = action == OrderAction.SELL;
        double touch = sell ? bid : ask;
        if (!(touch > 0)) {
            return Double.NaN;
        }
        double base = touch;
        boolean wide = !(bid > 0 && ask > 0) || ask - bid > spreadTolerance + 1e-9;
        if (wide && levels > 0) {
            walk.walk(prices, quantities, levels, quantity);
            if (walk.worstPrice() > 0) {
                base = walk.worstPrice();
            }
        }
        return sell ? Math.max(tick, down(base - buffer, tick)) : up(base + buffer, tick);
    }

    /** Price from the touch alone, for when no book is at hand (the quote that triggered). */
    public double priceAtTouch(OrderAction action, double bid, double ask) {
        return priceAtTouch(action, bid, ask, tickSize);
    }

    /** As above, on the grid of {@code tick}, the instrument's price step. */
    public double priceAtTouch(OrderAction action, double bid, double ask, double tick) {
        double touch = action == OrderAction.SELL ? bid : ask;
        if (!(touch > 0)) {
            return Double.NaN;
        }
        return action == OrderAction.SELL ? Math.max(tick, down(touch - buffer, tick)) : up(touch + buffer, tick);
    }

    /** As above, kept inside {@code band} around {@code ltp} (or, with none, the touch); a null band for none. */
    public double priceAtTouch(OrderAction action, double bid, double ask, double tick, PriceBand band, double ltp) {
        double price = priceAtTouch(action, bid, ask, tick);
        return band == null ? price
                : band.clamp(action == OrderAction.SELL, price, reference(action, ltp, bid, ask), tick);
    }

    private static double down(double price, double tick) {
        return clean(Math.floor(price / tick + 1e-9) * tick);
    }

    private static double up(double price, double tick) {
        return clean(Math.ceil(price / tick - 1e-9) * tick);
    }

    /** 123.45000000000002 to 123.45: tick multiples printed as the exchange writes them. */
    private static double clean(double price) {
        return Math.round(price * 1_000_000) / 1_000_000.0;
    }
}
