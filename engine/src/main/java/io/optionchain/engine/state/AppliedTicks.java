package io.optionchain.engine.state;

import io.optionchain.engine.tick.TickEvent;

/**
 * The last {@link #KEPT} ticks {@link ChainStore} applied to each instrument, whole, so that a copy arriving after
 * a newer tick of its instrument is still known for a copy: two sockets read by two threads interleave, and the
 * second copy of tick A may reach the ring after tick B, which shares A's exchange time whenever no trade came
 * between them (ltt moves on trades only). Compared with the stored quote alone, A's copy would look new and put
 * the older book back.
 *
 * <p>Each instrument's ticks live in one array of longs, allocated on its first applied tick and then overwritten in
 * place, so remembering and matching allocate nothing. The chain-state writer's alone; never persisted.
 *
 * <pre>
 *   slot (SLOT longs): fields | exchange ms | server ms | ltp open high low close avg (double bits)
 *                      | volume oi lastQty totalBuy totalSell | bidLevels askLevels
 *                      | 5 x (bidPrice bidQty bidOrders askPrice askQty askOrders)
 * </pre>
 */
final class AppliedTicks {
    /** Ticks kept per instrument: a reader thread seldom falls more than a tick or two behind its twin. */
    static final int KEPT = 4;

    private static final int FIELDS = 0;
    private static final int EXCHANGE = 1;
    private static final int SERVER = 2;
    private static final int LTP = 3;
    private static final int OPEN = 4;
    private static final int HIGH = 5;
    private static final int LOW = 6;
    private static final int CLOSE = 7;
    private static final int AVERAGE = 8;
    private static final int VOLUME = 9;
    private static final int OI = 10;
    private static final int LAST_QUANTITY = 11;
    private static final int TOTAL_BUY = 12;
    private static final int TOTAL_SELL = 13;
    private static final int BID_LEVELS = 14;
    private static final int ASK_LEVELS = 15;
    private static final int LEVELS = 16;
    private static final int PER_LEVEL = 6;
    private static final int SLOT = LEVELS + PER_LEVEL * TickEvent.DEPTH_LEVELS;

    private final long[][] ticks;
    private final int[] next;
    private final long[] lastServerMillis;

    /** @param instruments highest instrument id + 1 this store will see; ticks of higher ids are not remembered */
    AppliedTicks(int instruments) {
        this.ticks = new long[instruments][];
        this.next = new int[instruments];
        this.lastServerMillis = new long[instruments];
    }

    /** Remembers a tick just applied, in place of the oldest kept. */
    void remember(TickEvent tick) {
        int id = tick.instrumentId;
        if (id < 0 || id >= ticks.length) {
            return;
        }
        long[] kept = ticks[id];
        if (kept == null) {
            kept = new long[KEPT * SLOT];
            // an empty slot holds exchange time 0, which no tick it is compared with carries
            ticks[id] = kept;
        }
        int at = next[id] * SLOT;
        next[id] = (next[id] + 1) % KEPT;
        lastServerMillis[id] = tick.serverTimeMillis;
        kept[at + FIELDS] = tick.fields;
        kept[at + EXCHANGE] = tick.exchangeTimeMillis;
        kept[at + SERVER] = tick.serverTimeMillis;
        kept[at + LTP] = Double.doubleToRawLongBits(tick.ltp);
        kept[at + OPEN] = Double.doubleToRawLongBits(tick.open);
        kept[at + HIGH] = Double.doubleToRawLongBits(tick.high);
        kept[at + LOW] = Double.doubleToRawLongBits(tick.low);
        kept[at + CLOSE] = Double.doubleToRawLongBits(tick.close);
        kept[at + AVERAGE] = Double.doubleToRawLongBits(tick.averagePrice);
        kept[at + VOLUME] = tick.volume;
        kept[at + OI] = tick.oi;
        kept[at + LAST_QUANTITY] = tick.lastQuantity;
        kept[at + TOTAL_BUY] = tick.totalBuyQuantity;
        kept[at + TOTAL_SELL] = tick.totalSellQuantity;
        kept[at + BID_LEVELS] = tick.bidLevels;
        kept[at + ASK_LEVELS] = tick.askLevels;
        for (int i = 0; i < TickEvent.DEPTH_LEVELS; i++) {
            int level = at + LEVELS + i * PER_LEVEL;
            kept[level] = Double.doubleToRawLongBits(tick.bidPrice[i]);
            kept[level + 1] = tick.bidQuantity[i];
            kept[level + 2] = tick.bidOrders[i];
            kept[level + 3] = Double.doubleToRawLongBits(tick.askPrice[i]);
            kept[level + 4] = tick.askQuantity[i];
            kept[level + 5] = tick.askOrders[i];
        }
    }

    /**
     * Whether a kept tick of the instrument carried the same field groups, the same exchange and server times and
     * the same value in every group carried (depth: the level counts and the levels held).
     */
    boolean holdsCopyOf(TickEvent tick) {
        int id = tick.instrumentId;
        long[] kept = id < 0 || id >= ticks.length ? null : ticks[id];
        if (kept == null) {
            return false;
        }
        for (int at = 0; at < kept.length; at += SLOT) {
            if (kept[at + EXCHANGE] == tick.exchangeTimeMillis && kept[at + SERVER] == tick.serverTimeMillis
                    && kept[at + FIELDS] == tick.fields && sameValues(kept, at, tick)) {
                return true;
            }
        }
        return false;
    }

    /** Feed-server time of the instrument's last applied tick; Long.MIN_VALUE, which no tick carries, if unknown. */
    long lastServerMillis(int instrumentId) {
        return instrumentId >= 0 && instrumentId < lastServerMillis.length ? lastServerMillis[instrumentId]
                : Long.MIN_VALUE;
    }

    private static boolean sameValues(long[] kept, int at, TickEvent tick) {
        if (tick.has(TickEvent.LTP) && !same(kept[at + LTP], tick.ltp)) {
            return false;
        }
        if (tick.has(TickEvent.OHLC) && !(same(kept[at + OPEN], tick.open) && same(kept[at + HIGH], tick.high)
                && same(kept[at + LOW], tick.low) && same(kept[at + CLOSE], tick.close))) {
            return false;
        }
        if ((tick.has(TickEvent.VOLUME) && kept[at + VOLUME] != tick.volume)
                || (tick.has(TickEvent.OI) && kept[at + OI] != tick.oi)
                || (tick.has(TickEvent.LAST_QUANTITY) && kept[at + LAST_QUANTITY] != tick.lastQuantity)
                || (tick.has(TickEvent.AVERAGE_PRICE) && !same(kept[at + AVERAGE], tick.averagePrice))
                || (tick.has(TickEvent.TOTALS) && (kept[at + TOTAL_BUY] != tick.totalBuyQuantity
                        || kept[at + TOTAL_SELL] != tick.totalSellQuantity))) {
            return false;
        }
        return !tick.has(TickEvent.DEPTH) || sameDepth(kept, at, tick);
    }

    private static boolean sameDepth(long[] kept, int at, TickEvent tick) {
        if (kept[at + BID_LEVELS] != tick.bidLevels || kept[at + ASK_LEVELS] != tick.askLevels) {
            return false;
        }
        for (int i = 0; i < Math.min(tick.bidLevels, TickEvent.DEPTH_LEVELS); i++) {
            int level = at + LEVELS + i * PER_LEVEL;
            if (!same(kept[level], tick.bidPrice[i]) || kept[level + 1] != tick.bidQuantity[i]
                    || kept[level + 2] != tick.bidOrders[i]) {
                return false;
            }
        }
        for (int i = 0; i < Math.min(tick.askLevels, TickEvent.DEPTH_LEVELS); i++) {
            int level = at + LEVELS + i * PER_LEVEL;
            if (!same(kept[level + 3], tick.askPrice[i]) || kept[level + 4] != tick.askQuantity[i]
                    || kept[level + 5] != tick.askOrders[i]) {
                return false;
            }
        }
        return true;
    }

    /** As {@code ==} on the doubles: a NaN is never the same. */
    private static boolean same(long bits, double value) {
        return Double.longBitsToDouble(bits) == value;
    }
}
