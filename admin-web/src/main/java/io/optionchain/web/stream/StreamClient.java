package io.optionchain.web.stream;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One SSE connection: a bounded queue the publisher offers to without ever waiting, drained by the
 * connection's own request thread, which alone writes to the socket. A client too slow to keep its queue
 * from filling is dropped ({@link #close}); it never holds up the publisher, let alone the engine.
 *
 * <p>The stream is written straight to the servlet response on the request's thread, which it holds for
 * the stream's life ({@code dashboard.max_clients} bounds how many). A blocking write to a peer that stopped
 * reading ends when {@link #close} interrupts it, or at the latest at Jetty's idle timeout.
 */
final class StreamClient {
    /** A comment this often keeps proxies and Jetty's idle timeout from closing a quiet stream, and finds dead peers. */
    private static final long HEARTBEAT_MILLIS = 10_000;
    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final BlockingQueue<StreamEvent> queue;
    private volatile boolean closed;
    private volatile Thread writer;
    /** When an event last went out whole (or the stream opened), System.nanoTime; heartbeats do not count. */
    private volatile long progressNanos = System.nanoTime();
    /** When the write under way began, or 0 when none is: a peer that stopped reading blocks it. */
    private volatile long writingSinceNanos;
    /** ATM of the last whole chain queued: the window this client's table shows. Guarded by its topic. */
    private Object window;

    StreamClient(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** @return false when the queue is full (the client is too slow) or the client is closed */
    boolean offer(StreamEvent event) {
        return !closed && queue.offer(event);
    }

    void window(Object atmStrike) {
        window = atmStrike;
    }

    /** Whether this client's table shows the window centred on {@code atmStrike}, so row updates fit it. */
    boolean shows(Object atmStrike) {
        return atmStrike.equals(window);
    }

    /**
     * How long this stream has gone without progress at {@code now}: since a write began, if one is under way
     * (blocked, when the peer stopped reading), else since the last event went out whole.
     */
    long stalledNanos(long now) {
        long writing = writingSinceNanos;
        return now - (writing != 0 ? writing : progressNanos);
    }

    /** Whether a write has been under way for at least {@code nanos} at {@code now}: the peer is not reading. */
    boolean blockedFor(long now, long nanos) {
        long writing = writingSinceNanos;
        return writing != 0 && now - writing >= nanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** Ends the connection: the writer stops after its current write, or at once when it is waiting or blocked. */
    void close() {
        closed = true;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Opens the stream on {@code ctx} and writes queued events until the client goes or is closed. */
    void writeUntilClosed(Context ctx) {
        writer = Thread.currentThread();
        try {
            HttpServletResponse response = ctx.res();
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            OutputStream out = response.getOutputStream();
            out.flush();
            while (!closed) {
                StreamEvent event = queue.poll(HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
                writingSinceNanos = System.nanoTime();
                out.write(event == null ? HEARTBEAT : frame(event));
                out.flush();
                writingSinceNanos = 0;
                if (event != null) {
                    progressNanos = System.nanoTime();
                }
            }
        } catch (InterruptedException | IOException e) {
            // close() asked us to stop, or the client went away: either way the stream is over
        } finally {
            closed = true;
            writer = null;
            Thread.interrupted(); // the request thread goes back to Jetty's pool clean
        }
    }

    /** The event in the wire format; a line break inside the data would end the field, so each line is its own. */
    static byte[] frame(StreamEvent event) {
        StringBuilder text = new StringBuilder(event.data().length() + 48);
        if (event.id() != null) {
            text.append("id: ").append(event.id()).append('\n');
        }
        text.append("event: ").append(event.name()).append('\n');
        for (String line : event.data().split("\r\n|\r|\n", -1)) {
            text.append("data: ").append(line).append('\n');
        }
        return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
