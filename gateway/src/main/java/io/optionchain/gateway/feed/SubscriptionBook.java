package io.optionchain.gateway.feed;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link MarketDataClient} has been asked to keep subscribed, one mode per symbol, and which
 * symbols OpenAlgo refused. It is the truth a reconnect resubscribes from. Changed only on the client's
 * thread; the size and the failures are also read by status readers.
 */
final class SubscriptionBook {
    /** What the wire must be told after a change: old modes to drop first, then instruments to add. */
    record Change(List<Subscription> unsubscribe, List<Instrument> subscribe) {
    }

    private final Map<String, Subscription> wanted = new LinkedHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile int size;

    /** Adds instruments at {@code mode}; one already held at another mode moves (OpenAlgo keys by mode). */
    Change add(List<Instrument> instruments, FeedMode mode) {
        List<Subscription> moved = new ArrayList<>();
        List<Instrument> added = new ArrayList<>();
        for (Instrument instrument : instruments) {
            Subscription previous = wanted.put(instrument.symbol(), new Subscription(instrument, mode));
            if (previous == null || previous.mode() != mode) {
                added.add(instrument);
            }
            if (previous != null && previous.mode() != mode) {
                moved.add(previous);
            }
        }
        size = wanted.size();
        return new Change(moved, added);
    }

    /** Removes instruments whatever mode they are held at; returns what was held, to unsubscribe by. */
    List<Subscription> remove(List<Instrument> instruments) {
        List<Subscription> removed = new ArrayList<>();
        for (Instrument instrument : instruments) {
            Subscription previous = wanted.remove(instrument.symbol());
            failures.remove(instrument.symbol());
            if (previous != null) {
                removed.add(previous);
            }
        }
        size = wanted.size();
        return removed;
    }

    /** Everything held, grouped by mode in first-subscribed order: what a fresh connection subscribes. */
    Map<FeedMode, List<Instrument>> byMode() {
        Map<FeedMode, List<Instrument>> byMode = new LinkedHashMap<>();
        for (Subscription s : wanted.values()) {
            byMode.computeIfAbsent(s.mode(), m -> new ArrayList<>()).add(s.instrument());
        }
        return byMode;
    }

    void accepted(String symbol) {
        failures.remove(symbol);
    }

    /** Records OpenAlgo's reason, for symbols still wanted (a late reply must not resurrect a dropped one). */
    void refused(String symbol, String reason) {
        if (wanted.containsKey(symbol)) {
            failures.put(symbol, reason);
        }
    }

    int size() {
        return size;
    }

    Map<String, String> failures() {
        return failures;
    }
}
