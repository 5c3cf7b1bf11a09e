package io.optionchain.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * What one consumer did when offered one rate: the figures of the measured window, and the loss over
 * the whole trial (warm-up, window and drain), when every tick the market offered either reached the
 * end of the consumer's processing or did not.
 *
 * @param consumer      "ours" or "baseline"
 * @param setup         how the consumer was set up, e.g. its wait strategy
 * @param rate          frames a second the market was asked for
 * @param sentRate      frames a second the market actually offered in the window
 * @param throughput    ticks a second fully processed in the window
 * @param dropped       ticks offered in the trial and never processed: refused by a full ring, withheld
 *                      by the market from a lagging connection, or lost on the way
 * @param withheld      of those, ticks the market never sent because the connection lagged 4,096 frames
 * @param refused       of those, ticks the consumer refused on arrival (a full ring)
 * @param latency       frame arrival to processed, nanoseconds, over the window
 * @param rssMegabytes  largest resident set of the harness process seen in the window
 * @param harnessCores  CPU the harness process used in the window, in cores
 * @param marketCores   CPU the simulator process used in the window, in cores
 * @param bytesPerTick  heap the harness allocated in the window per tick processed: what drives its
 *                      young collections, and so its latency tail
 * @param threadCores   the harness's busiest threads in the window, by name, in cores
 */
record RateResult(String consumer, String setup, int rate, double sentRate, double throughput, long dropped,
                  long withheld, long refused, Histogram latency, double rssMegabytes, double harnessCores,
                  double marketCores, long bytesPerTick, Map<String, Double> threadCores) {

    double p50Micros() {
        return micros(latency.getValueAtPercentile(50));
    }

    double p99Micros() {
        return micros(latency.getValueAtPercentile(99));
    }

    double p999Micros() {
        return micros(latency.getValueAtPercentile(99.9));
    }

    double maxMicros() {
        return micros(latency.getMaxValue());
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
