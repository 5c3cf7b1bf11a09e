package io.optionchain.engine.tick;

import io.optionchain.engine.pipeline.Pipeline;

/**
 * One market-data tick as it travels the ring buffer: pre-allocated, reused, primitive fields only.
 *
 * <p>Written by the decoder on the feed's reader thread (into a scratch instance, then copied into a
 * claimed ring slot by {@link TickSink#offer}); read by every handler in {@link Pipeline} order. A field
 * carries a value only when its bit is set in {@link #fields}: an LTP-mode tick says nothing about the
 * book, and must not erase the bid and ask the last depth tick left.
 */
public final class TickEvent {
    public static final int DEPTH_LEVELS = 5;

    public static final int LTP = 1;
    public static final int OHLC = 1 << 1;
    public static final int VOLUME = 1 << 2;
    public static final int OI = 1 << 3;
    public static final int DEPTH = 1 << 4;
    public static final int LAST_QUANTITY = 1 << 5;
    public static final int AVERAGE_PRICE = 1 << 6;
    public static final int TOTALS = 1 << 7;

    /** Registry id of the instrument; never a symbol String on the hot path. */
    public int instrumentId = -1;
    /** Feed mode of the payload: 1 LTP, 2 Quote, 3 Depth. */
    public int mode;
    /** Bit set of the field groups this tick carries (constants above). */
    public int fields;

    public double ltp;
    public double open;
    public double high;
    public double low;
    /** Previous session's close. */
    public double close;
    public double averagePrice;
    public long volume;
    public long oi;
    public long lastQuantity;
    public long totalBuyQuantity;
    public long totalSellQuantity;
    /** Exchange time of the last trade, epoch milliseconds (the decoder normalises seconds). */
    public long exchangeTimeMillis;
    /** Feed server's send time, epoch milliseconds; 0 when absent. */
    public long serverTimeMillis;
    /** System.nanoTime() at which the frame arrived at the reader thread. */
    public long arrivalNanos;

    /** Number of valid levels in the bid arrays (0..5), best first. */
    public int bidLevels;
    public final double[] bidPrice = new double[DEPTH_LEVELS];
    public final long[] bidQuantity = new long[DEPTH_LEVELS];
    public final int[] bidOrders = new int[DEPTH_LEVELS];
    /** Number of valid levels in the ask arrays (0..5), best first. */
    public int askLevels;
    public final double[] askPrice = new double[DEPTH_LEVELS];
    public final long[] askQuantity = new long[DEPTH_LEVELS];
    public final int[] askOrders = new int[DEPTH_LEVELS];

    /**
     * Set by the chain-state stage when the tick was older than the stored quote and skipped: later stages
     * (the risk handler above all) must not act on it.
     */
    public boolean outOfOrder;
    /**
     * Set by the chain-state stage when the tick was a copy of the stored quote and skipped (a hot standby
     * socket's copy, a broker's resend): later stages must not act on it a second time.
     */
    public boolean duplicate;

    public boolean has(int field) {
        return (fields & field) != 0;
    }

    /** Whether the chain-state stage skipped this tick (out of order or a duplicate): later stages pass it by. */
    public boolean skipped() {
        return outOfOrder || duplicate;
    }

    public void clear() {
        instrumentId = -1;
        mode = 0;
        fields = 0;
        ltp = open = high = low = close = averagePrice = 0;
        volume = oi = lastQuantity = totalBuyQuantity = totalSellQuantity = 0;
        exchangeTimeMillis = serverTimeMillis = arrivalNanos = 0;
        bidLevels = askLevels = 0;
        outOfOrder = false;
        duplicate = false;
        for (int i = 0; i < DEPTH_LEVELS; i++) {
            bidPrice[i] = askPrice[i] = 0;
            bidQuantity[i] = askQuantity[i] = 0;
            bidOrders[i] = askOrders[i] = 0;
        }
    }

    public void copyFrom(TickEvent o) {
        instrumentId = o.instrumentId;
        mode = o.mode;
        fields = o.fields;
        ltp = o.ltp;
        open = o.open;
        high = o.high;
        low = o.low;
        close = o.close;
        averagePrice = o.averagePrice;
        volume = o.volume;
        oi = o.oi;
        lastQuantity = o.lastQuantity;
        totalBuyQuantity = o.totalBuyQuantity;
        totalSellQuantity = o.totalSellQuantity;
        exchangeTimeMillis = o.exchangeTimeMillis;
        serverTimeMillis = o.serverTimeMillis;
        arrivalNanos = o.arrivalNanos;
        bidLevels = o.bidLevels;
        askLevels = o.askLevels;
        outOfOrder = o.outOfOrder;
        duplicate = o.duplicate;
        System.arraycopy(o.bidPrice, 0, bidPrice, 0, DEPTH_LEVELS);
        System.arraycopy(o.bidQuantity, 0, bidQuantity, 0, DEPTH_LEVELS);
        System.arraycopy(o.bidOrders, 0, bidOrders, 0, DEPTH_LEVELS);
        System.arraycopy(o.askPrice, 0, askPrice, 0, DEPTH_LEVELS);
        System.arraycopy(o.askQuantity, 0, askQuantity, 0, DEPTH_LEVELS);
        System.arraycopy(o.askOrders, 0, askOrders, 0, DEPTH_LEVELS);
    }
}
