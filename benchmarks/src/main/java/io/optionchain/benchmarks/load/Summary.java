package io.optionchain.benchmarks.load;

import java.util.Locale;

/**
 * The run in one line: our figures at the highest sustainable rate, the baseline's throughput when
 * offered the same rate, and how many times more ticks a second we processed. Rates and throughputs
 * in ticks a second, latencies in microseconds, memory in MiB; a figure not measured is null.
 */
record Summary(int rate, double throughput, long dropped, double p50Micros, double p99Micros, double p999Micros,
               double maxMicros, double rssMegabytes, Double baselineThroughput) {

    static Summary of(RateResult ours, RateResult baseline) {
        return new Summary(ours.rate(), ours.throughput(), ours.dropped(), ours.p50Micros(), ours.p99Micros(),
                ours.p999Micros(), ours.maxMicros(), ours.rssMegabytes(),
                baseline == null ? null : baseline.throughput());
    }

    /** Our throughput over the baseline's; null without a baseline, or when it processed nothing. */
    Double ratio() {
        return baselineThroughput == null || baselineThroughput <= 0 ? null : throughput / baselineThroughput;
    }

    String toJson() {
        return String.format(Locale.ROOT, "{\"rate\":%d, \"throughput\":%d, \"dropped\":%d, \"p50_us\":%.1f, "
                        + "\"p99_us\":%.1f, \"p999_us\":%.1f, \"max_us\":%.1f, \"rss_mb\":%.1f, "
                        + "\"baseline_throughput\":%s, \"ratio\":%s}",
                rate, Math.round(throughput), dropped, p50Micros, p99Micros, p999Micros, maxMicros, rssMegabytes,
                baselineThroughput == null ? "null" : Long.toString(Math.round(baselineThroughput)),
                ratio() == null ? "null" : String.format(Locale.ROOT, "%.1f", ratio()));
    }
}
