package io.optionchain.simulator.market;

/**
 * A copy of one instrument's market state at one tick, in the units the wire uses: prices in paise,
 * quantities in units (not lots), times in epoch milliseconds. Mutable and reused: the tick publisher owns
 * one and overwrites it every tick; a REST request fills a fresh one.
 */
public final class MarketSnapshot {
    public static final int LEVELS = 5;

    // All fields written by IndexState.copyTo / OptionState.copyTo under the state's lock.
    public SimulatedSymbol symbol;
    public long ltp;
    public long lastTradeMillis;
    public long timestampMillis;
    /** Ticks of this instrument so far: two snapshots with the same sequence show the same book. */
    public long sequence;
    public long open;
    public long high;
    public long low;
    public long prevClose;
    public long volume;
    public long lastQuantity;
    public long averagePrice;
    public long totalBuyQuantity;
    public long totalSellQuantity;
    /** Indices carry no open interest, and their frames leave the key out, as broker feeds do. */
    public boolean hasOi;
    public long oi;
    public long upperCircuit;
    public long lowerCircuit;
    public final long[] bidPrice = new long[LEVELS];
    public final long[] bidQuantity = new long[LEVELS];
    public final int[] bidOrders = new int[LEVELS];
    public final long[] askPrice = new long[LEVELS];
    public final long[] askQuantity = new long[LEVELS];
    public final int[] askOrders = new int[LEVELS];

    /** The part every instrument writes alike, index or option: which tick of what, and its day's prices. */
    void prices(SimulatedSymbol of, long tickSequence, long nowMillis, long lastTrade, long last, long dayOpen,
                long dayHigh, long dayLow, long previousClose) {
        symbol = of;
        sequence = tickSequence;
        timestampMillis = nowMillis;
        lastTradeMillis = lastTrade;
        ltp = last;
        open = dayOpen;
        high = dayHigh;
        low = dayLow;
        prevClose = previousClose;
    }

    /** Makes this an exact copy of {@code from}, arrays included, without allocating. */
    public void copyFrom(MarketSnapshot from) {
        symbol = from.symbol;
        ltp = from.ltp;
        lastTradeMillis = from.lastTradeMillis;
        timestampMillis = from.timestampMillis;
        sequence = from.sequence;
        open = from.open;
        high = from.high;
        low = from.low;
        prevClose = from.prevClose;
        volume = from.volume;
        lastQuantity = from.lastQuantity;
        averagePrice = from.averagePrice;
        totalBuyQuantity = from.totalBuyQuantity;
        totalSellQuantity = from.totalSellQuantity;
        hasOi = from.hasOi;
        oi = from.oi;
        upperCircuit = from.upperCircuit;
        lowerCircuit = from.lowerCircuit;
        System.arraycopy(from.bidPrice, 0, bidPrice, 0, LEVELS);
        System.arraycopy(from.bidQuantity, 0, bidQuantity, 0, LEVELS);
        System.arraycopy(from.bidOrders, 0, bidOrders, 0, LEVELS);
        System.arraycopy(from.askPrice, 0, askPrice, 0, LEVELS);
        System.arraycopy(from.askQuantity, 0, askQuantity, 0, LEVELS);
        System.arraycopy(from.askOrders, 0, askOrders, 0, LEVELS);
    }

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
    public void clearBest() {
        bidPrice[0] = 0;
        bidQuantity[0] = 0;
        bidOrders[0] = 0;
        askPrice[0] = 0;
        askQuantity[0] = 0;
        askOrders[0] = 0;
    }
}
