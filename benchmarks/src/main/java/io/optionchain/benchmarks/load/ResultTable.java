package io.optionchain.benchmarks.load;

import java.util.List;
import java.util.Locale;

/** Trials as a fixed-width text table, one line per trial, the way the harness prints them as it goes. */
final class ResultTable {
    private static final String COLUMNS = "%-8s %-22s %8s %8s %8s %8s %9s %9s %9s %9s %7s %6s %6s %7s";
    private static final String ROW = "%-8s %-22s %8d %8.0f %8.0f %8d %9.1f %9.1f %9.1f %9.1f %7.1f %6.2f %6.2f %7d";
    static final String HEADER = String.format(Locale.ROOT, COLUMNS,
            "side", "setup", "rate/s", "offer/s", "ticks/s", "dropped", "p50 µs", "p99 µs", "p99.9 µs", "max µs",
            "RSS MB", "cpu", "mkt", "B/tick");

    private ResultTable() {
    }

    static String line(RateResult r) {
        return String.format(Locale.ROOT, ROW,
                r.consumer(), r.setup(), r.rate(), r.sentRate(), r.throughput(), r.dropped(), r.p50Micros(),
                r.p99Micros(), r.p999Micros(), r.maxMicros(), r.rssMegabytes(), r.harnessCores(), r.marketCores(),
                r.bytesPerTick());
    }

    /**
     * Where the harness's CPU went and where ticks were lost, e.g.
     * {@code   threads: ReadingThread 0.41, Thread-3 0.30; dropped: 0 withheld by the market, 0 refused by the ring}.
     */
    static String detail(RateResult r) {
        StringBuilder line = new StringBuilder("    threads:");
        r.threadCores().forEach((name, cores) -> line.append(String.format(Locale.ROOT, " %s %.2f,", name, cores)));
        line.setLength(line.length() - (r.threadCores().isEmpty() ? 0 : 1));
        if (r.dropped() > 0) {
            line.append(String.format(Locale.ROOT, "; dropped: %d withheld by the market, %d refused by the ring",
                    r.withheld(), r.refused()));
        }
        return line.toString();
    }

    static String of(List<RateResult> results) {
        StringBuilder table = new StringBuilder(HEADER).append('\n');
        results.forEach(r -> table.append(line(r)).append('\n').append(detail(r)).append('\n'));
        return table.toString();
    }
}
