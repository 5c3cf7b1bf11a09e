package io.optionchain.gateway.feed;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The market-data connection's counters, each written by one thread and read by status readers.
 *
 * <p>Single writer per slot, so an increment is a plain read and a release store (no CAS, no fence on
 * x86): the reader thread owns frames, ticks, malformed, unknown symbols, dropped and the last-frame and
 * last-tick times; the client's executor owns reconnects, and sets the last-frame time only while no
 * reader thread exists (before a connect).
 */
final class FeedCounters {
    private static final int FRAMES = 0;
    private static final int TICKS = 1;
    private static final int MALFORMED = 2;
    private static final int UNKNOWN_SYMBOL = 3;
    private static final int DROPPED = 4;
    private static final int RECONNECTS = 5;
    private static final int LAST_TICK_NANOS = 6;
    private static final int LAST_FRAME_NANOS = 7;
    private static final int OVERSIZED = 8;
    private static final int SLOTS = 9;

    private final AtomicLongArray values = new AtomicLongArray(SLOTS);

    void frame(long arrivalNanos) {
        increment(FRAMES);
        values.setRelease(LAST_FRAME_NANOS, arrivalNanos);
    }

    /** A ping or pong: proof the connection is alive, though it carries no data. */
    void heartbeat(long arrivalNanos) {
        values.setRelease(LAST_FRAME_NANOS, arrivalNanos);
    }

    void tick(long arrivalNanos) {
        increment(TICKS);
        values.setRelease(LAST_TICK_NANOS, arrivalNanos);
    }

    void malformed() {
        increment(MALFORMED);
    }

    void oversized() {
        increment(OVERSIZED);
    }

    void unknownSymbol() {
        increment(UNKNOWN_SYMBOL);
    }

    void dropped() {
        increment(DROPPED);
    }

    void reconnect() {
        increment(RECONNECTS);
    }

    long frames() {
        return values.getAcquire(FRAMES);
    }

    long ticks() {
        return values.getAcquire(TICKS);
    }

    long malformedFrames() {
        return values.getAcquire(MALFORMED);
    }

    long oversizedFrames() {
        return values.getAcquire(OVERSIZED);
    }

    long unknownSymbols() {
        return values.getAcquire(UNKNOWN_SYMBOL);
    }

    long droppedTicks() {
        return values.getAcquire(DROPPED);
    }

    long reconnects() {
        return values.getAcquire(RECONNECTS);
    }

    /** System.nanoTime() of the last tick handed to the sink; 0 before the first. */
    long lastTickNanos() {
        return values.getAcquire(LAST_TICK_NANOS);
    }

    /** System.nanoTime() of the last frame, ping or pong received. */
    long lastFrameNanos() {
        return values.getAcquire(LAST_FRAME_NANOS);
    }

    private void increment(int slot) {
        values.setRelease(slot, values.getPlain(slot) + 1);
    }
}
