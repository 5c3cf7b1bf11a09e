package io.optionchain.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;

/**
 * How the pipeline's ring is built: its size, how idle stage threads wait, and how stages map onto threads.
 *
 * @param size         slots in the ring, a power of two; the feed drops (and counts) ticks when all are in
 *                     flight, so size it for the longest stall a stage may take
 * @param waitStrategy how idle stage threads wait: blocking is kind to a 2-core machine, busy-spin buys the
 *                     lowest latency for a core per stage
 * @param stageThreads one thread for all stages, or a thread each; see {@link StageThreads}
 */
public record RingSettings(int size, WaitStrategy waitStrategy, StageThreads stageThreads) {
    public RingSettings {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("ring size must be a power of 2, got " + size);
        }
        if (waitStrategy == null || stageThreads == null) {
            throw new IllegalArgumentException("ring settings need a wait strategy and a stage-thread layout");
        }
    }

    /** One stage thread that blocks while idle: the default on a small machine. */
    public static RingSettings blocking(int size) {
        return new RingSettings(size, new BlockingWaitStrategy(), StageThreads.ONE);
    }

    public RingSettings withStageThreads(StageThreads threads) {
        return new RingSettings(size, waitStrategy, threads);
    }
}
