package io.optionchain.gateway.accounts;

import io.optionchain.engine.accounts.AccountFailover;
import io.optionchain.engine.accounts.AccountFailover.Switch;
import io.optionchain.engine.accounts.AccountState;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.engine.accounts.FailoverStatus;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.AccountProbe;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.ports.MarketDataSwitch;
import io.optionchain.gateway.accounts.AccountPing.Verdict;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.pool.PoolStatus;
import io.optionchain.gateway.feed.pool.SessionFeed;
import io.optionchain.gateway.feed.pool.WantedSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Market data from whichever account the {@link AccountFailover} names: one {@link SessionFeed} for the active
 * account, and a ping per account on its own thread. To the lifecycle it is one feed and one account, so the
 * trading day's connect, go-live and clean-up work as with a single server.
 *
 * <p>A switch is make-before-break: the new account's feed gets every subscription wanted, in its mode,
 * connects and goes live as far as the day allows, and only then is the old one unsubscribed and closed, on
 * another thread. While both stream, the ring's first stage keeps one quote per instrument by exchange time
 * and drops a tick it already has, so the two never interleave into a chain.
 *
 * <p>Threads: the failover thread reads the active feed's state every {@value #STEP_MILLIS} ms, reports it,
 * and carries out decisions; ping threads report each account's REST health; callers (the ring, the lifecycle)
 * only take this object's lock briefly and never wait on the network.
 */
public final class FailoverFeed implements MarketDataFeed, MarketDataSwitch, AccountProbe, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverFeed.class);
    static final long STEP_MILLIS = 25;
    /** While the day's feed is up a silent broker must show within a second; at night a ping in a while is plenty. */
    private static final Duration PING_LIVE = Duration.ofMillis(500);
    private static final Duration PING_IDLE = Duration.ofSeconds(5);
    private static final Duration PING_BACKOFF_MAX = Duration.ofSeconds(10);
    /**
     * A new account that has not sent a tick this long after market data moved to it gets a fresh feed: a
     * server that takes the subscriptions and streams nothing must not leave the stops blind after a switch.
     */
    static final Duration FIRST_TICK_PATIENCE = Duration.ofSeconds(3);

    private final Map<String, AccountEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, AccountPing> pings = new LinkedHashMap<>();
    private final Map<String, PingTurn> turns = new LinkedHashMap<>();
    private final AccountFailover failover;
    private final FailoverSettings settings;
    private final Function<AccountEndpoint, SessionFeed> feeds;
    private final Clock clock;
    private final Consumer<Switch> onSwitch;
    private final ScheduledExecutorService stepper;
    private final ScheduledExecutorService pingers;
    private final ExecutorService closer;
    private final WantedSubscriptions wanted = new WantedSubscriptions();
    private SessionFeed feed;
    private String feedAccount;
    private boolean connected;
    private boolean live;
    // the failover thread's own view of the active feed
    private long reconnectsSeen;
    private boolean refusalReported;
    private boolean awaitingTick;
    /** The switch's feed was opened afresh once for want of a tick: a market that is simply quiet gets no more. */
    private boolean reopenedForTick;
    private Instant switchedAt = Instant.MIN;

    /**
     * @param feeds    a new, unconnected feed for an account, each time it becomes active
     * @param pings    the REST health check of each account
     * @param onSwitch told of each switch after it is made (audit, alerts), on the failover thread
     */
    public FailoverFeed(List<AccountEndpoint> accounts, AccountFailover failover, FailoverSettings settings,
                        Function<AccountEndpoint, SessionFeed> feeds, Function<AccountEndpoint, AccountPing> pings,
                        Clock clock, Consumer<Switch> onSwitch) {
        for (AccountEndpoint account : accounts) {
            endpoints.put(account.name(), account);
            this.pings.put(account.name(), pings.apply(account));
            turns.put(account.name(), new PingTurn());
        }
        this.failover = failover;
        this.settings = settings;
        this.feeds = feeds;
        this.clock = clock;
        this.onSwitch = onSwitch;
        this.feedAccount = failover.active().name();
        this.feed = feeds.apply(endpoints.get(feedAccount));
        this.stepper = Executors.newSingleThreadScheduledExecutor(daemon("account-failover"));
        this.pingers = Executors.newScheduledThreadPool(Math.min(4, accounts.size()), daemon("account-ping"));
        this.closer = Executors.newSingleThreadExecutor(daemon("account-feed-closer"));
    }

    /** Starts the pings and the failover thread. */
    public FailoverFeed start() {
        for (String account : endpoints.keySet()) {
            pingers.scheduleWithFixedDelay(() -> pingSafely(account), 0, PING_LIVE.toMillis(), TimeUnit.MILLISECONDS);
        }
        stepper.scheduleWithFixedDelay(this::stepSafely, STEP_MILLIS, STEP_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public synchronized void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        wanted.add(instruments, mode);
        feed.subscribe(instruments, mode);
    }

    @Override
    public synchronized void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        wanted.remove(instruments, mode);
        feed.unsubscribe(instruments, mode);
    }

    @Override
    public synchronized void connect() {
        if (!connected) {
            connected = true;
            reconnectsSeen = 0;
            turns.values().forEach(turn -> turn.next = Instant.MIN); // the day's cadence from now, not in 5 s
            // a switch made while the feed was down (a key refused before the day's connect) still wants its
            // first tick timed
            awaitingTick = failover.awaitingFirstTick();
            reopenedForTick = false;
            switchedAt = clock.instant();
            feed.connect();
        }
    }

    @Override
    public synchronized void goLive() {
        live = true;
        switchedAt = clock.instant(); // no tick is due before the feed is live: patience counts from here
        feed.goLive();
    }

    @Override
    public void disconnect(String why) {
        SessionFeed current;
        synchronized (this) {
            connected = false;
            live = false;
            current = feed;
        }
        current.disconnect(why);
    }

    /**
     * The active feed's link. A refusal is told as such only when no account is left to take over; until then
     * the lifecycle sees a feed that is connecting, since one is about to.
     */
    @Override
    public Link link() {
        Link link = active().link();
        if (link.state() == LinkState.REFUSED && !failover.status().degraded()) {
            return new Link(LinkState.CONNECTING, "switching account: " + link.detail());
        }
        return link;
    }

    /** Usable while the active account, or one that can take over, is. */
    @Override
    public AccountCheck check() {
        if (failover.anyUsable(clock.instant())) {
            return AccountCheck.ok();
        }
        String active = failover.active().name();
        return failover.status().accounts().stream().filter(a -> a.name().equals(active)).findFirst()
                .map(a -> AccountCheck.refused("no usable account: " + active + " " + a.state().wire()
                        + (a.lastError().isEmpty() ? "" : ": " + a.lastError())))
                .orElseGet(() -> AccountCheck.refused("no usable account"));
    }

    /**
     * Whether market data is live, for the engine's {@code FeedHealth}: stale when no account is left (the failover
     * is degraded, the status's {@code market_data_stale}), and when the active account's connections have accepted
     * no tick for longer than {@code silence} (a stalled feed whose socket stays open, openalgo #810). Why, in words
     * safe to show; null while live.
     */
    public String staleness(Duration silence) {
        FailoverStatus failoverStatus = failover.status();
        if (failoverStatus.degraded()) {
            return "no usable account left: market data is the last received";
        }
        long last = status().total().lastTickEpochMillis();
        if (last <= 0) {
            return "no tick received yet from account " + failoverStatus.activeAccount();
        }
        long quiet = clock.millis() - last;
        if (quiet > silence.toMillis()) {
            return String.format(java.util.Locale.ROOT, "no tick for %.1f s from account %s", quiet / 1000.0,
                    failoverStatus.activeAccount());
        }
        return null;
    }

    /** The active account's connections. */
    public PoolStatus status() {
        return active().status();
    }

    public FailoverStatus failover() {
        return failover.status();
    }

    /** The account market data comes from now. */
    public AccountEndpoint activeAccount() {
        return endpoints.get(failover.active().name());
    }

    /** An operator puts a failed or suspended account back; it is pinged at once. */
    public void enable(String account) {
        failover.enable(account, clock.instant());
        turns.get(account).next = Instant.MIN;
    }

    private synchronized SessionFeed active() {
        return feed;
    }

    private void pingSafely(String account) {
        try {
            pingWhenDue(account);
        } catch (RuntimeException e) {
            LOG.error("ping of {} failed", account, e);
        }
    }

    private void stepSafely() {
        try {
            step();
        } catch (RuntimeException e) {
            LOG.error("failover step failed", e);
        }
    }

    /** One look at the active feed, reported, and whatever the failover decides done. */
    void step() {
        Instant now = clock.instant();
        SessionFeed current;
        String account;
        boolean streaming;
        synchronized (this) {
            current = feed;
            account = feedAccount;
            streaming = live && wanted.symbols() > 0;
        }
        PoolStatus pool = current.status();
        FeedStatus total = pool.total();
        if (reconnectsSeen < total.reconnects()) {
            // is it the link, the account or the whole broker? Ask every server of the broker now, not at
            // their next turn, so a broker that is down is known before the reconnects run out
            String broker = endpoints.get(account).profile().broker();
            endpoints.values().stream().filter(e -> e.profile().broker().equals(broker))
                    .forEach(e -> pingers.execute(() -> report(e.name(), pings.get(e.name()).ping())));
        }
        for (; reconnectsSeen < total.reconnects(); reconnectsSeen++) {
            failover.connectionLost(account, now);
        }
        Link link = current.link();
        if (link.state() == LinkState.AUTHENTICATED) {
            refusalReported = false;
            failover.connectionUp(account, now);
        } else if (link.state() == LinkState.REFUSED && !refusalReported) {
            refusalReported = true;
            failover.streamRefused(account, AccountPing.classifyRefusal(link.detail(), settings), link.detail(), now);
        }
        if (awaitingTick && total.ticks() > 0) {
            awaitingTick = false;
            failover.firstTick(account, now);
        } else if (awaitingTick && streaming && !reopenedForTick && link.state() == LinkState.AUTHENTICATED
                && now.isAfter(switchedAt.plus(FIRST_TICK_PATIENCE))) {
            LOG.warn("no tick from {} {} ms after market data moved to it; opening its feed afresh", account,
                    FIRST_TICK_PATIENCE.toMillis());
            replace(endpoints.get(account), "no tick after the switch");
            synchronized (this) {
                reopenedForTick = true;
            }
            return;
        }
        Optional<Switch> change = failover.decide(now);
        if (change.isPresent()) {
            switchTo(change.get());
        } else if (link.state() == LinkState.REFUSED && refusalReported && keptAndUsable(account)) {
            // its key accepted again before the lifecycle gave the day up: the refused feed will not retry
            // by itself, and the lifecycle, seeing it "connecting", would wait on it for ever
            replace(endpoints.get(account), "account " + account + " usable again");
        }
    }

    private boolean keptAndUsable(String account) {
        FailoverStatus status = failover.status();
        return status.activeAccount().equals(account) && !status.degraded() && status.accounts().stream()
                .anyMatch(a -> a.name().equals(account) && a.state() == AccountState.ACTIVE);
    }

    private void switchTo(Switch change) {
        replace(endpoints.get(change.to().name()), "market data moved to " + change.to().name());
        onSwitch.accept(change);
    }

    /**
     * Makes a new feed for {@code account} active with every subscription wanted, connected and live as far as
     * the day allows, then closes the one it replaces on another thread.
     */
    private void replace(AccountEndpoint account, String why) {
        SessionFeed next = feeds.apply(account);
        SessionFeed old;
        synchronized (this) {
            wanted.forEach((mode, instruments) -> next.subscribe(instruments, mode));
            if (connected) {
                next.connect();
            }
            if (live) {
                next.goLive();
            }
            old = feed;
            feed = next;
            feedAccount = account.name();
            reconnectsSeen = 0;
            refusalReported = false;
            awaitingTick = connected;
            reopenedForTick = false;
            switchedAt = clock.instant();
        }
        closer.execute(() -> old.disconnect(why));
    }

    /**
     * Pings the account when its turn has come: every {@link #PING_LIVE} while the day's feed is up, every
     * {@link #PING_IDLE} while it is down, and while the account keeps failing, that cadence doubled for each
     * failure after the first, up to {@link #PING_BACKOFF_MAX}. The backoff counts failures rather than doubling
     * the last wait, so the day's first refusal is asked again in half a second, not in twice the night's five
     * (which left a rate-limited primary's role with a backup for twenty seconds instead of its cool-down). Run
     * every {@link #PING_LIVE}, so a connect makes the cadence live at once; called directly by tests on a clock
     * of their own.
     */
    void pingWhenDue(String account) {
        Instant now = clock.instant();
        PingTurn turn = turns.get(account);
        if (now.isBefore(turn.next)) {
            return;
        }
        reloadRefusedKey(account, now);
        Verdict verdict = pings.get(account).ping();
        report(account, verdict);
        boolean up;
        synchronized (this) {
            up = connected;
        }
        // until an account first answers, the lifecycle may be waiting on it to start the day: ask at the live
        // cadence, so one slow first answer (a server still starting) costs half a second, not five
        turn.answeredOnce |= verdict.answered();
        Duration base = up || !turn.answeredOnce ? PING_LIVE : PING_IDLE;
        turn.failures = verdict.answered() ? 0 : turn.failures + 1;
        Duration wait = turn.failures <= 1 ? base
                : min(base.multipliedBy(1L << Math.min(turn.failures - 1, 8)), PING_BACKOFF_MAX);
        turn.next = now.plus(wait);
    }

    /**
     * A failed account stays out "until its key changes or an operator re-enables it": a key file is read again
     * at each of the failed account's pings, and a new key in it puts the account back, to be pinged with it now.
     */
    private void reloadRefusedKey(String account, Instant now) {
        AccountKey key = endpoints.get(account).key();
        if (key.changeable() && failover.status().accounts().stream()
                .anyMatch(a -> a.name().equals(account) && a.state() == AccountState.FAILED) && key.reload()) {
            LOG.warn("account {} has a new key; it is tried again", account);
            failover.enable(account, now);
        }
    }

    private void report(String account, Verdict verdict) {
        Instant now = clock.instant();
        if (verdict.answered()) {
            failover.answered(account, now);
        } else {
            failover.refused(account, verdict.fault(), verdict.words(), now);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        stepper.shutdownNow();
        pingers.shutdownNow();
        disconnect("closed");
        closer.shutdown();
        try {
            closer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "FailoverFeed[" + endpoints.keySet() + ", active=" + failover.active().name() + "]";
    }

    /** When an account is pinged next, and its failures in a row. Written by its ping thread; next reset by others. */
    private static final class PingTurn {
        volatile Instant next = Instant.MIN;
        volatile int failures;
        volatile boolean answeredOnce;
    }
}
