package io.optionchain.engine.state;

import io.optionchain.engine.tick.TickEvent;

/**
 * The last {@link #KEPT} ticks {@link ChainStore} applied to each instrument, so that a copy arriving after newer
 * ticks of its instrument is still known for a copy. Two sockets are read by two threads, and the second copy of
 * tick A may reach the ring after ticks B, C… that share A's exchange time (ltt moves on trades only): compared
 * with the stored quote alone, A's copy would look new and put the older book back. A reader that starts cold, or
 * is descheduled on a busy machine, falls several ticks behind its twin, hence sixteen.
 *
 * <p>A tick is kept as its exchange time, its feed-server time and a 64-bit fingerprint of the field groups and
 * every value it carries (depth: the level counts and the levels held). A copy matches all three. Two different
 * ticks of one instrument with the same exchange time and the same server millisecond would both have to share a
 * fingerprint to be mistaken for each other: a chance of about one in 10^19.
 *
 * <p>Three longs a tick in one array per instrument, allocated on its first applied tick and then overwritten in
 * place, so remembering and matching allocate nothing. The chain-state writer's alone; never persisted.
 */
final class AppliedTicks {
    /** Ticks kept per instrument. */
    static final int KEPT = 16;

    private static final int EXCHANGE = 0;
    private static final int SERVER = 1;
    private static final int FINGERPRINT = 2;
    private static final int SLOT = 3;
    /** Odd, so a lane's multiply-add by it is one-to-one modulo 2^64. */
    private static final long M = 0x9E3779B97F4A7C15L;

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
            // an empty slot holds exchange time 0, which no tick it is compared with carries
            kept = new long[KEPT * SLOT];
            ticks[id] = kept;
        }
        int at = next[id] * SLOT;
        next[id] = (next[id] + 1) % KEPT;
        lastServerMillis[id] = tick.serverTimeMillis;
        kept[at + EXCHANGE] = tick.exchangeTimeMillis;
        kept[at + SERVER] = tick.serverTimeMillis;
        kept[at + FINGERPRINT] = fingerprint(tick);
    }

    /** Whether a kept tick of the instrument had the same exchange time, server time and fingerprint. */
    boolean holdsCopyOf(TickEvent tick) {
        int id = tick.instrumentId;
        long[] kept = id < 0 || id >= ticks.length ? null : ticks[id];
        if (kept == null) {
            return false;
        }
        long fingerprint = 0;
        for (int at = 0; at < kept.length; at += SLOT) {
            if (kept[at + EXCHANGE] == tick.exchangeTimeMillis && kept[at + SERVER] == tick.serverTimeMillis) {
                if (fingerprint == 0) {
                    fingerprint = fingerprint(tick);
                }
                if (kept[at + FINGERPRINT] == fingerprint) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Feed-server time of the instrument's last applied tick; Long.MIN_VALUE, which no tick carries, if unknown. */
    long lastServerMillis(int instrumentId) {
        return instrumentId >= 0 && instrumentId < lastServerMillis.length ? lastServerMillis[instrumentId]
                : Long.MIN_VALUE;
    }

    /**
     * The field groups a tick carries and their values, mixed; never 0, which marks "not yet computed". Three
     * polynomial lanes (the quote, the bids, the asks) run side by side, so the CPU is not kept waiting on one long
     * chain of multiplies, and MurmurHash3's finaliser mixes them at the end. Within a lane, values that differ in
     * one place never collide (the multiplier is odd, so multiplying by its powers loses nothing modulo 2^64).
     */
    static long fingerprint(TickEvent tick) {
        long quote = 0x243F6A8885A308D3L + tick.fields;
        if (tick.has(TickEvent.LTP)) {
            quote = quote * M + bits(tick.ltp);
        }
        if (tick.has(TickEvent.OHLC)) {
            quote = (((quote * M + bits(tick.open)) * M + bits(tick.high)) * M + bits(tick.low)) * M
                    + bits(tick.close);
        }
        if (tick.has(TickEvent.VOLUME)) {
            quote = quote * M + tick.volume;
        }
        if (tick.has(TickEvent.OI)) {
            quote = quote * M + tick.oi;
        }
        if (tick.has(TickEvent.LAST_QUANTITY)) {
            quote = quote * M + tick.lastQuantity;
        }
        if (tick.has(TickEvent.AVERAGE_PRICE)) {
            quote = quote * M + bits(tick.averagePrice);
        }
        if (tick.has(TickEvent.TOTALS)) {
            quote = (quote * M + tick.totalBuyQuantity) * M + tick.totalSellQuantity;
        }
        long bids = 0x13198A2E03707344L;
        long asks = 0xA4093822299F31D0L;
        if (tick.has(TickEvent.DEPTH)) {
            bids = bids * M + tick.bidLevels;
            asks = asks * M + tick.askLevels;
            for (int i = 0; i < Math.min(tick.bidLevels, TickEvent.DEPTH_LEVELS); i++) {
                bids = ((bids * M + bits(tick.bidPrice[i])) * M + tick.bidQuantity[i]) * M + tick.bidOrders[i];
            }
            for (int i = 0; i < Math.min(tick.askLevels, TickEvent.DEPTH_LEVELS); i++) {
                asks = ((asks * M + bits(tick.askPrice[i])) * M + tick.askQuantity[i]) * M + tick.askOrders[i];
            }
        }
        long h = finalise(finalise(quote) + bids * M + Long.rotateLeft(asks, 29));
        return h == 0 ? 1 : h;
    }

    /** 0.0 and -0.0 alike, as {@code ==} has them; a NaN's bits as they are. */
    private static long bits(double value) {
        return value == 0 ? 0 : Double.doubleToRawLongBits(value);
    }

    /** MurmurHash3's 64-bit finaliser: every input bit reaches every output bit. */
    private static long finalise(long x) {
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        x ^= x >>> 33;
        return x;
    }
}
