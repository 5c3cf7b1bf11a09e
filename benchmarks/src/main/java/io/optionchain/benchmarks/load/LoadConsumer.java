package io.optionchain.benchmarks.load;

import org.HdrHistogram.Histogram;

/**
 * One side of the load test that reads the simulated feed over its own WebSocket and processes every
 * tick: our engine, or its naive twin built as the seed design reads. Counters are cumulative since
 * the consumer connected; the harness takes differences.
 */
interface LoadConsumer extends AutoCloseable {
    String name();

    /** Symbols subscribed. */
    int instruments();

    /** Symbols that have had at least one tick processed. */
    int instrumentsSeen();

    /** Ticks whose processing has finished: the stop decision (ours) or the chain rebuild (baseline). */
    long processed();

    /** Ticks refused on the way in (a full ring); they are counted in the loss too. */
    long refused();

    /** Forgets latencies recorded so far, after warm-up. */
    void resetLatency();

    /** Frame-arrival-to-processed latencies since the last reset, in nanoseconds; a copy. */
    Histogram latency();

    @Override
    void close();
}
