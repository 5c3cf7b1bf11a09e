package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.MarketDataClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection of a {@link MarketDataPool} and the symbols {@link Placement} put on it, with the room left.
 * The pool's thread only, except the client's own state.
 */
final class PooledConnection {
    /** A symbol the pool holds, at the mode it was asked for. */
    record Held(Instrument instrument, FeedMode mode) {
    }

    final MarketDataClient client;
    final Map<String, Held> held = new LinkedHashMap<>();
    /** Symbols this connection may hold; lowered when the server's refusals teach a smaller cap. */
    int capacity;
    /** The state last reported, so a change can be told from a repeat. */
    ConnectionState lastState = ConnectionState.DISCONNECTED;

    PooledConnection(MarketDataClient client, int capacity) {
        this.client = client;
        this.capacity = capacity;
    }

    int room() {
        return capacity - held.size();
    }
}
