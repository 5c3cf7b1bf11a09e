package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.tick.TickSink;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.FeedThread;
import io.optionchain.gateway.feed.MarketDataClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One account's market data over several WebSocket connections, each holding at most
 * {@link PoolSettings#symbolsPerConnection()} symbols: the engine sees one {@link MarketDataFeed}.
 *
 * <p>Its peers each take one seam: {@link Placement} decides which connection holds a symbol (the one with the
 * most room, a new one, or none yet), {@link Recovery} moves symbols off a lost connection or one whose server
 * refuses them for capacity, {@link PoolTotals} sums the connections for status. This class owns the thread,
 * opens the connections and closes them.
 *
 * <p>Hot standby ({@link PoolSettings#hotStandby()}): each connection is a pair of sockets on the account,
 * {@code <account>-<n>} and {@code <account>-<n>-standby}, holding the same subscriptions in the same modes
 * ({@link PooledConnection}) and feeding the same ring, where stage 1 drops the second copy of each tick. When one
 * drops, the other is already streaming, so no tick is lost while it reconnects, and nothing is moved.
 *
 * <p>Threads. Placement runs on the pool's own thread; connections report state changes to it. Callers
 * return at once, as {@link MarketDataFeed} requires.
 */
public final class MarketDataPool implements MarketDataFeed, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MarketDataPool.class);
    private static final long CAPACITY_CHECK_MILLIS = 1_000;
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String account;
    private final String wsUrl;
    private final String apiKey;
    private final InstrumentRegistry registry;
    private final TickSink sink;
    private final FeedSettings settings;
    private final PoolSettings pool;
    private final BooleanSupplier dataExpected;
    private final Clock clock;
    private final FeedThread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Placement placement;
    private final Recovery recovery;

    public MarketDataPool(String account, String wsUrl, String apiKey, InstrumentRegistry registry, TickSink sink,
                          FeedSettings settings, PoolSettings pool, BooleanSupplier dataExpected, Clock clock) {
        this.account = Objects.requireNonNull(account, "account");
        this.wsUrl = wsUrl;
        this.apiKey = apiKey;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.dataExpected = Objects.requireNonNull(dataExpected, "dataExpected");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.placement = new Placement(pool, this::open);
        this.recovery = new Recovery(placement);
        this.thread = new FeedThread("openalgo-pool-" + account, "market-data pool", log);
    }

    /** Opens the first connection; more open as symbols need them. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("MarketDataPool.start() must only be called once.");
        }
        thread.execute(placement::open);
        thread.every(CAPACITY_CHECK_MILLIS, recovery::learnCapacity);
    }

    @Override
    public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        Objects.requireNonNull(mode, "mode");
        thread.execute(() -> placement.subscribe(copy, mode));
    }

    @Override
    public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        thread.execute(() -> placement.unsubscribe(copy, mode));
    }

    /** The pool as a whole and each socket. */
    public PoolStatus status() {
        List<List<FeedStatus>> byConnection = new ArrayList<>();
        List<FeedStatus> each = new ArrayList<>();
        for (PooledConnection connection : placement.connections()) {
            List<FeedStatus> sockets = connection.statuses();
            byConnection.add(sockets);
            each.addAll(sockets);
        }
        return new PoolStatus(PoolTotals.sum(account, byConnection), each, placement.unplaced(),
                recovery.movedSymbols());
    }

    /** Each socket's own status, in the order their connections were opened, a standby after its primary. */
    public List<FeedStatus> connections() {
        List<FeedStatus> each = new ArrayList<>();
        for (PooledConnection connection : placement.connections()) {
            each.addAll(connection.statuses());
        }
        return each;
    }

    /** Symbols wanted but held by no connection: every connection full and none more allowed. */
    public List<String> unplaced() {
        return placement.unplaced();
    }

    /** Symbols moved to another connection because theirs was lost or refused them for capacity. */
    public long movedSymbols() {
        return recovery.movedSymbols();
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
            thread.call(() -> null, CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("market-data pool did not settle before closing", e);
        }
        thread.shutdownNow();
        for (PooledConnection connection : placement.connections()) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "MarketDataPool[" + account + ", " + placement.connections().size() + " connections"
                + (pool.hotStandby() ? " with hot standby" : "") + ", apiKey=****]";
    }

    /**
     * Placement's way to a new connection: named after the account, with its hot standby twin if asked for, each
     * socket reporting its state changes to this thread.
     */
    private PooledConnection open(int number, int capacity) {
        MarketDataClient client = socket(account + "-" + number);
        MarketDataClient standby = pool.hotStandby() ? socket(account + "-" + number + "-standby") : null;
        PooledConnection connection = new PooledConnection(client, standby, capacity);
        for (MarketDataClient each : standby == null ? List.of(client) : List.of(client, standby)) {
            each.onStateChange((state, why) -> thread.execute(() -> recovery.changed(connection, each, state)));
        }
        return connection;
    }

    private MarketDataClient socket(String name) {
        return new MarketDataClient(name, account, wsUrl, apiKey, registry, sink, settings, dataExpected, clock);
    }
}
