package io.optionchain.engine.tick;

/**
 * Where a feed hands decoded ticks to the engine. Never blocks: back-pressure is the return value.
 */
public interface TickSink {
    /**
     * Copies {@code tick} into the ring and publishes it.
     *
     * @return false when the ring is full; the tick is counted as dropped and the caller moves on
     */
    boolean offer(TickEvent tick);
}
