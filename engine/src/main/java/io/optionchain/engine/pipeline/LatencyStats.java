package io.optionchain.engine.pipeline;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * Frame-arrival-to-decision latency. The ring's last handler records with a wait-free, allocation-free
 * {@link Recorder}; readers fold its interval histograms into a cumulative one under this object's lock.
 */
public final class LatencyStats {
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    private final Histogram cumulative = new Histogram(HIGHEST_NANOS, 3);
    private Histogram interval;

    /** Single writer: the ring's last handler. Values past a minute are clamped, never thrown on. */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NANOS)));
    }

    public synchronized LatencySummary summary() {
        drain();
        return new LatencySummary(cumulative.getTotalCount(),
                micros(cumulative.getValueAtPercentile(50)),
                micros(cumulative.getValueAtPercentile(99)),
                micros(cumulative.getValueAtPercentile(99.9)),
                micros(cumulative.getMaxValue()));
    }

    /** A copy of the cumulative histogram in nanoseconds, for plots and benchmarks. */
    public synchronized Histogram histogram() {
        drain();
        return cumulative.copy();
    }

    public synchronized void reset() {
        drain();
        cumulative.reset();
    }

    private void drain() {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    /** Percentiles in microseconds. */
    public record LatencySummary(long count, double p50Micros, double p99Micros, double p999Micros,
                                 double maxMicros) {
    }
}
