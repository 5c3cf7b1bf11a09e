package io.optionchain.simulator.stream;

import io.javalin.websocket.WsContext;
import io.optionchain.simulator.market.SimulatedSymbol;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>Ticks are sent in Jetty's batch mode: each is still its own WebSocket text message, but frames are
 * gathered into one socket write until the publisher's {@link #flush} at the end of its duty cycle (or a
 * reply, which Jetty never batches, goes out behind them). With a socket write and a String encode per
 * frame, one connection topped out near 60,000 frames a second to a client that only counted them, on
 * two cores; batched, and rendered straight to bytes ({@link TickFrames}), it carries 150,000 and more.
 */
final class ClientSession {
    /**
     * Ticks a slow client may have queued in Jetty before further ticks are dropped (and counted).
     * Replies are never dropped.
     */
    static final int MAX_TICKS_IN_FLIGHT = 4096;

    private final WsContext context;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Shared by every session of one server: ticks handed to Jetty, and ticks withheld from a slow client. */
    private final AtomicLong sent;
    private final AtomicLong dropped;
    private final Callback written = Callback.from(this::onSent, failure -> onSent());
    /** Bit {@code 1 << mode} set for each subscribed mode of a symbol; guarded by this. */
    private final Map<SimulatedSymbol, Integer> modes = new LinkedHashMap<>();
    private volatile boolean authenticated;
    private volatile boolean open = true;
    private volatile ScheduledFuture<?> authDeadline;
    /** Ticks batched since the last flush; guarded by this. */
    private boolean unflushed;

    ClientSession(WsContext context, AtomicLong sent, AtomicLong dropped) {
        this.context = context;
        this.sent = sent;
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

    /** Drops the TCP connection without a close frame, as a failed network would. */
    void abort() {
        core().abort();
    }

    /** Sends a reply at once, behind any ticks still batched. */
    synchronized void reply(String json) {
        send(json.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Distinct symbols subscribed, in any mode. */
    synchronized int symbolCount() {
        return modes.size();
    }

    synchronized boolean holds(SimulatedSymbol symbol) {
        return modes.containsKey(symbol);
    }

    /** Whether any subscribed symbol has this name, on whichever exchange. */
    synchronized boolean holds(String symbol) {
        for (SimulatedSymbol held : modes.keySet()) {
            if (held.symbol().equals(symbol)) {
                return true;
            }
        }
        return false;
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

    /**
     * Batches this tick once per mode the session holds for the symbol, unless the client is too far
     * behind; it leaves with the next {@link #flush}.
     */
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
                    send(frames.frame(mode), true);
                }
            }
        }
    }

    /** Writes out the ticks batched since the last flush. */
    synchronized void flush() {
        if (!unflushed) {
            return;
        }
        unflushed = false;
        try {
            core().flush(Callback.NOOP);
        } catch (RuntimeException e) {
            // The connection is going away; onClose will clean up.
        }
    }

    private void send(byte[] utf8, boolean batch) {
        inFlight.incrementAndGet();
        try {
            core().sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(utf8)), written, batch);
            if (batch) {
                unflushed = true;
                sent.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // The connection is going away; onClose will clean up.
            onSent();
        }
    }

    /** Jetty's session beneath Javalin's: only its core exposes batch mode and flush. */
    private CoreSession core() {
        return ((WebSocketSession) context.session).getCoreSession();
    }

    private void onSent() {
        inFlight.decrementAndGet();
    }
}
