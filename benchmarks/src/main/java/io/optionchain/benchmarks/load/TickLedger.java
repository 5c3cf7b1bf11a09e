package io.optionchain.benchmarks.load;

import io.optionchain.engine.tick.TickEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tick of every instrument one side saw, in order, as a person would compare two ticks (times, price,
 * volume, open interest, the book's top and fifth level), with the moment it arrived. The standby harness keeps one
 * for what the market sent (an observer connection that is never dropped) and one for what chain state applied,
 * then says which sent ticks were never applied and which were applied more than once.
 */
final class TickLedger {
    /** One tick: what identifies it, and when this side saw it. */
    record Entry(String key, long nanos) {
    }

    /**
     * What the comparison found: ticks sent and never applied (with when they were sent), ticks applied twice, and
     * ticks applied that the sent side never saw (its own gap: a market withholding frames from a lagging reader).
     */
    record Comparison(long sent, long applied, List<Long> lostNanos, long doubled, long unseen) {
    }

    private final Map<Integer, List<Entry>> byInstrument = new ConcurrentHashMap<>();
    private volatile boolean recording;

    void record(boolean on) {
        recording = on;
    }

    /** From a reader or stage thread; each instrument's ticks come from one thread at a time. */
    void add(TickEvent tick) {
        if (recording) {
            byInstrument.computeIfAbsent(tick.instrumentId, id -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Entry(key(tick), System.nanoTime()));
        }
    }

    long size() {
        return byInstrument.values().stream().mapToLong(List::size).sum();
    }

    /**
     * Compares, instrument by instrument, from the first applied tick the sent side also holds (the two ledgers start
     * recording together, but the ring applies a tick a little after the observer reads it): a sent tick that is not
     * the next applied one is lost; an applied tick that repeats one already matched was applied twice; one the sent
     * side never saw is counted apart and passed over.
     */
    static Comparison compare(TickLedger sent, TickLedger applied) {
        long sentCount = 0;
        long appliedCount = 0;
        long doubled = 0;
        long unseen = 0;
        List<Long> lost = new ArrayList<>();
        for (Map.Entry<Integer, List<Entry>> instrument : applied.byInstrument.entrySet()) {
            List<Entry> all = List.copyOf(sent.byInstrument.getOrDefault(instrument.getKey(), List.of()));
            Set<String> sentKeys = new HashSet<>();
            all.forEach(e -> sentKeys.add(e.key()));
            List<Entry> got = List.copyOf(instrument.getValue());
            int first = 0;
            while (first < got.size() && !sentKeys.contains(got.get(first).key())) {
                first++;
            }
            if (first == got.size()) {
                continue;
            }
            got = got.subList(first, got.size());
            int start = 0;
            while (!all.get(start).key().equals(got.get(0).key())) {
                start++;
            }
            Set<String> matched = new HashSet<>();
            int next = 0;
            for (Entry tick : all.subList(start, all.size())) {
                sentCount++;
                while (next < got.size() && (matched.contains(got.get(next).key())
                        || !sentKeys.contains(got.get(next).key()))) {
                    if (matched.contains(got.get(next).key())) {
                        doubled++;
                    } else {
                        unseen++;
                    }
                    next++;
                }
                if (next < got.size() && got.get(next).key().equals(tick.key())) {
                    matched.add(tick.key());
                    next++;
                } else {
                    lost.add(tick.nanos());
                }
            }
            appliedCount += got.size();
            for (Entry left : got.subList(next, got.size())) {
                if (sentKeys.contains(left.key())) {
                    doubled++;
                } else {
                    unseen++;
                }
            }
        }
        return new Comparison(sentCount, appliedCount, lost, doubled, unseen);
    }

    private static String key(TickEvent t) {
        return t.exchangeTimeMillis + "/" + t.serverTimeMillis + " " + t.ltp + " " + t.volume + " " + t.oi + " "
                + t.bidQuantity[0] + "@" + t.bidPrice[0] + " " + t.askQuantity[0] + "@" + t.askPrice[0] + " "
                + t.askQuantity[4] + "@" + t.askPrice[4];
    }
}
