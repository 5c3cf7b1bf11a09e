package io.optionchain.engine.state;

import io.optionchain.engine.tick.TickEvent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last {@link #DEPTH} ticks of every instrument, newest first on read.
 *
 * <p>Each instrument owns a ring of primitive arrays, allocated once on its first tick and then
 * overwritten in place, so recording allocates nothing. One writer (the ring's chain-state stage);
 * readers copy a ring under a sequence lock and retry if the writer moved during the copy, so a
 * reader never blocks the writer and never returns a half-written tick.
 */
public final class TickHistory {
    public static final int DEPTH = 100;

    private final AtomicReferenceArray<Ring> rings;

    /** @param instruments highest instrument id + 1 this history will see (the registry's capacity) */
    public TickHistory(int instruments) {
        this.rings = new AtomicReferenceArray<>(instruments);
    }

    /**
     * Appends the tick as the instrument's book now reads: a field the tick does not carry keeps the
     * value of the previous entry, so an LTP-only tick still shows the bid and ask it traded against.
     */
    public void record(TickEvent tick, long nowMillis) {
        int id = tick.instrumentId;
        if (id < 0 || id >= rings.length()) {
            return;
        }
        Ring ring = rings.get(id);
        if (ring == null) {
            ring = new Ring();
            rings.set(id, ring);
        }
        ring.append(tick, nowMillis);
    }

    /** Up to {@code n} most recent ticks of {@code instrumentId}, newest first; empty before its first tick. */
    public List<TickEntry> latest(int instrumentId, int n) {
        if (instrumentId < 0 || instrumentId >= rings.length()) {
            return List.of();
        }
        Ring ring = rings.get(instrumentId);
        return ring == null ? List.of() : ring.latest(Math.max(0, Math.min(n, DEPTH)));
    }

    /** One recorded tick. Prices in rupees, time in epoch milliseconds when the engine applied it. */
    public record TickEntry(long timeMillis, double ltp, double bid, double ask, long bidQty, long askQty,
                            long volume, long oi) {
    }

    private static final class Ring {
        private static final VarHandle VERSION;

        static {
            try {
                VERSION = MethodHandles.lookup().findVarHandle(Ring.class, "version", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final long[] time = new long[DEPTH];
        private final double[] ltp = new double[DEPTH];
        private final double[] bid = new double[DEPTH];
        private final double[] ask = new double[DEPTH];
        private final long[] bidQty = new long[DEPTH];
        private final long[] askQty = new long[DEPTH];
        private final long[] volume = new long[DEPTH];
        private final long[] oi = new long[DEPTH];
        /** Odd while the writer is mid-append. */
        @SuppressWarnings("unused")
        private volatile long version;
        /** Ticks ever appended; written only inside the version bracket. */
        private long count;

        void append(TickEvent tick, long nowMillis) {
            long v = (long) VERSION.getOpaque(this);
            VERSION.setOpaque(this, v + 1);
            VarHandle.storeStoreFence();
            int previous = (int) ((count + DEPTH - 1) % DEPTH);
            boolean first = count == 0;
            int slot = (int) (count % DEPTH);
            time[slot] = nowMillis;
            ltp[slot] = tick.has(TickEvent.LTP) ? tick.ltp : first ? 0 : ltp[previous];
            boolean book = tick.has(TickEvent.DEPTH);
            bid[slot] = book ? (tick.bidLevels > 0 ? tick.bidPrice[0] : 0) : first ? 0 : bid[previous];
            ask[slot] = book ? (tick.askLevels > 0 ? tick.askPrice[0] : 0) : first ? 0 : ask[previous];
            bidQty[slot] = book ? (tick.bidLevels > 0 ? tick.bidQuantity[0] : 0) : first ? 0 : bidQty[previous];
            askQty[slot] = book ? (tick.askLevels > 0 ? tick.askQuantity[0] : 0) : first ? 0 : askQty[previous];
            volume[slot] = tick.has(TickEvent.VOLUME) ? tick.volume : first ? 0 : volume[previous];
            oi[slot] = tick.has(TickEvent.OI) ? tick.oi : first ? 0 : oi[previous];
            count++;
            VERSION.setRelease(this, v + 2);
        }

        List<TickEntry> latest(int n) {
            while (true) {
                long before = (long) VERSION.getAcquire(this);
                if ((before & 1) != 0) {
                    Thread.onSpinWait();
                    continue;
                }
                long total = count;
                int take = (int) Math.min(n, total);
                List<TickEntry> entries = new ArrayList<>(take);
                for (int i = 0; i < take; i++) {
                    int slot = (int) ((total - 1 - i) % DEPTH);
                    entries.add(new TickEntry(time[slot], ltp[slot], bid[slot], ask[slot], bidQty[slot],
                            askQty[slot], volume[slot], oi[slot]));
                }
                VarHandle.loadLoadFence();
                if ((long) VERSION.getOpaque(this) == before) {
                    return entries;
                }
            }
        }
    }
}
