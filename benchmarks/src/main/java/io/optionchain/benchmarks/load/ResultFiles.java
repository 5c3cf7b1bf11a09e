package io.optionchain.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a run's results where they can be committed: the text table, the JSON (every trial and the
 * summary), one HdrHistogram percentile file per plotted curve and the percentile plot. Small files,
 * overwritten by each run.
 */
final class ResultFiles {
    private final Path directory;

    ResultFiles(Path directory) {
        this.directory = directory;
    }

    /** A curve of the plot and its .hgrm file, named {@code latency-<file>.hgrm}. */
    record Plotted(String file, PercentilePlot.Series series) {
    }

    void write(String conditions, List<RateResult> trials, List<Plotted> plotted, Summary summary) {
        try {
            Files.createDirectories(directory);
            // curves of an earlier run with other rates must not sit beside this run's as if they were its own
            try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, "latency-*.hgrm")) {
                for (Path file : old) {
                    Files.delete(file);
                }
            }
            Files.writeString(directory.resolve("results.txt"),
                    conditions + "\n\n" + ResultTable.of(trials) + "\n" + summary.toJson() + "\n");
            Files.writeString(directory.resolve("results.json"), json(conditions, trials, summary));
            for (Plotted curve : plotted) {
                Files.writeString(directory.resolve("latency-" + curve.file() + ".hgrm"), hgrm(curve));
            }
            Files.writeString(directory.resolve("latency-percentiles.svg"), PercentilePlot.svg(
                    "Frame arrival to decision, 2,000 options subscribed",
                    plotted.stream().map(Plotted::series).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** HdrHistogram's percentile distribution, values in microseconds. */
    private static String hgrm(Plotted curve) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            out.println("# " + curve.series().label());
            curve.series().nanos().outputPercentileDistribution(out, 1_000.0);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String json(String conditions, List<RateResult> trials, Summary summary) {
        String rows = trials.stream().map(r -> String.format(Locale.ROOT, "    {\"side\":\"%s\", \"setup\":\"%s\", "
                        + "\"rate\":%d, \"sent_rate\":%.0f, \"throughput\":%.0f, \"dropped\":%d, "
                        + "\"withheld\":%d, \"refused\":%d, \"p50_us\":%.1f, \"p99_us\":%.1f, \"p999_us\":%.1f, "
                        + "\"max_us\":%.1f, \"rss_mb\":%.1f, \"harness_cores\":%.2f, \"market_cores\":%.2f, "
                        + "\"bytes_per_tick\":%d}",
                        r.consumer(), r.setup(), r.rate(), r.sentRate(), r.throughput(), r.dropped(), r.withheld(),
                        r.refused(), r.p50Micros(), r.p99Micros(), r.p999Micros(), r.maxMicros(), r.rssMegabytes(),
                        r.harnessCores(), r.marketCores(), r.bytesPerTick()))
                .collect(Collectors.joining(",\n"));
        return "{\n  \"conditions\": \"" + conditions.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                + "\",\n  \"trials\": [\n" + rows + "\n  ],\n  \"summary\": " + summary.toJson() + "\n}\n";
    }
}
