package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;

import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the chains and positions want subscribed, by mode, whatever the feed is doing: kept by whoever hands it
 * to a feed that comes and goes (a day's pool, an account's feed after a failover). Not thread-safe: its owner
 * guards it.
 */
public final class WantedSubscriptions {
    private final Map<FeedMode, Set<Instrument>> byMode = new EnumMap<>(FeedMode.class);

    public void add(Collection<Instrument> instruments, FeedMode mode) {
        byMode.computeIfAbsent(mode, m -> new LinkedHashSet<>()).addAll(instruments);
    }

    public void remove(Collection<Instrument> instruments, FeedMode mode) {
        Set<Instrument> set = byMode.get(mode);
        if (set != null) {
            instruments.forEach(set::remove);
        }
    }

    /** Each mode with anything wanted, and a copy of what, for a feed to subscribe or unsubscribe. */
    public void forEach(BiConsumer<FeedMode, List<Instrument>> action) {
        byMode.forEach((mode, instruments) -> {
            if (!instruments.isEmpty()) {
                action.accept(mode, List.copyOf(instruments));
            }
        });
    }

    public int symbols() {
        return byMode.values().stream().mapToInt(Set::size).sum();
    }
}
