package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.ports.MarketDataSwitch;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An account's market data as the trading day allows it: a {@link MarketDataPool} exists only between the
 * lifecycle's connect and clean-up, a fresh one each day, and subscriptions reach it only once it is live.
 * What the chains and positions ask for is remembered here whatever the hour, so the morning's pool gets
 * exactly what is wanted then, and nothing is lost across a closed night or a lost account.
 *
 * <p>Callers on the ring (a re-centred window) take the lock only to update the wanted sets and hand the
 * change to the pool's own thread; closing a pool, which waits for it to settle, happens outside the lock.
 */
public final class SessionFeed implements MarketDataFeed, MarketDataSwitch, AutoCloseable {
    private final String account;
    private final Supplier<MarketDataPool> pools;
    private final WantedSubscriptions wanted = new WantedSubscriptions();
    private MarketDataPool pool;
    private boolean live;
    private String idleDetail = "not connected yet";

    /** @param pools makes a new, unstarted pool for each connect */
    public SessionFeed(String account, Supplier<MarketDataPool> pools) {
        this.account = Objects.requireNonNull(account, "account");
        this.pools = Objects.requireNonNull(pools, "pools");
    }

    @Override
    public synchronized void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        wanted.add(instruments, mode);
        if (live) {
            pool.subscribe(instruments, mode);
        }
    }

    @Override
    public synchronized void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        wanted.remove(instruments, mode);
        if (live) {
            pool.unsubscribe(instruments, mode);
        }
    }

    @Override
    public synchronized void connect() {
        if (pool == null) {
            pool = pools.get();
            pool.start();
        }
    }

    @Override
    public synchronized void goLive() {
        if (pool == null || live) {
            return;
        }
        live = true;
        wanted.forEach((mode, instruments) -> pool.subscribe(instruments, mode));
    }

    @Override
    public void disconnect(String why) {
        MarketDataPool closing;
        synchronized (this) {
            idleDetail = "not connected: " + why;
            closing = pool;
            if (closing == null) {
                return;
            }
            if (live) {
                wanted.forEach((mode, instruments) -> closing.unsubscribe(instruments, mode));
            }
            pool = null;
            live = false;
        }
        closing.close(); // runs the unsubscribes queued above first, then closes the sockets
    }

    @Override
    public Link link() {
        MarketDataPool current;
        synchronized (this) {
            current = pool;
        }
        if (current == null) {
            return Link.down();
        }
        FeedStatus total = current.status().total();
        return switch (total.state()) {
            case CONNECTED -> new Link(LinkState.AUTHENTICATED, total.detail());
            case FAILED -> new Link(LinkState.REFUSED, total.detail());
            default -> new Link(LinkState.CONNECTING, total.detail());
        };
    }

    /** The live pool's status; outside the sessions, one idle connection with what is wanted. */
    public PoolStatus status() {
        MarketDataPool current;
        int symbols;
        String detail;
        synchronized (this) {
            current = pool;
            symbols = wanted.symbols();
            detail = idleDetail;
        }
        if (current != null) {
            return current.status();
        }
        FeedStatus idle = new FeedStatus(account, account, ConnectionState.DISCONNECTED, detail, 0, 0, 0, 0, 0, 0, 0,
                0, symbols, Map.of(), null);
        return new PoolStatus(idle, List.of(), List.of(), 0);
    }

    /** The live pool, for what needs it directly (tests, metrics); null while none is up. */
    public synchronized MarketDataPool pool() {
        return pool;
    }

    @Override
    public void close() {
        disconnect("closed");
    }
}
