package io.optionchain.gateway.feed;

/**
 * A budget of log lines per time window for the feed's complainers ({@link FrameDispatcher}, {@link ControlReplies}),
 * so a server that sends a stream of bad frames or errors fills counters rather than the log. Single-threaded: each thread that logs keeps its own.
 */
final class Throttle {
    private final int permits;
    private final long windowNanos;
    private long windowStart;
    private int used;
    private boolean started;

    Throttle(int permits, long windowNanos) {
        this.permits = permits;
        this.windowNanos = windowNanos;
    }

    boolean tryAcquire(long nowNanos) {
        if (!started || nowNanos - windowStart >= windowNanos) {
            started = true;
            windowStart = nowNanos;
            used = 0;
        }
        if (used < permits) {
            used++;
            return true;
        }
        return false;
    }
}
