package io.optionchain.benchmarks.load;

import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.rest.OpenAlgoReferenceData;
import io.optionchain.gateway.rest.OpenAlgoRestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The end-to-end load test ({@code bin/bench}): the simulated OpenAlgo market in a child JVM publishes
 * at chosen rates over a loopback WebSocket into the full application pipeline in this JVM, then into
 * the naive baseline at the highest rate our side sustained.
 *
 * <pre>
 *   child JVM: SimulatorControl ──WS──> MarketDataClient ─> FrameDecoder ─> ring ─> 1 ─> 2 ─> 3 (latency)
 *              (paced, open loop)  └─WS──> SeedBaseline: readValue(Map) ─> queue ─> rebuild (latency)
 * </pre>
 *
 * Each trial prints one table line; the run ends with the summary as one JSON object, the last line.
 * Results, HdrHistogram percentile files and the plot go to {@code --out} (benchmarks/results).
 */
public final class LoadHarness {
    /** The market's JVM: heap enough that its collector stays out of the way at 200,000 frames a second. */
    private static final List<String> MARKET_JVM = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC");
    /** Fast enough that every instrument ticks within a second and the JIT sees the hot path often. */
    private static final int PRIME_RATE = 20_000;
    private static final Duration PRIME_LIMIT = Duration.ofSeconds(60);
    private static final Duration SUBSCRIBE_LIMIT = Duration.ofSeconds(30);

    private final HarnessOptions options;
    private final RateSearch search = RateSearch.defaults();
    private final List<RateResult> trials = new ArrayList<>();
    private final List<ResultFiles.Plotted> plotted = new ArrayList<>();

    private LoadHarness(HarnessOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        HarnessOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(HarnessOptions.USAGE);
                return;
            }
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        Summary summary = new LoadHarness(options).run();
        System.out.println(summary.toJson());
        System.exit(0);
    }

    private Summary run() throws InterruptedException {
        String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try (SimulatorProcess market = new SimulatorProcess(apiKey, MARKET_JVM, marketLog())) {
            ChainPlan plan = ChainPlan.of(new OpenAlgoReferenceData(
                    new OpenAlgoRestClient(market.restUrl(), apiKey, Duration.ofSeconds(10))), options.options());
            String conditions = conditions(plan);
            System.out.println(conditions);
            System.out.println();
            System.out.println(ResultTable.HEADER);
            RateTrial trial = new RateTrial(market, options.warmUp(), options.window());

            for (Setup setup : options.compare()) {
                try (EngineUnderTest engine = open(plan, market, apiKey, setup, trial)) {
                    for (int rate : options.compareRates()) {
                        record(trial.run(engine, setup.label(), rate));
                    }
                }
            }

            SortedMap<Integer, RateResult> ours = sweep(plan, market, apiKey, trial);
            SortedMap<Integer, Boolean> outcomes = outcomes(ours);
            int best = search.best(outcomes).orElse(outcomes.firstKey());
            RateResult top = ours.get(best);
            plot("ours-2k", ours.get(2_000));
            plot("ours-50k", ours.get(50_000));
            plot("ours-max", top);

            RateResult baseline = null;
            if (options.baseline()) {
                try (SeedBaseline seed = new SeedBaseline(plan, market.wsUrl(), apiKey)) {
                    trial.prime(seed, PRIME_RATE, options.warmUp(), PRIME_LIMIT);
                    baseline = record(trial.run(seed, "seed", best));
                }
                plot("baseline", baseline);
            }

            Summary summary = Summary.of(top, baseline);
            System.out.println();
            System.out.println(search.best(outcomes).isPresent()
                    ? "highest sustainable rate: " + best
                            + " ticks/s (throughput >= 95% of offered, 0 dropped, p99.9 <= 5 ms)"
                    : "no rate was sustained; the summary reports the lowest rate tried, " + best + " ticks/s");
            ResultFiles files = new ResultFiles(options.output());
            files.write(conditions, trials, plotted, summary);
            System.out.println("results, histograms and plot written to " + files.directory());
            return summary;
        }
    }

    /** The main run: the fixed rates, then the search for the highest sustainable one, on one engine. */
    private SortedMap<Integer, RateResult> sweep(ChainPlan plan, SimulatorProcess market, String apiKey,
                                                 RateTrial trial) throws InterruptedException {
        SortedMap<Integer, RateResult> results = new TreeMap<>();
        String label = options.setup().label();
        try (EngineUnderTest engine = open(plan, market, apiKey, options.setup(), trial)) {
            for (int rate : options.rates()) {
                results.put(rate, record(trial.run(engine, label, rate)));
            }
            for (int step = 0; step < options.searchSteps(); step++) {
                OptionalInt next = search.next(outcomes(results));
                if (next.isEmpty()) {
                    break;
                }
                results.put(next.getAsInt(), record(trial.run(engine, label, next.getAsInt())));
            }
            warnOfFeedTrouble(engine.feedStatus());
        }
        return results;
    }

    private SortedMap<Integer, Boolean> outcomes(Map<Integer, RateResult> results) {
        SortedMap<Integer, Boolean> outcomes = new TreeMap<>();
        results.forEach((rate, result) -> outcomes.put(rate, search.sustained(result)));
        return outcomes;
    }

    private EngineUnderTest open(ChainPlan plan, SimulatorProcess market, String apiKey, Setup setup,
                                 RateTrial trial) throws InterruptedException {
        EngineUnderTest engine = new EngineUnderTest(plan, market.wsUrl(), apiKey, setup);
        try {
            engine.awaitSubscribed(SUBSCRIBE_LIMIT);
            trial.prime(engine, PRIME_RATE, options.warmUp().multipliedBy(2), PRIME_LIMIT);
            return engine;
        } catch (RuntimeException | InterruptedException e) {
            engine.close();
            throw e;
        }
    }

    private RateResult record(RateResult result) {
        trials.add(result);
        System.out.println(ResultTable.line(result));
        System.out.println(ResultTable.detail(result));
        return result;
    }

    private void plot(String file, RateResult result) {
        if (result != null) {
            String label = String.format(Locale.ROOT, "%s, %,d ticks/s offered (%s): p50 %s, p99 %s, p99.9 %s",
                    result.consumer(), result.rate(), result.setup(), readable(result.p50Micros()),
                    readable(result.p99Micros()), readable(result.p999Micros()));
            plotted.add(new ResultFiles.Plotted(file, new PercentilePlot.Series(label, result.latency())));
        }
    }

    private static String readable(double micros) {
        if (micros >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000);
        }
        return micros >= 1_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1_000)
                : String.format(Locale.ROOT, "%.0f µs", micros);
    }

    private static void warnOfFeedTrouble(FeedStatus status) {
        if (status.malformed() + status.unknownSymbols() + status.reconnects() > 0
                || !status.failedSubscriptions().isEmpty()) {
            System.out.println("warning: feed saw " + status.malformed() + " malformed frames, "
                    + status.unknownSymbols() + " unknown symbols, " + status.reconnects() + " reconnects, "
                    + status.failedSubscriptions().size() + " refused subscriptions");
        }
    }

    private String conditions(ChainPlan plan) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s; %d cores, %s memory, %s %s, harness heap max %d MiB, load average %s%n"
                        + "%,d options + %d indices subscribed over %d chains; ring %,d; "
                        + "warm-up %d s, window %d s per rate; market in its own JVM (%s)",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), runtime.availableProcessors(),
                Machine.memory(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                runtime.maxMemory() >> 20, Machine.loadAverage(), plan.options(), plan.indexLtp().size(),
                plan.chains().size(),
                EngineUnderTest.RING_SIZE, options.warmUp().toSeconds(), options.window().toSeconds(),
                String.join(" ", MARKET_JVM));
    }

    private static Path marketLog() {
        try {
            return Files.createTempFile("optionchain-bench-market", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
