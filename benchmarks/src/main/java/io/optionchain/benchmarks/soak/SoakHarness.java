package io.optionchain.benchmarks.soak;

import io.optionchain.benchmarks.load.Machine;
import io.optionchain.benchmarks.load.ResidentMemory;
import io.optionchain.benchmarks.load.ResourceMeter;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The memory soak ({@code bin/soak}): the application started as a user starts it, at about 2,000
 * instruments, under REST, Server-Sent Events and position traffic for ten minutes, its resident memory
 * and CPU read every ten seconds. The simulated OpenAlgo market runs in this JVM by default, as production's
 * is another server; {@code --market embedded} puts it inside the application instead.
 *
 * <pre>
 *   this JVM                                          bin/optionchain (its own JVM, the launcher's limits)
 *   0. SoakMarket: simulated OpenAlgo <──REST, WS──  feed, reference data, exit orders (--feed openalgo)
 *   1. RestLoad: 500 GET/s, open loop ──HTTP──>  Javalin ─> chains, status, ticks, positions, /metrics
 *   2. EventStreams: 64 held open     <──SSE───  chain, positions and status publishers
 *   3. PositionCycle: open, exit/cancel ─HTTP─>  RiskDesk ─> journal ─> exit orders ─> the market (0.)
 *   4. every 10 s: /proc/PID/status (VmRSS, VmHWM) and the process's CPU time
 * </pre>
 *
 * Prints one table row per sample, then the totals; writes the table and summary ({@code results.txt}),
 * the samples ({@code samples.csv}) and the application's log to {@code --out}. The application is stopped
 * at the end, and by a shutdown hook on Ctrl-C.
 */
public final class SoakHarness {
    /** Requests unanswered at once before a due one is not sent: the HTTP client's connections. */
    private static final int MAX_IN_FLIGHT = 64;
    private static final Duration READY_LIMIT = Duration.ofSeconds(180);
    /** The goal for resident memory after the soak. */
    private static final double GOAL_MEGABYTES = 300;

    private final SoakOptions options;
    private final List<SoakSample> samples = new ArrayList<>();
    private final Histogram latency = new Histogram(3);
    /** This JVM's own CPU over the load, in cores: it shares the machine with the application. */
    private double harnessCores;

    private SoakHarness(SoakOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("soak.root", ".")).toAbsolutePath().normalize();
        SoakOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(SoakOptions.USAGE);
                return;
            }
            options = SoakOptions.parse(root, args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(SoakOptions.USAGE);
            System.exit(2);
            return;
        }
        new SoakHarness(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(options.output());
        Path log = options.output().resolve("application.log");
        Files.deleteIfExists(log);
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        ExecutorService restPool = Executors.newFixedThreadPool(4, daemons("soak-http"));
        ExecutorService ssePool = Executors.newFixedThreadPool(2, daemons("soak-sse"));
        ScheduledExecutorService positionThread = Executors.newSingleThreadScheduledExecutor(daemons("soak-positions"));
        ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(daemons("soak-reconnect"));
        HttpClient rest = client(restPool);
        HttpClient sse = client(ssePool);
        List<String> javaOptions = options.nativeMemory() ? List.of("-XX:NativeMemoryTracking=summary") : List.of();

        // the market first, so the application finds it; closed after the application has stopped
        try (SoakMarket simulated = SoakMarket.start(options.market(), options.config());
             ApplicationProcess application = new ApplicationProcess(options.launcher(), options.config(), token,
                     simulated, javaOptions, log)) {
            LiveMarket market = LiveMarket.await(rest, application, SoakConfig.INSTRUMENTS, READY_LIMIT, log);
            String conditions = conditions(market, application, simulated);
            System.out.println(conditions);
            System.out.println();
            System.out.println(SoakSample.HEADER);

            RestLoad load = new RestLoad(rest, application.baseUrl(), market, options.rate(), MAX_IN_FLIGHT);
            EventStreams streams = new EventStreams(sse, application.baseUrl(), market, options.streams(), reconnects);
            Duration span = options.duration().minus(options.hold()).minusSeconds(5);
            PositionCycle positions = new PositionCycle(rest, application.baseUrl(), token, market,
                    options.positions(), options.hold(), span.isNegative() ? Duration.ofSeconds(1) : span,
                    positionThread);
            streams.start();
            load.start();
            positions.start();
            sample(application, load, streams, positions, log);
            // the last closes are due a hold before the end; let them run, then wait for their answers
            positionThread.shutdown();
            positionThread.awaitTermination(30, TimeUnit.SECONDS);
            positions.close();
            load.close();
            streams.close();

            // before the summary's full collection, so the breakdown is the one the load left
            String nativeMemory = options.nativeMemory() ? application.nativeMemorySummary() : null;
            List<String> summary = summary(market, application, load, streams, positions);
            summary.forEach(System.out::println);
            write(conditions, summary, nativeMemory);
            // what the live heap holds, for whoever works on the goal next
            Files.writeString(options.output().resolve("heap-histogram.txt"), application.heapHistogram() + "\n");
            System.out.println("results written to " + options.output());
        } finally {
            reconnects.shutdownNow();
            positionThread.shutdownNow();
            restPool.shutdownNow();
            ssePool.shutdownNow();
        }
    }

    /** Every {@code sampleEvery} until the end: memory, CPU and what the load did since the last row. */
    private void sample(ApplicationProcess application, RestLoad load, EventStreams streams,
                        PositionCycle positions, Path log) throws InterruptedException {
        long start = System.nanoTime();
        long ownCpu = ResourceMeter.cpuNanos(ProcessHandle.current().pid());
        long lastNanos = start;
        long lastCpu = ResourceMeter.cpuNanos(application.pid());
        RestLoad.Totals lastRest = load.totals();
        EventStreams.Totals lastSse = streams.totals();
        load.intervalLatency();
        long every = options.sampleEvery().toNanos();
        for (long at = every; at <= options.duration().toNanos(); at += every) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + at - System.nanoTime()));
            if (!application.isAlive()) {
                throw new IllegalStateException("the application exited during the soak; its log ends:\n"
                        + ApplicationProcess.tail(log, 30));
            }
            long now = System.nanoTime();
            long cpu = ResourceMeter.cpuNanos(application.pid());
            ResidentMemory.Reading memory = ResidentMemory.of(application.pid());
            RestLoad.Totals rest = load.totals();
            EventStreams.Totals sse = streams.totals();
            Histogram interval = load.intervalLatency();
            latency.add(interval);
            double seconds = (now - lastNanos) / 1e9;
            PositionCycle.Totals held = positions.totals();
            SoakSample row = new SoakSample(Math.round((now - start) / 1e9), memory.resident(), memory.peak(),
                    (cpu - lastCpu) / (double) (now - lastNanos), (rest.answered() - lastRest.answered()) / seconds,
                    interval.getValueAtPercentile(99) / 1_000.0, rest.non2xx() - lastRest.non2xx(),
                    rest.failed() - lastRest.failed(), rest.notSent() - lastRest.notSent(),
                    (sse.bytes() - lastSse.bytes()) / (double) (1 << 20), sse.connected(), held.opened(),
                    held.closed());
            samples.add(row);
            System.out.println(row.line());
            lastNanos = now;
            lastCpu = cpu;
            lastRest = rest;
            lastSse = sse;
        }
        harnessCores = (ResourceMeter.cpuNanos(ProcessHandle.current().pid()) - ownCpu)
                / (double) (System.nanoTime() - start);
    }

    private List<String> summary(LiveMarket market, ApplicationProcess application, RestLoad load,
                                 EventStreams streams, PositionCycle positions) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("");
        long seconds = options.duration().toSeconds();
        RestLoad.Totals rest = load.totals();
        double achieved = rest.answered() / (double) seconds;
        lines.add(String.format(Locale.ROOT, "REST: %,d answered in %d s = %.1f/s of %d/s offered (%,d due)%s",
                rest.answered(), seconds, achieved, options.rate(), rest.issued(), achieved >= options.rate() * 0.99
                        ? "" : String.format(Locale.ROOT, "; short by %,d: %,d not sent (%d still unanswered: the "
                                + "application answered slower than the pace), %,d failed", Math.round(
                                        (options.rate() - achieved) * seconds), rest.notSent(), MAX_IN_FLIGHT,
                                rest.failed())));
        lines.add(String.format(Locale.ROOT, "  response time: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms;"
                        + " %.1f MB of bodies; this harness used %.2f cores%s, the machine's load average at the end"
                        + " %s",
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getValueAtPercentile(99.9) / 1e3, latency.getMaxValue() / 1e3,
                rest.bytes() / (double) (1 << 20), harnessCores,
                options.market() == SoakMarket.Placement.SEPARATE ? " (the market's included)" : "",
                Machine.loadAverage()));
        lines.add("  answered by route: " + joined(load.answeredByRoute()));
        lines.add("  non-2xx and failures: " + joined(load.problems()));
        load.firstAnswers().forEach((kind, answer) -> lines.add("  first " + kind + ": " + answer));
        EventStreams.Totals sse = streams.totals();
        lines.add(String.format(Locale.ROOT, "SSE: %d clients, %.1f MB in %,d events; %d streams ended by the "
                        + "server and reopened; refused: %s", options.streams(), sse.bytes() / (double) (1 << 20),
                sse.events(), sse.ended(), joined(streams.refused())));
        Map<String, Long> states = positions.settledStates(Duration.ofSeconds(30));
        PositionCycle.Totals held = positions.totals();
        lines.add(String.format(Locale.ROOT, "positions: %,d opened, %,d exited, %,d cancelled; at the end %s; "
                        + "refused: %s", held.opened(), held.exited(), held.cancelled(), joined(states),
                joined(positions.refused())));
        positions.firstRefusals().forEach((kind, answer) -> lines.add("  first " + kind + ": " + answer));
        lines.add("application JVM (/metrics): " + jvmMemory(application.baseUrl()) + "; threads " + threads(
                application.pid()));
        ResidentMemory.Reading memory = ResidentMemory.of(application.pid());
        lines.add(String.format(Locale.ROOT, "resident memory of the application (market %s): %.1f MB at the end, "
                        + "peak (VmHWM) %.1f MB; the goal is <= %.0f MB: %s", options.market().label(),
                memory.resident(), memory.peak(), GOAL_MEGABYTES,
                memory.peak() <= GOAL_MEGABYTES ? "met" : "not met"));
        // after the last reading, since a full collection moves nothing out of the resident set but is no
        // part of the load either
        lines.add(String.format(Locale.ROOT, "heap still live after a full collection at the end: %.1f MB",
                application.liveHeapMegabytes()));
        lines.add(String.format(Locale.ROOT, "{\"market\":\"%s\", \"seconds\":%d, \"instruments\":%d, "
                        + "\"rate\":%d, "
                        + "\"achieved_rate\":%.1f, \"non_2xx\":%d, \"failed\":%d, \"not_sent\":%d, "
                        + "\"sse_clients\":%d, \"sse_bytes\":%d, \"positions_opened\":%d, \"positions_closed\":%d, "
                        + "\"rss_mb\":%.1f, \"peak_rss_mb\":%.1f}", options.market().label(), seconds,
                market.subscribed(), options.rate(),
                achieved, rest.non2xx(), rest.failed(), rest.notSent(), options.streams(), sse.bytes(),
                held.opened(), held.closed(), memory.resident(), memory.peak()));
        return lines;
    }

    private String conditions(LiveMarket market, ApplicationProcess application, SoakMarket simulated) {
        return String.format(Locale.ROOT, "%s; %s%n"
                        + "%s%n"
                        + "application: bin/optionchain (pid %d, JAVA_OPTS '%s'; the JVM runs with %s); "
                        + "%,d instruments subscribed over %d chains (NIFTY %d expiries, BANKNIFTY %d; ATM ± 20 "
                        + "and %d spare strikes a side)%n"
                        + "load: %d s; %d REST requests/s (at most %d unanswered); %d SSE clients; %,d positions "
                        + "opened and, after %d s each, exited or cancelled; a sample every %d s",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), Machine.describe(),
                simulated.describe(), application.pid(), application.javaOptions(), application.memorySettings(),
                market.subscribed(), market.chains().size(),
                market.chainsOf("NIFTY").size(), market.chainsOf("BANKNIFTY").size(), SoakConfig.SPARE_STRIKES,
                options.duration().toSeconds(), options.rate(), MAX_IN_FLIGHT, options.streams(),
                options.positions(), options.hold().toSeconds(), options.sampleEvery().toSeconds());
    }

    /** The JVM's own memory figures from the application's Prometheus text, in MiB. */
    private String jvmMemory(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes") || line.startsWith("jvm_memory_pool_used")
                        || line.startsWith("jvm_memory_committed_bytes"))
                .map(line -> {
                    int space = line.lastIndexOf(' ');
                    return String.format(Locale.ROOT, "%s %.1f", line.substring(0, space),
                            Double.parseDouble(line.substring(space + 1)) / (1 << 20));
                })
                .collect(Collectors.joining(", "));
    }

    private static String threads(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("Threads:")).map(line -> line.substring(8).strip())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private void write(String conditions, List<String> summary, String nativeMemory) throws IOException {
        Files.writeString(options.output().resolve("results.txt"), conditions + "\n\n" + SoakSample.table(samples)
                + String.join("\n", summary) + "\n");
        Files.writeString(options.output().resolve("samples.csv"), SoakSample.CSV_HEADER + "\n"
                + samples.stream().map(SoakSample::csv).collect(Collectors.joining("\n")) + "\n");
        Path nmt = options.output().resolve("native-memory.txt");
        if (nativeMemory != null) {
            Files.writeString(nmt, nativeMemory);
        } else {
            Files.deleteIfExists(nmt);
        }
    }

    private static String joined(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static HttpClient client(ExecutorService pool) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(pool).build();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
