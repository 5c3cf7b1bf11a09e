package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.pool.PooledConnection.Held;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where each symbol of a {@link MarketDataPool} lives, the counterpart of {@link Recovery} which moves symbols
 * when a connection fails them. Each symbol is held by exactly one connection, so no tick arrives twice unless a
 * hot standby asks for it: then the connection is a pair of sockets that both hold it.
 *
 * <p>A new symbol goes to the live connection with the most room; when none has room another connection is
 * opened, up to {@link PoolSettings#maxConnections()}; past that the symbol waits, listed by {@link #unplaced()},
 * until room appears.
 *
 * <p>The pool's thread only, except that status readers iterate the copy-on-write list of connections and read
 * the unplaced list.
 */
final class Placement {
    /** Builds the pool's next connection, numbered from 1, wired to report its state; not yet started. */
    interface Opener {
        PooledConnection open(int number, int capacity);
    }

    private final PoolSettings pool;
    private final Opener opener;
    private final List<PooledConnection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, PooledConnection> holder = new HashMap<>();
    private final Map<String, Held> unplaced = new LinkedHashMap<>();
    private volatile List<String> unplacedSymbols = List.of();
    /** Symbols a connection holds: the configured limit until a server's refusals teach a lower one. */
    private int symbolsPerConnection;

    Placement(PoolSettings pool, Opener opener) {
        this.pool = pool;
        this.opener = opener;
        this.symbolsPerConnection = pool.symbolsPerConnection();
    }

    PooledConnection open() {
        PooledConnection connection = opener.open(connections.size() + 1, symbolsPerConnection);
        connections.add(connection);
        connection.start();
        return connection;
    }

    void subscribe(List<Instrument> instruments, FeedMode mode) {
        Map<PooledConnection, List<Instrument>> forward = new LinkedHashMap<>();
        List<Held> fresh = new ArrayList<>();
        for (Instrument instrument : instruments) {
            Held held = new Held(instrument, mode);
            PooledConnection connection = holder.get(instrument.symbol());
            if (connection != null) {
                connection.held.put(instrument.symbol(), held);
                forward.computeIfAbsent(connection, c -> new ArrayList<>()).add(instrument);
            } else {
                unplaced.remove(instrument.symbol());
                fresh.add(held);
            }
        }
        forward.forEach((connection, list) -> connection.subscribe(list, mode));
        place(fresh);
    }

    void unsubscribe(List<Instrument> instruments, FeedMode mode) {
        Map<PooledConnection, List<Instrument>> forward = new LinkedHashMap<>();
        for (Instrument instrument : instruments) {
            unplaced.remove(instrument.symbol());
            PooledConnection connection = holder.remove(instrument.symbol());
            if (connection != null) {
                connection.held.remove(instrument.symbol());
                forward.computeIfAbsent(connection, c -> new ArrayList<>()).add(instrument);
            }
        }
        forward.forEach((connection, list) -> connection.unsubscribe(list, mode));
        // freed room may take symbols that were waiting
        place(drainUnplaced());
    }

    /** Places symbols that no connection holds: the live connection with most room, else a new one. */
    void place(List<Held> symbols) {
        Map<PooledConnection, Map<FeedMode, List<Instrument>>> placed = new LinkedHashMap<>();
        for (Held held : symbols) {
            PooledConnection target = roomiest(null);
            // a refused key is the account's, not the connection's: another connection would be refused too
            if (target == null && connections.size() < pool.maxConnections() && !keyRefused()) {
                target = open();
            }
            if (target == null) {
                unplaced.put(held.instrument().symbol(), held);
                continue;
            }
            assign(held, target);
            placed.computeIfAbsent(target, c -> new EnumMap<>(FeedMode.class))
                    .computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
        }
        placed.forEach((connection, byMode) -> byMode.forEach((mode, list) -> connection.subscribe(list, mode)));
        unplacedSymbols = List.copyOf(unplaced.keySet());
    }

    /**
     * The connection with the most room, live ones first; {@code except} is never chosen. A connection still
     * coming up counts as live only if no connected one has room, so a symbol is not parked on a dead link.
     */
    PooledConnection roomiest(PooledConnection except) {
        return connections.stream()
                .filter(c -> c != except && c.room() > 0 && c.state() != ConnectionState.FAILED)
                .filter(c -> except == null || c.state() == ConnectionState.CONNECTED)
                .max(Comparator.comparing((PooledConnection c) -> c.state() == ConnectionState.CONNECTED)
                        .thenComparingInt(PooledConnection::room))
                .orElse(null);
    }

    /** Puts a symbol on {@code target}; the caller has taken it off any other connection. */
    void assign(Held held, PooledConnection target) {
        target.held.put(held.instrument().symbol(), held);
        holder.put(held.instrument().symbol(), target);
    }

    /** Takes a symbol off {@code connection}, leaving it held nowhere until placed again. */
    void release(Held held, PooledConnection connection) {
        connection.held.remove(held.instrument().symbol());
        holder.remove(held.instrument().symbol());
    }

    List<Held> drainUnplaced() {
        List<Held> waiting = new ArrayList<>(unplaced.values());
        unplaced.clear();
        return waiting;
    }

    int symbolsPerConnection() {
        return symbolsPerConnection;
    }

    /** The cap is the broker's, so it holds for every connection of the account, not just the one refused. */
    void lowerCapacity(int limit) {
        symbolsPerConnection = limit;
        for (PooledConnection each : connections) {
            each.capacity = Math.min(each.capacity, limit);
        }
    }

    /** In the order opened; safe to iterate from any thread. */
    List<PooledConnection> connections() {
        return connections;
    }

    List<String> unplaced() {
        return unplacedSymbols;
    }

    private boolean keyRefused() {
        return connections.stream().anyMatch(PooledConnection::refused);
    }
}
