package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.MarketDataClient;
import io.optionchain.gateway.feed.pool.PooledConnection.Held;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link MarketDataPool} keeps its symbols ticking when a connection fails them, the counterpart of
 * {@link Placement} which puts them there in the first place.
 *
 * <p>Failover. When a connection is lost, only its symbols move: to live connections with room, at once,
 * so they tick again after one subscribe round trip instead of after the lost connection's backoff.
 * What finds no room stays and is resubscribed when that connection returns. The other connections are
 * not touched. A connection with a hot standby is lost only when both its sockets are: while one streams, nothing
 * moves, and the other reconnects and resubscribes from its own book.
 *
 * <p>Capacity. A server that refuses symbols for capacity ({@code MAX_CAPACITY_REACHED}, a broker's own cap
 * below ours) teaches the pool that connection's real limit, and the refused symbols are placed elsewhere.
 *
 * <p>The pool's thread only; {@link #movedSymbols()} is read by status readers.
 */
final class Recovery {
    /** The pool's category, so log filters set for the pool still catch these lines. */
    private static final Logger log = LoggerFactory.getLogger(MarketDataPool.class);

    private final Placement placement;
    private long failovers;
    private volatile long movedSymbols;

    Recovery(Placement placement) {
        this.placement = placement;
    }

    /**
     * A connection's socket reported a state: the loss of the connection (of both sockets, with a hot standby) or a
     * refused key moves its symbols; a socket's return takes waiting ones.
     */
    void changed(PooledConnection connection, MarketDataClient socket, ConnectionState state) {
        ConnectionState previous = connection.lastState;
        ConnectionState now = connection.reported(socket, state);
        connection.lastState = now;
        boolean lost = previous == ConnectionState.CONNECTED && now != ConnectionState.CONNECTED;
        if (lost || now == ConnectionState.FAILED) {
            failover(connection, new ArrayList<>(connection.held.values()));
        } else if (state == ConnectionState.CONNECTED) {
            placement.place(placement.drainUnplaced());
        }
    }

    /** A broker that refuses symbols for capacity has a smaller cap than configured: learn it, move the rest. */
    void learnCapacity() {
        for (PooledConnection connection : placement.connections()) {
            List<Held> refused = new ArrayList<>();
            connection.failedSubscriptions().forEach((symbol, reason) -> {
                Held held = connection.held.get(symbol);
                if (held != null && reason.toUpperCase(Locale.ROOT).contains("CAPACITY")) {
                    refused.add(held);
                }
            });
            if (refused.isEmpty()) {
                continue;
            }
            int limit = Math.max(1, connection.held.size() - refused.size());
            if (limit < placement.symbolsPerConnection()) {
                log.warn("[{}] the server refused {} symbols for capacity: a connection holds at most {}",
                        connection.name(), refused.size(), limit);
                placement.lowerCapacity(limit);
            }
            Map<FeedMode, List<Instrument>> release = new EnumMap<>(FeedMode.class);
            for (Held held : refused) {
                placement.release(held, connection);
                release.computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
            }
            release.forEach((mode, list) -> connection.unsubscribe(list, mode));
            movedSymbols += refused.size();
            placement.place(refused);
        }
    }

    /** Symbols moved to another connection because theirs was lost or refused them for capacity. */
    long movedSymbols() {
        return movedSymbols;
    }

    /** Moves what a lost or refusing connection held to live connections with room; the rest stays. */
    private int failover(PooledConnection from, List<Held> symbols) {
        Map<PooledConnection, Map<FeedMode, List<Instrument>>> moves = new LinkedHashMap<>();
        Map<FeedMode, List<Instrument>> leaving = new EnumMap<>(FeedMode.class);
        int moved = 0;
        for (Held held : symbols) {
            PooledConnection target = placement.roomiest(from);
            if (target == null) {
                break;
            }
            from.held.remove(held.instrument().symbol());
            placement.assign(held, target);
            leaving.computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
            moves.computeIfAbsent(target, c -> new EnumMap<>(FeedMode.class))
                    .computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
            moved++;
        }
        if (moved == 0) {
            return 0;
        }
        leaving.forEach((mode, list) -> from.unsubscribe(list, mode));
        moves.forEach((target, byMode) -> byMode.forEach((mode, list) -> target.subscribe(list, mode)));
        failovers++;
        movedSymbols += moved;
        log.warn("[{}] moved {} of its {} symbols to {}; the rest wait for it to reconnect", from.name(),
                moved, moved + from.held.size(), moves.keySet().stream().map(PooledConnection::name).toList());
        return moved;
    }
}
