package io.optionchain.simulator;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One market-data WebSocket connection: whether it has authenticated, what it subscribed to in which
 * modes, and its outbound frames. Every send holds this object's lock, so replies and ticks reach the
 * client in the order they were decided, and a tick for a symbol never follows the reply that
 * unsubscribed it.
 */
final class ClientSession {
    /**
     * Ticks a slow client may have queued in Jetty before further ticks are dropped (and counted).
     * Replies are never dropped.
     */
    static final int MAX_TICKS_IN_FLIGHT = 4096;

    private final WsContext context;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Shared by every session of one server, read when it stops. */
    private final AtomicLong dropped;
    private final Callback sent = Callback.from(this::onSent, failure -> onSent());
    /** Bit {@code 1 << mode} set for each subscribed mode of a symbol; guarded by this. */
    private final Map<SimulatedSymbol, Integer> modes = new LinkedHashMap<>();
    private volatile boolean authenticated;
    private volatile boolean open = true;
    private volatile ScheduledFuture<?> authDeadline;

    ClientSession(WsContext context, AtomicLong dropped) {
        this.context = context;
        this.dropped = dropped;
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticate() {
        authenticated = true;
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    void authDeadline(ScheduledFuture<?> deadline) {
        authDeadline = deadline;
    }

    boolean open() {
        return open;
    }

    /** The connection has gone; cancels the auth deadline. The caller removes the session's routes. */
    void closed() {
        open = false;
        ScheduledFuture<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    void close(int code, String reason) {
        context.closeSession(code, reason);
    }

    synchronized void reply(String json) {
        send(json);
    }

    /** @return true when the symbol had no mode before, so the routing table must learn of it */
    synchronized boolean subscribe(SimulatedSymbol symbol, int mode) {
        int before = modes.getOrDefault(symbol, 0);
        modes.put(symbol, before | (1 << mode));
        return before == 0;
    }

    /** @return true when the symbol has no mode left, so the routing table may forget it */
    synchronized boolean unsubscribe(SimulatedSymbol symbol, int mode) {
        Integer before = modes.get(symbol);
        if (before == null) {
            return false;
        }
        int after = before & ~(1 << mode);
        if (after == 0) {
            modes.remove(symbol);
            return true;
        }
        modes.put(symbol, after);
        return false;
    }

    /** Removes every subscription; returns them as (symbol, mode) pairs in subscription order. */
    synchronized List<Map.Entry<SimulatedSymbol, Integer>> unsubscribeAll() {
        List<Map.Entry<SimulatedSymbol, Integer>> removed = new ArrayList<>();
        modes.forEach((symbol, mask) -> {
            for (int mode = TickFrames.LTP; mode <= TickFrames.DEPTH; mode++) {
                if ((mask & (1 << mode)) != 0) {
                    removed.add(Map.entry(symbol, mode));
                }
            }
        });
        modes.clear();
        return removed;
    }

    /** Sends this tick once per mode the session holds for the symbol, unless the client is too far behind. */
    synchronized void deliver(SimulatedSymbol symbol, TickFrames frames) {
        Integer mask = modes.get(symbol);
        if (mask == null) {
            return;
        }
        for (int mode = TickFrames.LTP; mode <= TickFrames.DEPTH; mode++) {
            if ((mask & (1 << mode)) != 0) {
                if (inFlight.get() >= MAX_TICKS_IN_FLIGHT) {
                    dropped.incrementAndGet();
                } else {
                    send(frames.frame(mode));
                }
            }
        }
    }

    private void send(String text) {
        inFlight.incrementAndGet();
        try {
            context.session.sendText(text, sent);
        } catch (RuntimeException e) {
            // The connection is going away; onClose will clean up.
            onSent();
        }
    }

    private void onSent() {
        inFlight.decrementAndGet();
    }
}
