package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.MarketDataClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection of a {@link MarketDataPool} and the symbols {@link Placement} put on it, with the room left: one
 * socket, or with a hot standby two on the same account. Every subscription change goes to both sockets through
 * this class, so the pair holds the same symbols in the same modes whatever moves them; each socket resubscribes
 * from its own book when it reconnects. To the pool the pair is one connection, live while either socket is.
 * The pool's thread only, except the sockets' own state.
 */
final class PooledConnection {
    /** A symbol the pool holds, at the mode it was asked for. */
    record Held(Instrument instrument, FeedMode mode) {
    }

    final MarketDataClient client;
    /** The hot standby twin of {@link #client}; null without one. */
    final MarketDataClient standby;
    final Map<String, Held> held = new LinkedHashMap<>();
    /** Symbols this connection may hold; lowered when the server's refusals teach a smaller cap. */
    int capacity;
    /** The pair's state last seen by the pool, so a change can be told from a repeat. */
    ConnectionState lastState = ConnectionState.DISCONNECTED;
    private ConnectionState clientReported = ConnectionState.DISCONNECTED;
    private ConnectionState standbyReported = ConnectionState.DISCONNECTED;

    PooledConnection(MarketDataClient client, MarketDataClient standby, int capacity) {
        this.client = client;
        this.standby = standby;
        this.capacity = capacity;
    }

    int room() {
        return capacity - held.size();
    }

    String name() {
        return client.name();
    }

    void start() {
        client.start();
        if (standby != null) {
            standby.start();
        }
    }

    void subscribe(List<Instrument> instruments, FeedMode mode) {
        client.subscribe(instruments, mode);
        if (standby != null) {
            standby.subscribe(instruments, mode);
        }
    }

    void unsubscribe(List<Instrument> instruments, FeedMode mode) {
        client.unsubscribe(instruments, mode);
        if (standby != null) {
            standby.unsubscribe(instruments, mode);
        }
    }

    void close() {
        client.close();
        if (standby != null) {
            standby.close();
        }
    }

    /**
     * The pair's state now: connected while either socket is; else refused if either key was; else the socket
     * further along. The sockets' states are read as they are, for placement's choices.
     */
    ConnectionState state() {
        return standby == null ? client.state() : pairState(client.state(), standby.state());
    }

    /** A socket reported a state; returns the pair's state as the reports so far say it. */
    ConnectionState reported(MarketDataClient socket, ConnectionState state) {
        if (socket == standby) {
            standbyReported = state;
        } else {
            clientReported = state;
        }
        return standby == null ? clientReported : pairState(clientReported, standbyReported);
    }

    /** Whether a socket's key was refused: the account's, so no further connection should be opened. */
    boolean refused() {
        return client.state() == ConnectionState.FAILED
                || (standby != null && standby.state() == ConnectionState.FAILED);
    }

    /** Symbol to OpenAlgo's reason, for symbols either socket's last subscribe was refused. */
    Map<String, String> failedSubscriptions() {
        if (standby == null) {
            return client.status().failedSubscriptions();
        }
        Map<String, String> failed = new HashMap<>(standby.status().failedSubscriptions());
        failed.putAll(client.status().failedSubscriptions());
        return failed;
    }

    /** Each socket's status, the primary first. */
    List<FeedStatus> statuses() {
        List<FeedStatus> each = new ArrayList<>(2);
        each.add(client.status());
        if (standby != null) {
            each.add(standby.status().withRole(FeedStatus.Role.STANDBY));
        }
        return each;
    }

    /** Two sockets as one connection: connected if either is, else refused if either was, else the one further on. */
    static ConnectionState pairState(ConnectionState a, ConnectionState b) {
        if (a == ConnectionState.CONNECTED || b == ConnectionState.CONNECTED) {
            return ConnectionState.CONNECTED;
        }
        if (a == ConnectionState.FAILED || b == ConnectionState.FAILED) {
            return ConnectionState.FAILED;
        }
        return progress(a) >= progress(b) ? a : b;
    }

    private static int progress(ConnectionState state) {
        return switch (state) {
            case DISCONNECTED -> 0;
            case CONNECTING -> 1;
            case AUTHENTICATING -> 2;
            case CONNECTED, FAILED -> 3;
        };
    }
}
