package io.optionchain.engine.depth;

import io.optionchain.engine.state.QuoteRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * One instrument's five-level book copied out of chain state, for questions asked off the hot path:
 * what a quantity would cost ({@link #estimate}), how deep the book is ({@link #liquidityScore}).
 * A copy, so a reader asks several questions of one consistent book while ticks move the real one.
 */
public final class DepthBook {
    public static final int LEVELS = 5;

    private final double ltp;
    private final double[] bidPrices = new double[LEVELS];
    private final long[] bidQuantities = new long[LEVELS];
    private final int[] bidOrders = new int[LEVELS];
    private final double[] askPrices = new double[LEVELS];
    private final long[] askQuantities = new long[LEVELS];
    private final int[] askOrders = new int[LEVELS];
    private final int bidLevels;
    private final int askLevels;
    private final long updatedMillis;

    private DepthBook(double ltp, int bidLevels, int askLevels, long updatedMillis) {
        this.ltp = ltp;
        this.bidLevels = Math.min(LEVELS, Math.max(0, bidLevels));
        this.askLevels = Math.min(LEVELS, Math.max(0, askLevels));
        this.updatedMillis = updatedMillis;
    }

    public static DepthBook of(QuoteRecord record) {
        DepthBook book = new DepthBook(record.getLtp(), record.getBidLevels(), record.getAskLevels(),
                record.getUpdatedMillis());
        for (int i = 0; i < book.bidLevels; i++) {
            book.bidPrices[i] = record.getBidPriceAt(i);
            book.bidQuantities[i] = record.getBidQuantityAt(i);
            book.bidOrders[i] = record.getBidOrdersAt(i);
        }
        for (int i = 0; i < book.askLevels; i++) {
            book.askPrices[i] = record.getAskPriceAt(i);
            book.askQuantities[i] = record.getAskQuantityAt(i);
            book.askOrders[i] = record.getAskOrdersAt(i);
        }
        return book;
    }

    /**
     * A book from levels already read, best first: a chain snapshot's leg carries its book this way. Levels past
     * {@link #LEVELS} are ignored; no levels give an empty side.
     */
    public static DepthBook of(double ltp, List<Level> bids, List<Level> asks, long updatedMillis) {
        DepthBook book = new DepthBook(ltp, bids.size(), asks.size(), updatedMillis);
        copy(bids, book.bidLevels, book.bidPrices, book.bidQuantities, book.bidOrders);
        copy(asks, book.askLevels, book.askPrices, book.askQuantities, book.askOrders);
        return book;
    }

    private static void copy(List<Level> from, int levels, double[] prices, long[] quantities, int[] orders) {
        for (int i = 0; i < levels; i++) {
            Level level = from.get(i);
            prices[i] = level.price();
            quantities[i] = level.quantity();
            orders[i] = level.orders();
        }
    }

    /**
     * Walks {@code quantity} units through the side {@code action} takes (asks for a buy, bids for a sell).
     *
     * @param lotSize units per lot, to express the quantity in lots
     */
    public ExecutionEstimate estimate(String symbol, OrderAction action, long quantity, int lotSize) {
        DepthWalk walk = new DepthWalk();
        if (action == OrderAction.BUY) {
            walk.walk(askPrices, askQuantities, askLevels, quantity);
        } else {
            walk.walk(bidPrices, bidQuantities, bidLevels, quantity);
        }
        return ExecutionEstimate.of(symbol, action, lotSize, walk);
    }

    /**
     * 0..100: units visible over five levels on the thinner side, as a share of {@code fullScoreLots} lots.
     * The thinner side, because an order placed now and undone later crosses both.
     */
    public int liquidityScore(int lotSize, int fullScoreLots) {
        long thinner = Math.min(visible(bidPrices, bidQuantities, bidLevels), visible(askPrices, askQuantities, askLevels));
        double share = (double) thinner / ((double) lotSize * fullScoreLots);
        return (int) Math.round(100 * Math.min(1.0, share));
    }

    private static long visible(double[] prices, long[] quantities, int levels) {
        long total = 0;
        for (int i = 0; i < levels && prices[i] > 0 && quantities[i] > 0; i++) {
            total += quantities[i];
        }
        return total;
    }

    /** Best bid, or null when the bid side is empty. */
    public Double bid() {
        return bidLevels > 0 && bidPrices[0] > 0 ? bidPrices[0] : null;
    }

    /** Best ask, or null when the ask side is empty. */
    public Double ask() {
        return askLevels > 0 && askPrices[0] > 0 ? askPrices[0] : null;
    }

    /** Last traded price, or null before the first trade. */
    public Double ltp() {
        return ltp > 0 ? ltp : null;
    }

    public List<Level> bids() {
        return levels(bidPrices, bidQuantities, bidOrders, bidLevels);
    }

    public List<Level> asks() {
        return levels(askPrices, askQuantities, askOrders, askLevels);
    }

    public long updatedMillis() {
        return updatedMillis;
    }

    private static List<Level> levels(double[] prices, long[] quantities, int[] orders, int count) {
        List<Level> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(new Level(prices[i], quantities[i], orders[i]));
        }
        return levels;
    }

    /** One price level, best first. */
    public record Level(double price, long quantity, int orders) {
    }
}
