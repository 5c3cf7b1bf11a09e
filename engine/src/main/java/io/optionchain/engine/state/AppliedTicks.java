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

    /** The field groups a tick carries and their values, mixed; never 0, which marks "not yet computed". */
    static long fingerprint(TickEvent tick) {
        long h = mix(0x243F6A8885A308D3L, tick.fields);
        if (tick.has(TickEvent.LTP)) {
            h = mix(h, bits(tick.ltp));
        }
        if (tick.has(TickEvent.OHLC)) {
            h = mix(mix(mix(mix(h, bits(tick.open)), bits(tick.high)), bits(tick.low)), bits(tick.close));
        }
        if (tick.has(TickEvent.VOLUME)) {
            h = mix(h, tick.volume);
        }
        if (tick.has(TickEvent.OI)) {
            h = mix(h, tick.oi);
        }
        if (tick.has(TickEvent.LAST_QUANTITY)) {
            h = mix(h, tick.lastQuantity);
        }
        if (tick.has(TickEvent.AVERAGE_PRICE)) {
            h = mix(h, bits(tick.averagePrice));
        }
        if (tick.has(TickEvent.TOTALS)) {
            h = mix(mix(h, tick.totalBuyQuantity), tick.totalSellQuantity);
        }
        if (tick.has(TickEvent.DEPTH)) {
            h = mix(mix(h, tick.bidLevels), tick.askLevels);
            for (int i = 0; i < Math.min(tick.bidLevels, TickEvent.DEPTH_LEVELS); i++) {
                h = mix(mix(mix(h, bits(tick.bidPrice[i])), tick.bidQuantity[i]), tick.bidOrders[i]);
            }
            for (int i = 0; i < Math.min(tick.askLevels, TickEvent.DEPTH_LEVELS); i++) {
                h = mix(mix(mix(h, bits(tick.askPrice[i])), tick.askQuantity[i]), tick.askOrders[i]);
            }
        }
        return h == 0 ? 1 : h;
    }

    /** 0.0 and -0.0 alike, as {@code ==} has them; a NaN's bits as they are. */
    private static long bits(double value) {
        return value == 0 ? 0 : Double.doubleToRawLongBits(value);
    }

    /** One value into the running hash: multiply-add, then MurmurHash3's 64-bit finaliser. */
    private static long mix(long h, long value) {
        long x = h * 0x9E3779B97F4A7C15L + value;
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        x ^= x >>> 33;
        return x;
    }
}
