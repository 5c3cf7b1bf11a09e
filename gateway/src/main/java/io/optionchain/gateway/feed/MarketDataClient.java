package io.optionchain.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketException;
import com.neovisionaries.ws.client.WebSocketFactory;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.tick.TickSink;
import io.optionchain.gateway.decode.FrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * The engine's {@link MarketDataFeed} over one OpenAlgo market-data WebSocket: connects, authenticates,
 * keeps a {@link SubscriptionBook} alive across reconnects, and hands every tick to a {@link TickSink}.
 *
 * <p>Threads. Everything that changes the connection (connect, authenticate, subscribe, reconnect) runs
 * on the client's own single thread, so callers never block and never race one another. Frames arrive
 * on the socket's reader thread ({@link FeedListener}), which only decodes into one reused event, offers
 * it and counts. A new connection is opened only after the old one's reader thread has ended, so the
 * sink never has two producers.
 *
 * <p>Recovery (level 1): a lost connection, a failed connect, a missing auth reply or a silent link is
 * retried with exponential backoff and jitter, then re-authenticated and resubscribed in full. A
 * rejected API key is not retried: the state becomes {@link ConnectionState#FAILED}. Each recovery is
 * timed from the drop to the first tick again ({@link ReconnectReport}); every state change is logged once,
 * with its cause. "No tick for a while" counts as a dead link only while {@code dataExpected} says the
 * market is open: off-hours a silent feed is a quiet market, not a broken one.
 *
 * <p>The API key goes only into the authenticate message: never into a log line, status or exception.
 *
 * <p>Its peers each take one seam: {@link ControlReplies} reads the replies, {@link StaleWatchdog} condemns a
 * silent link, {@link RecoveryTimer} times the way back, {@link FeedThread} is the thread; this class owns
 * the socket and every change of state.
 */
public final class MarketDataClient implements MarketDataFeed, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MarketDataClient.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String name;
    private final String account;
    private final String wsUrl;
    private final String apiKey;
    private final FeedSettings settings;
    private final WebSocketFactory sockets;
    private final FeedCounters counters = new FeedCounters();
    private final FrameDispatcher dispatcher;
    private final Backoff backoff;
    private final SubscriptionBook book = new SubscriptionBook();
    private final ControlReplies control;
    private final StaleWatchdog watchdog;
    private final RecoveryTimer recovery;
    private final Clock clock;
    private final FeedThread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Owned by the client's thread.
    private WebSocket socket;
    private CountDownLatch readerGone = new CountDownLatch(0);
    private int epoch;
    private int failedAttempts;
    private boolean closing;
    private ScheduledFuture<?> authDeadline;
    private BiConsumer<ConnectionState, String> stateListener = (state, why) -> { };
    /** Why this client dropped its own connection, reported instead of the socket's "connection lost". */
    private String staleCause;

    // Written by the client's thread, read by status().
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String detail = "not started";
    /** When the current connection authenticated; its data silence is measured from here until a tick. */
    private volatile long connectedNanos;
    private volatile ReconnectReport lastRecovery;

    public MarketDataClient(String wsUrl, String apiKey, InstrumentRegistry registry, TickSink sink,
                            FeedSettings settings, Clock clock) {
        this("feed", "default", wsUrl, apiKey, registry, sink, settings, () -> true, clock);
    }

    /**
     * @param name         this connection's name in logs and status, e.g. "primary-2"
     * @param account      the account's name (never its key)
     * @param dataExpected whether ticks should be flowing now (the market is open); gates the no-tick check
     * @param clock        wall time for status: the last tick's time and when a recovery ended
     */
    public MarketDataClient(String name, String account, String wsUrl, String apiKey, InstrumentRegistry registry,
                            TickSink sink, FeedSettings settings, BooleanSupplier dataExpected, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.account = Objects.requireNonNull(account, "account");
        Objects.requireNonNull(dataExpected, "dataExpected");
        if (wsUrl == null || !(wsUrl.startsWith("ws://") || wsUrl.startsWith("wss://"))) {
            throw new IllegalArgumentException("wsUrl must start with ws:// or wss://, got " + wsUrl);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must be set");
        }
        this.wsUrl = wsUrl;
        this.apiKey = apiKey;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recovery = new RecoveryTimer(clock);
        this.sockets = new WebSocketFactory().setConnectionTimeout((int) settings.connectTimeout().toMillis());
        this.dispatcher = new FrameDispatcher(new FrameDecoder(registry), Objects.requireNonNull(sink, "sink"), counters);
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), RandomGenerator.getDefault());
        this.control = new ControlReplies(book, this::scrub, () -> state == ConnectionState.AUTHENTICATING,
                this::authenticated, this::authFailed);
        this.watchdog = new StaleWatchdog(settings, counters, book, dataExpected);
        this.thread = new FeedThread("openalgo-feed-" + name, "market-data client", log);
    }

    /**
     * Called on the client's thread after every state change, with its cause; set before {@link #start()}.
     * The listener must hand off anything slow.
     */
    public void onStateChange(BiConsumer<ConnectionState, String> listener) {
        if (started.get()) {
            throw new IllegalStateException("set the state listener before start()");
        }
        this.stateListener = Objects.requireNonNull(listener, "listener");
    }

    public String name() {
        return name;
    }

    public ConnectionState state() {
        return state;
    }

    /** Connects in the background; watch {@link #status()} for the outcome. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("MarketDataClient.start() must only be called once.");
        }
        thread.execute(this::connect);
        if (watchdog.enabled()) {
            thread.every(watchdog.periodMillis(), this::checkStale);
        }
    }

    /** Adds instruments at a mode, or moves them to it; one mode per symbol, the latest wins. Returns at once. */
    @Override
    public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        Objects.requireNonNull(mode, "mode");
        thread.execute(() -> {
            SubscriptionBook.Change change = book.add(copy, mode);
            if (state == ConnectionState.CONNECTED) {
                send(FeedRequests.unsubscribe(change.unsubscribe(), settings.maxSymbolsPerMessage()));
                send(FeedRequests.subscribe(change.subscribe(), mode, settings.maxSymbolsPerMessage()));
            }
        });
    }

    /**
     * Drops instruments whatever mode they are held at: OpenAlgo needs the held mode, which this client
     * knows, so {@code mode} is not consulted. Returns at once.
     */
    @Override
    public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        thread.execute(() -> {
            List<Subscription> removed = book.remove(copy);
            if (state == ConnectionState.CONNECTED) {
                send(FeedRequests.unsubscribe(removed, settings.maxSymbolsPerMessage()));
            }
        });
    }

    public FeedStatus status() {
        long lastTickNanos = counters.lastTickNanos();
        long lastTickEpochMillis = lastTickNanos == 0 ? 0
                : clock.millis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastTickNanos);
        return new FeedStatus(name, account, state, detail, counters.frames(), counters.ticks(),
                counters.malformedFrames(), counters.oversizedFrames(), counters.unknownSymbols(),
                counters.droppedTicks(), counters.reconnects(), lastTickEpochMillis, book.size(), book.failures(),
                lastRecovery);
    }

    /** Disconnects and stops the client's thread, waiting a few seconds at most for the reader to end. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            CountDownLatch reader = thread.call(() -> {
                closing = true;
                cancelAuthDeadline();
                if (socket != null) {
                    socket.disconnect();
                    socket = null;
                }
                setState(ConnectionState.DISCONNECTED, "closed");
                return readerGone;
            }, CLOSE_WAIT_MILLIS);
            reader.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("market-data client did not close cleanly", e);
        } finally {
            thread.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "MarketDataClient[" + name + ", " + wsUrl + ", apiKey=****, " + state + "]";
    }

    /** From the reader thread: a reply that is not market data. */
    void onControl(int connection, JsonNode reply) {
        thread.execute(() -> {
            if (connection == epoch) {
                control.handle(reply);
            }
        });
    }

    /** From the reader thread: the connection's first tick, which ends a recovery. */
    void onFirstTick(int connection, long arrivalNanos) {
        thread.execute(() -> {
            if (connection != epoch) {
                return;
            }
            ReconnectReport report = recovery.firstTick(arrivalNanos);
            if (report == null) {
                return;
            }
            lastRecovery = report;
            log.info("[{}] recovered from '{}': {} connect attempts, authenticated {} ms and first tick {} ms after "
                    + "the drop", name, report.cause(), report.attempts(), report.authenticatedAfterMillis(),
                    report.firstTickAfterMillis());
        });
    }

    /** From the socket's last thread, once the connection's reader has ended. */
    void onDisconnected(int connection, String reason) {
        thread.execute(() -> {
            String cause = staleCause != null ? staleCause : reason;
            staleCause = null;
            retry(connection, cause);
        });
    }

    private void connect() {
        if (closing) {
            return;
        }
        int connection = ++epoch;
        recovery.connecting();
        setState(ConnectionState.CONNECTING, "connecting to " + wsUrl);
        CountDownLatch gone = new CountDownLatch(1);
        WebSocket ws;
        try {
            ws = sockets.createSocket(wsUrl)
                    .setDirectTextMessage(true)
                    .setPingInterval(settings.pingInterval().toMillis())
                    .addListener(new FeedListener(this, dispatcher, counters, connection, gone));
            // The stale check measures from here until the first frame; no reader thread exists yet.
            counters.heartbeat(System.nanoTime());
            ws.connect();
        } catch (IOException | WebSocketException e) {
            retry(connection, "connect failed: " + e.getMessage());
            return;
        }
        socket = ws;
        readerGone = gone;
        setState(ConnectionState.AUTHENTICATING, "authenticating");
        ws.sendText(FeedRequests.authenticate(apiKey));
        authDeadline = thread.schedule(() -> authTimedOut(connection), settings.authTimeout().toMillis());
    }

    /** Schedules the next connect; only after a failed connect or once the old reader thread has ended. */
    private void retry(int connection, String reason) {
        if (connection != epoch || closing || state == ConnectionState.FAILED) {
            return;
        }
        epoch++;
        socket = null;
        cancelAuthDeadline();
        recovery.failed(reason);
        long delay = backoff.delayMillis(failedAttempts++);
        counters.reconnect();
        setState(ConnectionState.DISCONNECTED, reason + "; reconnecting in " + delay + " ms");
        thread.schedule(this::connect, delay);
    }

    private void authTimedOut(int connection) {
        if (connection == epoch && state == ConnectionState.AUTHENTICATING) {
            dropStale("no authentication reply within " + settings.authTimeout().toMillis() + " ms");
        }
    }

    private void checkStale() {
        if (state != ConnectionState.CONNECTED || socket == null) {
            return;
        }
        String cause = watchdog.deadLinkCause(connectedNanos);
        if (cause != null) {
            dropStale(cause);
        }
    }

    /** The reader's disconnect callback reports the cause, so the recovery is timed and logged under it. */
    private void dropStale(String cause) {
        staleCause = cause;
        socket.disconnect();
    }

    private void authenticated(String broker) {
        if (state != ConnectionState.AUTHENTICATING) {
            return;
        }
        cancelAuthDeadline();
        failedAttempts = 0;
        connectedNanos = System.nanoTime();
        recovery.authenticated(connectedNanos);
        setState(ConnectionState.CONNECTED, "authenticated; broker " + broker + "; subscribing " + book.size()
                + " symbols");
        book.byMode().forEach((mode, instruments) ->
                send(FeedRequests.subscribe(instruments, mode, settings.maxSymbolsPerMessage())));
    }

    private void authFailed(String message) {
        cancelAuthDeadline();
        setState(ConnectionState.FAILED, "authentication failed: " + (message.isEmpty() ? "rejected" : message));
        if (socket != null) {
            socket.disconnect();
        }
    }

    private void send(List<String> messages) {
        for (String message : messages) {
            socket.sendText(message);
        }
    }

    private void cancelAuthDeadline() {
        if (authDeadline != null) {
            authDeadline.cancel(false);
            authDeadline = null;
        }
    }

    /** The one place a state changes: logged once, with its cause, and told to the listener. */
    private void setState(ConnectionState next, String why) {
        ConnectionState previous = state;
        detail = why;
        state = next;
        if (next == ConnectionState.FAILED) {
            log.error("[{}] {} -> {}: {} ({})", name, previous, next, why, wsUrl);
        } else if (next == ConnectionState.DISCONNECTED && previous != ConnectionState.DISCONNECTED && !closing) {
            log.warn("[{}] {} -> {}: {} ({})", name, previous, next, why, wsUrl);
        } else {
            log.info("[{}] {} -> {}: {} ({})", name, previous, next, why, wsUrl);
        }
        try {
            stateListener.accept(next, why);
        } catch (RuntimeException e) {
            log.error("[{}] state listener failed", name, e);
        }
    }

    /** A server might echo what it was sent; the key must not travel on into status or logs. */
    private String scrub(String text) {
        return text.replace(apiKey, "****");
    }
}
