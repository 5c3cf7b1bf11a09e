package io.optionchain.simulator.stream;

import io.javalin.Javalin;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.websocket.WsContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The market-data WebSocket server, at path "/" on its own port like OpenAlgo's proxy on 8765. Owns the
 * connections: creates a {@link ClientSession} per socket, pings every 20 s as the proxy does, closes
 * sockets that have not authenticated in time with 4401 "auth timeout", refuses the upgrade with HTTP 503
 * while the account's broker is down, and forgets a session's routes when it goes. Several sockets (one
 * per account) may share one {@link Subscriptions}, so one tick reaches every account's sessions. What
 * the messages mean is {@link StreamProtocol}'s business.
 */
public final class MarketDataSocket implements AutoCloseable {
    /** OpenAlgo's WS_AUTH_GRACE_SECONDS default. */
    public static final Duration AUTH_TIMEOUT = Duration.ofSeconds(15);
    static final int AUTH_TIMEOUT_CODE = 4401;
    private static final Duration PING_INTERVAL = Duration.ofSeconds(20);
    /** Long enough that a client answering pings is never dropped for being quiet. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** Room for a subscribe request naming a few thousand symbols. */
    private static final long MAX_MESSAGE_BYTES = 4L << 20;
    /**
     * Jetty's batch buffer: frames below a quarter of it are gathered into one write. 64 KiB holds about
     * seventy depth frames, so a busy duty cycle leaves in a write or two.
     */
    private static final int OUTPUT_BUFFER_BYTES = 64 << 10;

    private final StreamProtocol protocol;
    private final Subscriptions subscriptions;
    private final Duration authTimeout;
    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sentTicks = new AtomicLong();
    private final AtomicLong droppedTicks = new AtomicLong();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "openalgo-simulator-auth-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Javalin app;

    public MarketDataSocket(StreamProtocol protocol, Subscriptions subscriptions, Duration authTimeout) {
        this.protocol = protocol;
        this.subscriptions = subscriptions;
        this.authTimeout = authTimeout;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setIdleTimeout(IDLE_TIMEOUT);
                factory.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
                factory.setOutputBufferSize(OUTPUT_BUFFER_BYTES);
            });
            // Jetty answers a refused upgrade with this status and never opens the socket: the client's
            // handshake fails, as it does when a broker's gateway is gone
            config.routes.wsBeforeUpgrade("/", ctx -> {
                if (!protocol.acceptsConnections()) {
                    throw new ServiceUnavailableResponse();
                }
            });
            config.routes.ws("/", ws -> {
                ws.onConnect(this::opened);
                ws.onMessage(ctx -> {
                    ClientSession session = sessions.get(ctx.sessionId());
                    if (session != null) {
                        protocol.onMessage(session, ctx.message());
                    }
                });
                ws.onClose(this::gone);
                ws.onError(this::gone);
            });
        });
    }

    public MarketDataSocket start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Tick frames handed to Jetty for every client, since the server started. */
    public long sentTicks() {
        return sentTicks.get();
    }

    /** Ticks not sent because a client had {@link ClientSession#MAX_TICKS_IN_FLIGHT} queued already. */
    public long droppedTicks() {
        return droppedTicks.get();
    }

    private void opened(WsContext ctx) {
        ClientSession session = new ClientSession(ctx, sentTicks, droppedTicks);
        if (!protocol.acceptsConnections()) {
            // upgraded just before the broker went down, after its sweep: it goes the way the sweep sends sockets
            session.abort();
            return;
        }
        sessions.put(ctx.sessionId(), session);
        ctx.enableAutomaticPings(PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        session.authDeadline(timers.schedule(() -> {
            if (!session.authenticated() && session.open()) {
                session.close(AUTH_TIMEOUT_CODE, "auth timeout");
            }
        }, authTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Aborts every connection (a fault). Routes are forgotten here rather than left to Jetty's close
     * callback, so no tick is rendered for a dead session in between.
     */
    public void dropAll() {
        for (String id : sessions.keySet()) {
            ClientSession session = forget(id);
            if (session != null) {
                session.abort();
            }
        }
    }

    /**
     * Aborts, like {@link #dropAll}, only the sessions that have authenticated: an account's broker session
     * has gone, so what it was granted goes with it; sockets still waiting to authenticate stay.
     */
    public void dropAuthenticated() {
        sessions.forEach((id, session) -> {
            if (session.authenticated() && forget(id) != null) {
                session.abort();
            }
        });
    }

    /** Aborts, like {@link #dropAll}, only the sessions subscribed to {@code symbol}; returns how many. */
    public int dropHolding(String symbol) {
        // the holders are fixed before the first drop: a client that moves the symbol to another of its
        // connections at once must not make that connection a holder and have it dropped as well
        List<String> holders = new ArrayList<>();
        sessions.forEach((id, session) -> {
            if (session.holds(symbol)) {
                holders.add(id);
            }
        });
        int dropped = 0;
        for (String id : holders) {
            ClientSession session = forget(id);
            if (session != null) {
                session.abort();
                dropped++;
            }
        }
        return dropped;
    }

    /** Aborts, like {@link #dropAll}, the one session with this id; returns whether it was live. */
    public boolean drop(String id) {
        ClientSession session = forget(id);
        if (session == null) {
            return false;
        }
        session.abort();
        return true;
    }

    /** Every live session, authenticated or not, in no particular order. */
    public List<FeedConnection> connections() {
        List<FeedConnection> live = new ArrayList<>();
        sessions.forEach((id, session) -> live.add(
                new FeedConnection(id, session.authenticated(), session.symbolCount())));
        return List.copyOf(live);
    }

    private void gone(WsContext ctx) {
        forget(ctx.sessionId());
    }

    /** @return the session, if it was still known */
    private ClientSession forget(String id) {
        ClientSession session = sessions.remove(id);
        if (session != null) {
            session.closed();
            subscriptions.detachEverywhere(session);
        }
        return session;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        app.stop();
    }
}
