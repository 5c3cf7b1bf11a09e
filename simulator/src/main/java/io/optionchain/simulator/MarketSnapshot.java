package io.optionchain.simulator;

/**
 * A copy of one instrument's market state at one tick, in the units the wire uses: prices in paise,
 * quantities in units (not lots), times in epoch milliseconds. Mutable and reused: the tick publisher owns
 * one and overwrites it every tick; a REST request fills a fresh one.
 */
final class MarketSnapshot {
    static final int LEVELS = 5;

    // All fields written by IndexState.copyTo / OptionState.copyTo under the state's lock.
    SimulatedSymbol symbol;
    long ltp;
    long lastTradeMillis;
    long timestampMillis;
    long open;
    long high;
    long low;
    long prevClose;
    long volume;
    long lastQuantity;
    long averagePrice;
    long totalBuyQuantity;
    long totalSellQuantity;
    /** Indices carry no open interest, and their frames leave the key out, as broker feeds do. */
    boolean hasOi;
    long oi;
    long upperCircuit;
    long lowerCircuit;
    final long[] bidPrice = new long[LEVELS];
    final long[] bidQuantity = new long[LEVELS];
    final int[] bidOrders = new int[LEVELS];
    final long[] askPrice = new long[LEVELS];
    final long[] askQuantity = new long[LEVELS];
    final int[] askOrders = new int[LEVELS];

    /** Zero depth, as OpenAlgo sends for instruments without a book. */
    void clearDepth() {
        for (int i = 0; i < LEVELS; i++) {
            bidPrice[i] = 0;
            bidQuantity[i] = 0;
            bidOrders[i] = 0;
            askPrice[i] = 0;
            askQuantity[i] = 0;
            askOrders[i] = 0;
        }
    }

    /** No best bid or ask, price, size or orders: what a broker sends for a one-sided or empty book (a fault). */
    void clearBest() {
        bidPrice[0] = 0;
        bidQuantity[0] = 0;
        bidOrders[0] = 0;
        askPrice[0] = 0;
        askQuantity[0] = 0;
        askOrders[0] = 0;
    }
}
