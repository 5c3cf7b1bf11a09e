package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A feed in front of a feed that holds at most {@code budget} symbols: when the windows want more than
 * the broker allows, the most important ones win (lowest priority number first: indices and pinned
 * position symbols, then options nearest ATM outward) and the rest are reported as left out.
 *
 * <p>Every request re-ranks everything wanted and sends the real feed only the difference, so a band
 * shift that brings in near-ATM strikes evicts the farthest ones. Requests come from the window
 * handler (rare band shifts) and start-up; both are non-blocking on the real feed.
 */
public final class SymbolBudget implements MarketDataFeed {
    private final MarketDataFeed feed;
    private final int budget;
    private final ToIntFunction<Instrument> priority;
    private final Map<Integer, Wanted> wanted = new LinkedHashMap<>();
    private final Map<Integer, Wanted> active = new HashMap<>();

    /**
     * @param budget   most symbols subscribed at once, e.g. a broker's per-account limit
     * @param priority lower is more important; ties keep the order symbols were first asked for
     */
    public SymbolBudget(MarketDataFeed feed, int budget, ToIntFunction<Instrument> priority) {
        if (budget < 1) {
            throw new IllegalArgumentException("symbol budget must be positive, got " + budget);
        }
        this.feed = feed;
        this.budget = budget;
        this.priority = priority;
    }

    @Override
    public synchronized void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        for (Instrument instrument : instruments) {
            wanted.put(instrument.id(), new Wanted(instrument, mode));
        }
        rebalance();
    }

    @Override
    public synchronized void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        for (Instrument instrument : instruments) {
            wanted.remove(instrument.id());
        }
        rebalance();
    }

    /** Symbols wanted but not subscribed for want of budget, most important first. */
    public synchronized List<String> leftOut() {
        List<String> symbols = new ArrayList<>();
        for (Wanted w : ranked()) {
            if (!active.containsKey(w.instrument().id())) {
                symbols.add(w.instrument().symbol());
            }
        }
        return symbols;
    }

    public synchronized int subscribed() {
        return active.size();
    }

    public int budget() {
        return budget;
    }

    private void rebalance() {
        List<Wanted> ranked = ranked();
        Map<Integer, Wanted> target = new HashMap<>();
        for (int i = 0; i < Math.min(budget, ranked.size()); i++) {
            Wanted w = ranked.get(i);
            target.put(w.instrument().id(), w);
        }
        Map<FeedMode, List<Instrument>> leaving = new EnumMap<>(FeedMode.class);
        for (Wanted was : active.values()) {
            Wanted now = target.get(was.instrument().id());
            if (now == null || now.mode() != was.mode()) {
                leaving.computeIfAbsent(was.mode(), m -> new ArrayList<>()).add(was.instrument());
            }
        }
        Map<FeedMode, List<Instrument>> entering = new EnumMap<>(FeedMode.class);
        for (Wanted now : target.values()) {
            Wanted was = active.get(now.instrument().id());
            if (was == null || was.mode() != now.mode()) {
                entering.computeIfAbsent(now.mode(), m -> new ArrayList<>()).add(now.instrument());
            }
        }
        // each in the mode it was subscribed in: OpenAlgo refuses an unsubscribe in another mode
        leaving.forEach((mode, instruments) -> feed.unsubscribe(instruments, mode));
        entering.forEach((mode, instruments) -> feed.subscribe(instruments, mode));
        active.clear();
        active.putAll(target);
    }

    private List<Wanted> ranked() {
        // Each priority is read once, before sorting: ATM and pins move on other threads (the ring, the
        // desk) while status ranks, and a key that changed mid-sort breaks TimSort's contract.
        List<Ranked> keyed = new ArrayList<>(wanted.size());
        for (Wanted w : wanted.values()) {
            keyed.add(new Ranked(w, priority.applyAsInt(w.instrument())));
        }
        // a stable sort keeps first-asked order among equals, so a tie never flips between calls
        keyed.sort(Comparator.comparingInt(Ranked::priority));
        List<Wanted> ranked = new ArrayList<>(keyed.size());
        keyed.forEach(k -> ranked.add(k.wanted()));
        return ranked;
    }

    private record Wanted(Instrument instrument, FeedMode mode) {
    }

    /** A wanted symbol and its priority as read once for one ranking. */
    private record Ranked(Wanted wanted, int priority) {
    }
}
