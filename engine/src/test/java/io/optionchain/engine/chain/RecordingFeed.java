package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records what the engine asks of its feed port. The real feed (gateway over a WebSocket) is
 * exercised end to end in admin-web's tests; here only the engine's requests are under test.
 */
final class RecordingFeed implements MarketDataFeed {
    final List<String> requests = new ArrayList<>();
    final Set<String> subscribed = new TreeSet<>();

    @Override
    public synchronized void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        requests.add("subscribe " + instruments.size() + " " + mode);
        instruments.forEach(i -> subscribed.add(i.symbol()));
    }

    @Override
    public synchronized void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        requests.add("unsubscribe " + instruments.size() + " " + mode);
        instruments.forEach(i -> subscribed.remove(i.symbol()));
    }
}
