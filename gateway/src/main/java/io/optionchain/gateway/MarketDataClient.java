package io.optionchain.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketAdapter;
import com.neovisionaries.ws.client.WebSocketException;
import com.neovisionaries.ws.client.WebSocketFactory;
import com.neovisionaries.ws.client.WebSocketFrame;
import io.optionchain.engine.feed.FeedMode;
import io.optionchain.engine.feed.MarketDataFeed;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.pipeline.TickSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The engine's {@link MarketDataFeed} over one OpenAlgo market-data WebSocket: connects, authenticates,
 * keeps a set of subscriptions alive across reconnects, and hands every tick to a {@link TickSink}.
 *
 * <p>Threads. Everything that changes the connection (connect, authenticate, subscribe, reconnect)
 * runs on the client's own single thread, so callers never block and never race one another. Frames
 * arrive on the socket's reader thread, which only decodes into one reused event, offers it to the
 * sink and counts; control replies are handed over to the client's thread. A new connection is opened
 * only after the old one's reader thread has finished, so there is never more than one producer.
 *
 * <p>Recovery (level 1): a lost connection, a failed connect, a missing auth reply or a silent link is
 * retried with exponential backoff and jitter, re-authenticating and resubscribing everything. A
 * rejected API key is not retried: the state becomes {@link ConnectionState#FAILED}.
 *
 * <p>The API key goes only into the authenticate message: never into a log line, status or exception.
 */
public final class MarketDataClient implements MarketDataFeed, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MarketDataClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String wsUrl;
    private final String apiKey;
    private final FeedSettings settings;
    private final WebSocketFactory sockets;
    private final FeedCounters counters = new FeedCounters();
    private final FrameDispatcher dispatcher;
    private final Backoff backoff;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // Owned by the executor thread.
    private final Map<String, Subscription> wanted = new LinkedHashMap<>();
    private final Throttle serverComplaints = new Throttle(10, TimeUnit.MINUTES.toNanos(1));
    private WebSocket socket;
    private CountDownLatch readerGone = new CountDownLatch(0);
    private int connection;
    private int failedAttempts;
    private boolean closing;
    private ScheduledFuture<?> authDeadline;

    // Written by the executor thread, read by status().
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String detail = "not started";
    private volatile int subscribedSymbols;
    private final Map<String, String> failedSubscriptions = new ConcurrentHashMap<>();

    public MarketDataClient(String wsUrl, String apiKey, InstrumentRegistry registry, TickSink sink,
                            FeedSettings settings) {
        this.wsUrl = Objects.requireNonNull(wsUrl, "wsUrl");
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must be set");
        }
        this.apiKey = apiKey;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sockets = new WebSocketFactory().setConnectionTimeout((int) settings.connectTimeout().toMillis());
        this.dispatcher = new FrameDispatcher(new FrameDecoder(registry), Objects.requireNonNull(sink, "sink"), counters);
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), RandomGenerator.getDefault());
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "openalgo-feed");
            thread.setDaemon(true);
            return thread;
        });
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
            executor.scheduleWithFixedDelay(this::checkStale, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Adds instruments at a mode, or moves them to it; one mode per symbol, the latest wins. Returns at once.
     */
    @Override
    public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        Objects.requireNonNull(mode, "mode");
        execute(() -> addSubscriptions(copy, mode));
    }

    /**
     * Drops instruments whatever mode they are held at (OpenAlgo needs the held mode, which this client
     * knows); {@code mode} is not consulted. Returns at once.
     */
    @Override
    public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        List<Instrument> copy = List.copyOf(instruments);
        execute(() -> removeSubscriptions(copy));
    }

    public FeedStatus status() {
        long lastTickNanos = counters.lastTickNanos();
        long lastTickEpochMillis = lastTickNanos == 0 ? 0
                : System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastTickNanos);
        return new FeedStatus(state, detail, counters.frames(), counters.ticks(), counters.malformedFrames(),
                counters.unknownSymbols(), counters.droppedTicks(), counters.reconnects(), lastTickEpochMillis,
                subscribedSymbols, failedSubscriptions);
    }

    /** Disconnects and stops the client's thread, waiting a few seconds at most for the reader to finish. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CountDownLatch[] reader = new CountDownLatch[1];
        try {
            executor.submit(() -> {
                closing = true;
                cancelAuthDeadline();
                reader[0] = readerGone;
                if (socket != null) {
                    socket.disconnect();
                    socket = null;
                }
                setState(ConnectionState.DISCONNECTED, "closed");
            }).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            if (reader[0] != null) {
                reader[0].await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
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
        return "MarketDataClient[" + wsUrl + ", apiKey=****, " + state + "]";
    }

    private void connect() {
        if (closing) {
            return;
        }
        int epoch = ++connection;
        setState(ConnectionState.CONNECTING, "connecting to " + wsUrl);
        log.info("connecting to {}", wsUrl);
        WebSocket ws;
        CountDownLatch gone = new CountDownLatch(1);
        try {
            ws = sockets.createSocket(wsUrl)
                    .setDirectTextMessage(true)
                    .setPingInterval(settings.pingInterval().toMillis())
                    .addListener(new Listener(epoch, gone));
            // The stale check measures from here until the first frame; no reader thread exists yet.
            counters.heartbeat(System.nanoTime());
            ws.connect();
        } catch (IOException | WebSocketException e) {
            retry(epoch, "connect failed: " + e.getMessage());
            return;
        }
        socket = ws;
        readerGone = gone;
        setState(ConnectionState.AUTHENTICATING, "authenticating");
        ws.sendText(FeedRequests.authenticate(apiKey));
        authDeadline = executor.schedule(() -> authTimedOut(epoch),
                settings.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Schedules the next connect; only after a failed connect or once the old reader thread is gone. */
    private void retry(int epoch, String reason) {
        if (epoch != connection || closing || state == ConnectionState.FAILED) {
            return;
        }
        connection++;
        socket = null;
        cancelAuthDeadline();
        long delay = backoff.delayMillis(failedAttempts++);
        counters.reconnect();
        setState(ConnectionState.DISCONNECTED, reason + "; reconnecting in " + delay + " ms");
        log.warn("{} ({}); reconnecting in {} ms", reason, wsUrl, delay);
        executor.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void authTimedOut(int epoch) {
        if (epoch == connection && state == ConnectionState.AUTHENTICATING) {
            log.warn("no authentication reply within {}; dropping the connection", settings.authTimeout());
            socket.disconnect();
        }
    }

    private void checkStale() {
        if (state != ConnectionState.CONNECTED || socket == null) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - counters.lastFrameNanos());
        if (silentMillis > settings.staleAfter().toMillis()) {
            log.warn("no frame, ping or pong for {} ms; dropping the connection", silentMillis);
            socket.disconnect();
        }
    }

    private void onControl(int epoch, JsonNode frame) {
        if (epoch != connection) {
            return;
        }
        String type = frame.path("type").asText("");
        String status = frame.path("status").asText("");
        String message = scrub(frame.path("message").asText(""));
        switch (type) {
            case "auth", "authenticate" -> {
                if ("success".equals(status)) {
                    authenticated(frame);
                } else {
                    authFailed(message);
                }
            }
            case "subscribe" -> subscribeReply(frame);
            case "unsubscribe" -> {
                if (!"success".equals(status) && serverComplaints.tryAcquire(System.nanoTime())) {
                    log.warn("unsubscribe {}: {}; failed {}", status, message, frame.path("failed"));
                }
            }
            case "pong" -> {
            }
            default -> {
                String code = frame.path("code").asText("");
                if (state == ConnectionState.AUTHENTICATING && "AUTHENTICATION_ERROR".equals(code)) {
                    authFailed(message);
                } else if ("error".equals(status) && serverComplaints.tryAcquire(System.nanoTime())) {
                    log.warn("OpenAlgo error {}: {}", code, message);
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
        setState(ConnectionState.CONNECTED, "authenticated; broker " + scrub(reply.path("broker").asText("?")));
        log.info("authenticated at {}; subscribing {} symbols", wsUrl, wanted.size());
        Map<FeedMode, List<Instrument>> byMode = new LinkedHashMap<>();
        for (Subscription s : wanted.values()) {
            byMode.computeIfAbsent(s.mode(), m -> new ArrayList<>()).add(s.instrument());
        }
        byMode.forEach((mode, instruments) ->
                send(FeedRequests.subscribe(instruments, mode, settings.maxSymbolsPerMessage())));
    }

    private void authFailed(String message) {
        cancelAuthDeadline();
        setState(ConnectionState.FAILED, "authentication failed: " + (message.isEmpty() ? "rejected" : message));
        log.error("{} at {}; not retrying", detail, wsUrl);
        if (socket != null) {
            socket.disconnect();
        }
    }

    private void subscribeReply(JsonNode reply) {
        for (JsonNode item : reply.path("subscriptions")) {
            String symbol = item.path("symbol").asText("");
            if ("success".equals(item.path("status").asText(""))) {
                failedSubscriptions.remove(symbol);
            } else if (wanted.containsKey(symbol)) {
                failedSubscriptions.put(symbol, scrub(item.path("message").asText("subscription failed")));
            }
        }
        if (!"success".equals(reply.path("status").asText("")) && serverComplaints.tryAcquire(System.nanoTime())) {
            log.warn("subscribe {}: {} symbols failed so far", reply.path("status").asText(""), failedSubscriptions.size());
        }
    }

    private void addSubscriptions(List<Instrument> instruments, FeedMode mode) {
        List<Instrument> added = new ArrayList<>();
        List<Subscription> moved = new ArrayList<>();
        for (Instrument instrument : instruments) {
            Subscription previous = wanted.put(instrument.symbol(), new Subscription(instrument, mode));
            if (previous == null || previous.mode() != mode) {
                added.add(instrument);
            }
            if (previous != null && previous.mode() != mode) {
                moved.add(previous);
            }
        }
        subscribedSymbols = wanted.size();
        if (state == ConnectionState.CONNECTED) {
            send(FeedRequests.unsubscribe(moved, settings.maxSymbolsPerMessage()));
            send(FeedRequests.subscribe(added, mode, settings.maxSymbolsPerMessage()));
        }
    }

    private void removeSubscriptions(List<Instrument> instruments) {
        List<Subscription> removed = new ArrayList<>();
        for (Instrument instrument : instruments) {
            Subscription previous = wanted.remove(instrument.symbol());
            failedSubscriptions.remove(instrument.symbol());
            if (previous != null) {
                removed.add(previous);
            }
        }
        subscribedSymbols = wanted.size();
        if (state == ConnectionState.CONNECTED) {
            send(FeedRequests.unsubscribe(removed, settings.maxSymbolsPerMessage()));
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

    private void setState(ConnectionState next, String why) {
        detail = why;
        state = next;
    }

    /** A server might echo what it was sent; the key must not travel on into status or logs. */
    private String scrub(String text) {
        return text.replace(apiKey, "****");
    }

    private void execute(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("market-data client task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("market-data client is closed; request ignored");
        }
    }

    /** Callbacks of one connection; {@code epoch} lets the client ignore a previous connection's late events. */
    private final class Listener extends WebSocketAdapter {
        private final int epoch;
        private final CountDownLatch gone;

        Listener(int epoch, CountDownLatch gone) {
            this.epoch = epoch;
            this.gone = gone;
        }

        @Override
        public void onTextMessage(WebSocket ws, byte[] frame) {
            long arrivalNanos = System.nanoTime();
            if (dispatcher.onFrame(frame, arrivalNanos) == FrameKind.CONTROL) {
                control(frame);
            }
        }

        @Override
        public void onTextMessage(WebSocket ws, String frame) {
            onTextMessage(ws, frame.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onPingFrame(WebSocket ws, WebSocketFrame frame) {
            counters.heartbeat(System.nanoTime());
        }

        @Override
        public void onPongFrame(WebSocket ws, WebSocketFrame frame) {
            counters.heartbeat(System.nanoTime());
        }

        @Override
        public void onDisconnected(WebSocket ws, WebSocketFrame serverClose, WebSocketFrame clientClose,
                                   boolean closedByServer) {
            String reason = closedByServer && serverClose != null
                    ? "closed by server (" + serverClose.getCloseCode() + " " + serverClose.getCloseReason() + ")"
                    : "connection lost";
            gone.countDown();
            execute(() -> retry(epoch, reason));
        }

        private void control(byte[] frame) {
            JsonNode reply;
            try {
                reply = JSON.readTree(frame);
            } catch (IOException e) {
                return;
            }
            execute(() -> onControl(epoch, reply));
        }
    }
}
