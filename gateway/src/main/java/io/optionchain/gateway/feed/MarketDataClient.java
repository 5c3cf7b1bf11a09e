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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
 */
public final class MarketDataClient implements MarketDataFeed, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MarketDataClient.class);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String name;
    private final String account;
    private final String wsUrl;
    private final String apiKey;
    private final BooleanSupplier dataExpected;
    private final FeedSettings settings;
    private final WebSocketFactory sockets;
    private final FeedCounters counters = new FeedCounters();
    private final FrameDispatcher dispatcher;
    private final Backoff backoff;
    private final SubscriptionBook book = new SubscriptionBook();
    private final ScheduledExecutorService executor;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Owned by the client's thread.
    private final Throttle serverComplaints = new Throttle(10, TimeUnit.MINUTES.toNanos(1));
    private WebSocket socket;
    private CountDownLatch readerGone = new CountDownLatch(0);
    private int epoch;
    private int failedAttempts;
    private boolean closing;
    private ScheduledFuture<?> authDeadline;
    private BiConsumer<ConnectionState, String> stateListener = (state, why) -> { };
    /** Since when the last working connection is lost (nanoTime), and why; 0 while none is lost. */
    private long lostNanos;
    private String lostCause;
    private int recoveryAttempts;
    /** Why this client dropped its own connection, reported instead of the socket's "connection lost". */
    private String staleCause;
    private long authenticatedAfterMillis;

    // Written by the client's thread, read by status().
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String detail = "not started";
    /** When the current connection authenticated; its data silence is measured from here until a tick. */
    private volatile long connectedNanos;
    private volatile ReconnectReport lastRecovery;

    public MarketDataClient(String wsUrl, String apiKey, InstrumentRegistry registry, TickSink sink,
                            FeedSettings settings) {
        this("feed", "default", wsUrl, apiKey, registry, sink, settings, () -> true);
    }

    /**
     * @param name         this connection's name in logs and status, e.g. "primary-2"
     * @param account      the account's name (never its key)
     * @param dataExpected whether ticks should be flowing now (the market is open); gates the no-tick check
     */
    public MarketDataClient(String name, String account, String wsUrl, String apiKey, InstrumentRegistry registry,
                            TickSink sink, FeedSettings settings, BooleanSupplier dataExpected) {
        this.name = Objects.requireNonNull(name, "name");
        this.account = Objects.requireNonNull(account, "account");
        this.dataExpected = Objects.requireNonNull(dataExpected, "dataExpected");
        if (wsUrl == null || !(wsUrl.startsWith("ws://") || wsUrl.startsWith("wss://"))) {
            throw new IllegalArgumentException("wsUrl must start with ws:// or wss://, got " + wsUrl);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must be set");
        }
        this.wsUrl = wsUrl;
        this.apiKey = apiKey;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sockets = new WebSocketFactory().setConnectionTimeout((int) settings.connectTimeout().toMillis());
        this.dispatcher = new FrameDispatcher(new FrameDecoder(registry), Objects.requireNonNull(sink, "sink"), counters);
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), RandomGenerator.getDefault());
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "openalgo-feed-" + name);
            thread.setDaemon(true);
            return thread;
        });
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
        execute(this::connect);
        long staleMillis = settings.staleAfter().toMillis();
        if (staleMillis > 0) {
            long period = Math.max(500, staleMillis / 4);
            executor.scheduleWithFixedDelay(guarded(this::checkStale), period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Adds instruments at a mode, or moves them to it; one mode per symbol, the latest wins. Returns at once. */
    @Override
    public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        Objects.requireNonNull(mode, "mode");
        execute(() -> {
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
        execute(() -> {
            List<Subscription> removed = book.remove(copy);
            if (state == ConnectionState.CONNECTED) {
                send(FeedRequests.unsubscribe(removed, settings.maxSymbolsPerMessage()));
            }
        });
    }

    public FeedStatus status() {
        long lastTickNanos = counters.lastTickNanos();
        long lastTickEpochMillis = lastTickNanos == 0 ? 0
                : System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastTickNanos);
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
            CountDownLatch reader = executor.submit(() -> {
                closing = true;
                cancelAuthDeadline();
                if (socket != null) {
                    socket.disconnect();
                    socket = null;
                }
                setState(ConnectionState.DISCONNECTED, "closed");
                return readerGone;
            }).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            reader.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("market-data client did not close cleanly", e);
        } finally {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "MarketDataClient[" + name + ", " + wsUrl + ", apiKey=****, " + state + "]";
    }

    /** From the reader thread: a reply that is not market data. */
    void onControl(int connection, JsonNode reply) {
        execute(() -> {
            if (connection == epoch) {
                control(reply);
            }
        });
    }

    /** From the reader thread: the connection's first tick, which ends a recovery. */
    void onFirstTick(int connection, long arrivalNanos) {
        execute(() -> {
            if (connection != epoch || lostNanos == 0) {
                return;
            }
            ReconnectReport report = new ReconnectReport(lostCause, recoveryAttempts, authenticatedAfterMillis,
                    TimeUnit.NANOSECONDS.toMillis(arrivalNanos - lostNanos), Instant.now());
            lastRecovery = report;
            lostNanos = 0;
            log.info("[{}] recovered from '{}': {} connect attempts, authenticated {} ms and first tick {} ms after "
                    + "the drop", name, report.cause(), report.attempts(), report.authenticatedAfterMillis(),
                    report.firstTickAfterMillis());
        });
    }

    /** From the socket's last thread, once the connection's reader has ended. */
    void onDisconnected(int connection, String reason) {
        execute(() -> {
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
        if (lostNanos != 0) {
            recoveryAttempts++;
        }
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
        authDeadline = executor.schedule(guarded(() -> authTimedOut(connection)),
                settings.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Schedules the next connect; only after a failed connect or once the old reader thread has ended. */
    private void retry(int connection, String reason) {
        if (connection != epoch || closing || state == ConnectionState.FAILED) {
            return;
        }
        epoch++;
        socket = null;
        cancelAuthDeadline();
        if (lostNanos == 0) {
            // a recovery starts with the first failure; failed reconnects on the way do not restart its clock
            lostNanos = System.nanoTime();
            lostCause = reason;
            recoveryAttempts = 0;
        }
        long delay = backoff.delayMillis(failedAttempts++);
        counters.reconnect();
        setState(ConnectionState.DISCONNECTED, reason + "; reconnecting in " + delay + " ms");
        executor.schedule(guarded(this::connect), delay, TimeUnit.MILLISECONDS);
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
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - counters.lastFrameNanos());
        if (silentMillis > settings.staleAfter().toMillis()) {
            dropStale("no frame, ping or pong for " + silentMillis + " ms");
            return;
        }
        // A link that answers pings but carries no ticks is as dead to a stop-loss as a closed one: OpenAlgo's
        // "stale feed" after a broker stops streaming (issues #1419, #810) looks exactly like this.
        if (book.size() > 0 && dataExpected.getAsBoolean()) {
            long dataSilentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - Math.max(counters.lastTickNanos(), connectedNanos));
            if (dataSilentMillis > settings.staleAfter().toMillis()) {
                dropStale("no tick for " + dataSilentMillis + " ms on " + book.size() + " subscribed symbols");
            }
        }
    }

    /** The reader's disconnect callback reports the cause, so the recovery is timed and logged under it. */
    private void dropStale(String cause) {
        staleCause = cause;
        socket.disconnect();
    }

    private void control(JsonNode reply) {
        String status = reply.path("status").asText("");
        String message = scrub(reply.path("message").asText(""));
        switch (reply.path("type").asText("")) {
            case "auth", "authenticate" -> {
                if ("success".equals(status)) {
                    authenticated(reply);
                } else {
                    authFailed(message);
                }
            }
            case "subscribe" -> {
                for (JsonNode item : reply.path("subscriptions")) {
                    String symbol = item.path("symbol").asText("");
                    if ("success".equals(item.path("status").asText(""))) {
                        book.accepted(symbol);
                    } else {
                        book.refused(symbol, scrub(item.path("message").asText("subscription failed")));
                    }
                }
                complain(!"success".equals(status), "subscribe {}: {} symbols refused so far", status, book.failures().size());
            }
            case "unsubscribe" -> complain(!"success".equals(status), "unsubscribe {}: {}", status, reply.path("failed"));
            case "pong" -> {
            }
            default -> {
                // Errors have no type: {"status":"error","code":...,"message":...}.
                String code = reply.path("code").asText("");
                if (state == ConnectionState.AUTHENTICATING && "AUTHENTICATION_ERROR".equals(code)) {
                    authFailed(message);
                } else {
                    complain("error".equals(status), "OpenAlgo error {}: {}", code, message);
                }
            }
        }
    }

    private void authenticated(JsonNode reply) {
        if (state != ConnectionState.AUTHENTICATING) {
            return;
        }
        cancelAuthDeadline();
        failedAttempts = 0;
        connectedNanos = System.nanoTime();
        if (lostNanos != 0) {
            authenticatedAfterMillis = TimeUnit.NANOSECONDS.toMillis(connectedNanos - lostNanos);
        }
        setState(ConnectionState.CONNECTED, "authenticated; broker " + scrub(reply.path("broker").asText("?"))
                + "; subscribing " + book.size() + " symbols");
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

    private void complain(boolean when, String format, Object first, Object second) {
        if (when && serverComplaints.tryAcquire(System.nanoTime())) {
            log.warn(format, first, second);
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

    private void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("market-data client is closed; request ignored");
        }
    }

    /** A failing task must not kill the client's thread, nor silently cancel a periodic one. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("market-data client task failed", e);
            }
        };
    }
}
