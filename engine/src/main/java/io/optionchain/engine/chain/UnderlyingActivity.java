package io.optionchain.engine.chain;

/**
 * Tick counters of one underlying (its index and all its options). Written by the ring's last
 * handler only; read by status readers, hence volatile fields with a single writer.
 */
public final class UnderlyingActivity {
    private volatile long ticks;
    private volatile long lastTickMillis;

    /** Single writer: the pipeline's activity handler. */
    public void recordTick(long nowMillis) {
        ticks = ticks + 1;
        lastTickMillis = nowMillis;
    }

    public long ticks() {
        return ticks;
    }

    /** Epoch milliseconds of the newest tick, 0 before the first. */
    public long lastTickMillis() {
        return lastTickMillis;
    }
}
