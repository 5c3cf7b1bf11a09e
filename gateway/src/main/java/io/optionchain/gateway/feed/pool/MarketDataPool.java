package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.tick.TickSink;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.MarketDataClient;
import io.optionchain.gateway.feed.ReconnectReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One account's market data over several WebSocket connections, each holding at most
 * {@link PoolSettings#symbolsPerConnection()} symbols: the engine sees one {@link MarketDataFeed}.
 *
 * <p>Placement. A new symbol goes to the live connection with the most room; when none has room another
 * connection is opened, up to {@link PoolSettings#maxConnections()}; past that the symbol waits, listed by
 * {@link #unplaced()}, until room appears. A server that refuses symbols for capacity
 * ({@code MAX_CAPACITY_REACHED}, a broker's own cap below ours) teaches the pool that connection's real
 * limit, and the refused symbols are placed elsewhere.
 *
 * <p>Failover. When a connection is lost, only its symbols move: to live connections with room, at once,
 * so they tick again after one subscribe round trip instead of after the lost connection's backoff.
 * What finds no room stays and is resubscribed when that connection returns. The other connections are
 * not touched. Each symbol is held by exactly one connection, so no tick arrives twice.
 *
 * <p>Threads. Placement runs on the pool's own thread; connections report state changes to it. Callers
 * return at once, as {@link MarketDataFeed} requires.
 */
public final class MarketDataPool implements MarketDataFeed, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MarketDataPool.class);
    private static final long CAPACITY_CHECK_MILLIS = 1_000;

    private final String account;
    private final String wsUrl;
    private final String apiKey;
    private final InstrumentRegistry registry;
    private final TickSink sink;
    private final FeedSettings settings;
    private final PoolSettings pool;
    private final BooleanSupplier dataExpected;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Owned by the pool's thread, except that status readers iterate the copy-on-write list of connections.
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, Connection> holder = new HashMap<>();
    private final Map<String, Held> unplaced = new LinkedHashMap<>();
    private volatile List<String> unplacedSymbols = List.of();
    private long failovers;
    /** Symbols a connection holds: the configured limit until a server's refusals teach a lower one. */
    private int symbolsPerConnection;
    private volatile long movedSymbols;

    public MarketDataPool(String account, String wsUrl, String apiKey, InstrumentRegistry registry, TickSink sink,
                          FeedSettings settings, PoolSettings pool, BooleanSupplier dataExpected) {
        this.account = Objects.requireNonNull(account, "account");
        this.wsUrl = wsUrl;
        this.apiKey = apiKey;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.dataExpected = Objects.requireNonNull(dataExpected, "dataExpected");
        this.symbolsPerConnection = pool.symbolsPerConnection();
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "openalgo-pool-" + account);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the first connection; more open as symbols need them. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("MarketDataPool.start() must only be called once.");
        }
        execute(this::open);
        executor.scheduleWithFixedDelay(guarded(this::learnCapacity), CAPACITY_CHECK_MILLIS, CAPACITY_CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        Objects.requireNonNull(mode, "mode");
        execute(() -> {
            Map<Connection, List<Instrument>> forward = new LinkedHashMap<>();
            List<Held> fresh = new ArrayList<>();
            for (Instrument instrument : copy) {
                Held held = new Held(instrument, mode);
                Connection connection = holder.get(instrument.symbol());
                if (connection != null) {
                    connection.held.put(instrument.symbol(), held);
                    forward.computeIfAbsent(connection, c -> new ArrayList<>()).add(instrument);
                } else {
                    unplaced.remove(instrument.symbol());
                    fresh.add(held);
                }
            }
            forward.forEach((connection, list) -> connection.client.subscribe(list, mode));
            place(fresh);
        });
    }

    @Override
    public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        execute(() -> {
            Map<Connection, List<Instrument>> forward = new LinkedHashMap<>();
            for (Instrument instrument : copy) {
                unplaced.remove(instrument.symbol());
                Connection connection = holder.remove(instrument.symbol());
                if (connection != null) {
                    connection.held.remove(instrument.symbol());
                    forward.computeIfAbsent(connection, c -> new ArrayList<>()).add(instrument);
                }
            }
            forward.forEach((connection, list) -> connection.client.unsubscribe(list, mode));
            // freed room may take symbols that were waiting
            place(drainUnplaced());
        });
    }

    /** The pool as a whole and each connection. */
    public PoolStatus status() {
        List<FeedStatus> each = connections();
        return new PoolStatus(total(each), each, unplacedSymbols, movedSymbols);
    }

    /** All connections as one: counters summed, the state of the worst connection, the latest recovery. */
    private FeedStatus total(List<FeedStatus> each) {
        if (each.isEmpty()) {
            return new FeedStatus(account, account, ConnectionState.DISCONNECTED, "no connection opened yet", 0, 0,
                    0, 0, 0, 0, 0, 0, 0, Map.of(), null);
        }
        ConnectionState worst = ConnectionState.CONNECTED;
        long frames = 0, ticks = 0, malformed = 0, oversized = 0, unknown = 0, dropped = 0, reconnects = 0;
        long lastTick = 0;
        int symbols = 0;
        Map<String, String> failed = new HashMap<>();
        ReconnectReport recovery = null;
        Map<ConnectionState, Integer> byState = new EnumMap<>(ConnectionState.class);
        StringBuilder trouble = new StringBuilder();
        for (FeedStatus s : each) {
            if (badness(s.state()) > badness(worst)) {
                worst = s.state();
            }
            byState.merge(s.state(), 1, Integer::sum);
            if (s.state() != ConnectionState.CONNECTED) {
                trouble.append("; ").append(s.connection()).append(": ").append(s.detail());
            }
            frames += s.frames();
            ticks += s.ticks();
            malformed += s.malformed();
            oversized += s.oversized();
            unknown += s.unknownSymbols();
            dropped += s.dropped();
            reconnects += s.reconnects();
            lastTick = Math.max(lastTick, s.lastTickEpochMillis());
            symbols += s.subscribedSymbols();
            failed.putAll(s.failedSubscriptions());
            if (s.lastRecovery() != null && (recovery == null
                    || s.lastRecovery().recoveredAt().isAfter(recovery.recoveredAt()))) {
                recovery = s.lastRecovery();
            }
        }
        String detail = each.size() + (each.size() == 1 ? " connection " : " connections ") + byState
                .toString().toLowerCase(Locale.ROOT) + trouble;
        return new FeedStatus(account, account, worst, detail, frames, ticks, malformed, oversized, unknown, dropped,
                reconnects, lastTick, symbols, failed, recovery);
    }

    /** Each connection's own status, in the order they were opened. */
    public List<FeedStatus> connections() {
        List<FeedStatus> each = new ArrayList<>();
        for (Connection connection : connections) {
            each.add(connection.client.status());
        }
        return each;
    }

    /** Symbols wanted but held by no connection: every connection full and none more allowed. */
    public List<String> unplaced() {
        return unplacedSymbols;
    }

    /** Symbols moved to another connection because theirs was lost or refused them for capacity. */
    public long movedSymbols() {
        return movedSymbols;
    }

    public PoolSettings settings() {
        return pool;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("market-data pool did not settle before closing", e);
        }
        executor.shutdownNow();
        for (Connection connection : connections) {
            connection.client.close();
        }
    }

    @Override
    public String toString() {
        return "MarketDataPool[" + account + ", " + connections.size() + " connections, apiKey=****]";
    }

    private Connection open() {
        int number = connections.size() + 1;
        MarketDataClient client = new MarketDataClient(account + "-" + number, account, wsUrl, apiKey, registry,
                sink, settings, dataExpected);
        Connection connection = new Connection(client, symbolsPerConnection);
        client.onStateChange((state, why) -> execute(() -> changed(connection, state)));
        connections.add(connection);
        client.start();
        return connection;
    }

    /** Places symbols that no connection holds: the live connection with most room, else a new one. */
    private void place(List<Held> symbols) {
        Map<Connection, Map<FeedMode, List<Instrument>>> placed = new LinkedHashMap<>();
        for (Held held : symbols) {
            Connection target = roomiest(null);
            // a refused key is the account's, not the connection's: another connection would be refused too
            if (target == null && connections.size() < pool.maxConnections() && !keyRefused()) {
                target = open();
            }
            if (target == null) {
                unplaced.put(held.instrument().symbol(), held);
                continue;
            }
            target.held.put(held.instrument().symbol(), held);
            holder.put(held.instrument().symbol(), target);
            placed.computeIfAbsent(target, c -> new EnumMap<>(FeedMode.class))
                    .computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
        }
        placed.forEach((connection, byMode) -> byMode.forEach((mode, list) -> connection.client.subscribe(list, mode)));
        publishUnplaced();
    }

    /**
     * The connection with the most room, live ones first; {@code except} is never chosen. A connection still
     * coming up counts as live only if no connected one has room, so a symbol is not parked on a dead link.
     */
    private Connection roomiest(Connection except) {
        return connections.stream()
                .filter(c -> c != except && c.room() > 0 && c.client.state() != ConnectionState.FAILED)
                .filter(c -> except == null || c.client.state() == ConnectionState.CONNECTED)
                .max(Comparator.comparing((Connection c) -> c.client.state() == ConnectionState.CONNECTED)
                        .thenComparingInt(Connection::room))
                .orElse(null);
    }

    private void changed(Connection connection, ConnectionState state) {
        ConnectionState previous = connection.lastState;
        connection.lastState = state;
        boolean lost = previous == ConnectionState.CONNECTED && state == ConnectionState.DISCONNECTED;
        if (lost || state == ConnectionState.FAILED) {
            failover(connection, new ArrayList<>(connection.held.values()));
        } else if (state == ConnectionState.CONNECTED) {
            place(drainUnplaced());
        }
    }

    /** Moves what a lost or refusing connection held to live connections with room; the rest stays. */
    private int failover(Connection from, List<Held> symbols) {
        Map<Connection, Map<FeedMode, List<Instrument>>> moves = new LinkedHashMap<>();
        Map<FeedMode, List<Instrument>> leaving = new EnumMap<>(FeedMode.class);
        int moved = 0;
        for (Held held : symbols) {
            Connection target = roomiest(from);
            if (target == null) {
                break;
            }
            String symbol = held.instrument().symbol();
            from.held.remove(symbol);
            target.held.put(symbol, held);
            holder.put(symbol, target);
            leaving.computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
            moves.computeIfAbsent(target, c -> new EnumMap<>(FeedMode.class))
                    .computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
            moved++;
        }
        if (moved == 0) {
            return 0;
        }
        leaving.forEach((mode, list) -> from.client.unsubscribe(list, mode));
        moves.forEach((target, byMode) -> byMode.forEach((mode, list) -> target.client.subscribe(list, mode)));
        failovers++;
        movedSymbols += moved;
        log.warn("[{}] moved {} of its {} symbols to {}; the rest wait for it to reconnect", from.client.name(),
                moved, moved + from.held.size(), moves.keySet().stream().map(c -> c.client.name()).toList());
        return moved;
    }

    /** A broker that refuses symbols for capacity has a smaller cap than configured: learn it, move the rest. */
    private void learnCapacity() {
        for (Connection connection : connections) {
            List<Held> refused = new ArrayList<>();
            connection.client.status().failedSubscriptions().forEach((symbol, reason) -> {
                Held held = connection.held.get(symbol);
                if (held != null && reason.toUpperCase(Locale.ROOT).contains("CAPACITY")) {
                    refused.add(held);
                }
            });
            if (refused.isEmpty()) {
                continue;
            }
            int limit = Math.max(1, connection.held.size() - refused.size());
            if (limit < symbolsPerConnection) {
                // the cap is the broker's, so it holds for every connection of the account, not just this one
                log.warn("[{}] the server refused {} symbols for capacity: a connection holds at most {}",
                        connection.client.name(), refused.size(), limit);
                symbolsPerConnection = limit;
                for (Connection each : connections) {
                    each.capacity = Math.min(each.capacity, limit);
                }
            }
            Map<FeedMode, List<Instrument>> release = new EnumMap<>(FeedMode.class);
            for (Held held : refused) {
                connection.held.remove(held.instrument().symbol());
                holder.remove(held.instrument().symbol());
                release.computeIfAbsent(held.mode(), m -> new ArrayList<>()).add(held.instrument());
            }
            release.forEach((mode, list) -> connection.client.unsubscribe(list, mode));
            movedSymbols += refused.size();
            place(refused);
        }
    }

    private boolean keyRefused() {
        return connections.stream().anyMatch(c -> c.client.state() == ConnectionState.FAILED);
    }

    private List<Held> drainUnplaced() {
        List<Held> waiting = new ArrayList<>(unplaced.values());
        unplaced.clear();
        return waiting;
    }

    private void publishUnplaced() {
        unplacedSymbols = List.copyOf(unplaced.keySet());
    }

    private static int badness(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> 0;
            case AUTHENTICATING -> 1;
            case CONNECTING -> 2;
            case DISCONNECTED -> 3;
            case FAILED -> 4;
        };
    }

    private void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("market-data pool is closed; request ignored");
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("market-data pool task failed", e);
            }
        };
    }

    private record Held(Instrument instrument, FeedMode mode) {
    }

    /** One connection and what the pool placed on it. Pool thread only, except the client's own state. */
    private static final class Connection {
        final MarketDataClient client;
        final Map<String, Held> held = new LinkedHashMap<>();
        int capacity;
        ConnectionState lastState = ConnectionState.DISCONNECTED;

        Connection(MarketDataClient client, int capacity) {
            this.client = client;
            this.capacity = capacity;
        }

        int room() {
            return capacity - held.size();
        }
    }
}
