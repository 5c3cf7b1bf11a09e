package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Options that must stay subscribed whatever the strike window does, because a position holds them:
 * a stop cannot be judged on a symbol whose ticks stopped when the index drifted away.
 *
 * <p>This object's monitor orders pins against band shifts: a chain re-centring its band and a pin
 * or unpin both decide and enqueue their feed requests while holding it, so the feed sees them in
 * the order the decisions were made and a pinned symbol is never unsubscribed by a shift in flight.
 */
public final class PinnedSymbols {
    private final Map<Integer, Instrument> pinned = new LinkedHashMap<>();
    private final Predicate<Instrument> inAnyBand;
    private MarketDataFeed feed;

    /** @param inAnyBand whether some chain's subscribed band already covers the instrument */
    public PinnedSymbols(Predicate<Instrument> inAnyBand) {
        this.inAnyBand = inAnyBand;
    }

    /**
     * The feed pins subscribe through; set once chains open. Symbols pinned before it (positions restored
     * from the journal at start-up) are subscribed now, where no band has them.
     */
    public synchronized void attach(MarketDataFeed marketDataFeed) {
        this.feed = marketDataFeed;
        List<Instrument> waiting = new ArrayList<>();
        for (Instrument instrument : pinned.values()) {
            if (!inAnyBand.test(instrument)) {
                waiting.add(instrument);
            }
        }
        if (!waiting.isEmpty()) {
            feed.subscribe(waiting, FeedMode.DEPTH);
        }
    }

    /** Keeps {@code option} subscribed in Depth mode until {@link #unpin}; subscribes it now if no band has it. */
    public synchronized void pin(Instrument option) {
        if (pinned.putIfAbsent(option.id(), option) == null && feed != null && !inAnyBand.test(option)) {
            feed.subscribe(List.of(option), FeedMode.DEPTH);
        }
    }

    /** Releases {@code option}; unsubscribes it when no band covers it any more. */
    public synchronized void unpin(Instrument option) {
        if (pinned.remove(option.id()) != null && feed != null && !inAnyBand.test(option)) {
            feed.unsubscribe(List.of(option), FeedMode.DEPTH);
        }
    }

    public synchronized boolean isPinned(Instrument instrument) {
        return pinned.containsKey(instrument.id());
    }

    public synchronized int size() {
        return pinned.size();
    }

    /** The instruments of {@code leaving} that no position holds; caller holds this monitor. */
    List<Instrument> unpinned(Collection<Instrument> leaving) {
        List<Instrument> free = new ArrayList<>(leaving.size());
        for (Instrument instrument : leaving) {
            if (!pinned.containsKey(instrument.id())) {
                free.add(instrument);
            }
        }
        return free;
    }
}
