package io.optionchain.engine.ports;

import io.optionchain.engine.instrument.Instrument;

import java.util.Collection;

/**
 * The engine's port to a market-data connection. Implementations hand the request to their own
 * thread and return at once: the engine calls these from ring handlers, which must never block.
 */
public interface MarketDataFeed {
    void subscribe(Collection<Instrument> instruments, FeedMode mode);

    void unsubscribe(Collection<Instrument> instruments, FeedMode mode);
}
