package io.optionchain.benchmarks.soak;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * REST requests at a fixed rate, open loop: one pacing thread makes each request due at its planned time
 * and hands it to the HTTP client's small pool; a request that finds {@code maxInFlight} others still
 * unanswered is not sent and is counted, so a rate that falls short says whether the application or the
 * pace was behind. The mix, over 20 requests: six NIFTY chains and four BANKNIFTY chains (each rotating
 * through its expiries), three status, three ticks (rotating through every subscribed symbol), two
 * positions lists, two {@code /metrics}.
 */
final class RestLoad implements AutoCloseable {
    private static final List<String> MIX = List.of("chain NIFTY", "status", "chain BANKNIFTY", "ticks",
            "chain NIFTY", "positions", "chain NIFTY", "metrics", "chain BANKNIFTY", "status", "chain NIFTY",
            "ticks", "chain BANKNIFTY", "positions", "chain NIFTY", "status", "chain NIFTY", "ticks",
            "chain BANKNIFTY", "metrics");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final String baseUrl;
    private final LiveMarket market;
    private final int rate;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Thread pacer = new Thread(this::pace, "soak-rest-pacer");
    private final Recorder latency = new Recorder(3);
    private final LongAdder answered = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private final Map<String, String> firstAnswers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    /** Written by the pacer only. */
    private volatile long issued;
    private int niftyTurn;
    private int bankniftyTurn;
    private int symbolTurn;

    /** Everything counted so far. */
    record Totals(long issued, long answered, long non2xx, long failed, long notSent, long bytes) {
    }

    RestLoad(HttpClient client, String baseUrl, LiveMarket market, int rate, int maxInFlight) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.market = market;
        this.rate = rate;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        pacer.setDaemon(true);
    }

    void start() {
        pacer.start();
    }

    Totals totals() {
        return new Totals(issued, answered.sum(), non2xx.sum(), failed.sum(), notSent.sum(), bytes.sum());
    }

    /** Response times since the last call, microseconds. */
    Histogram intervalLatency() {
        return latency.getIntervalHistogram();
    }

    /** Answered requests per route, e.g. {@code chain NIFTY → 90,000}. */
    Map<String, Long> answeredByRoute() {
        return sums(byRoute);
    }

    /** Non-2xx answers and failures by route and status or exception, e.g. {@code ticks 404 → 12}. */
    Map<String, Long> problems() {
        return sums(problems);
    }

    private void pace() {
        long start = System.nanoTime();
        while (running) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            while (issued < due && running) {
                String route = MIX.get((int) (issued % MIX.size()));
                issued++;
                send(route, path(route));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private String path(String route) {
        return switch (route) {
            case "chain NIFTY" -> chain("NIFTY", niftyTurn++);
            case "chain BANKNIFTY" -> chain("BANKNIFTY", bankniftyTurn++);
            case "ticks" -> "/api/option-chain/ticks/" + market.symbols().get(symbolTurn++ % market.symbols().size())
                    + "?n=20";
            case "status" -> "/api/option-chain/status";
            case "positions" -> "/api/positions";
            case "metrics" -> "/metrics";
            default -> throw new IllegalArgumentException("no route " + route);
        };
    }

    private String chain(String underlying, int turn) {
        List<LiveMarket.Chain> chains = market.chainsOf(underlying);
        return chains.get(turn % chains.size()).path();
    }

    private void send(String route, String path) {
        if (!inFlight.tryAcquire()) {
            notSent.increment();
            return;
        }
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET().build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
            inFlight.release();
            if (error != null) {
                failed.increment();
                count(problems, route + " " + rootCause(error).getClass().getSimpleName());
                return;
            }
            latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
            answered.increment();
            bytes.add(response.body().length);
            count(byRoute, route);
            if (response.statusCode() / 100 != 2) {
                non2xx.increment();
                String key = route + " " + response.statusCode();
                count(problems, key);
                firstAnswers.computeIfAbsent(key, k -> path + " -> " + shown(response.body()));
            }
        });
    }

    /** The first answer of each kind in {@link #problems()}: the path asked and the body, cut to 200 bytes. */
    Map<String, String> firstAnswers() {
        return new TreeMap<>(firstAnswers);
    }

    private static String shown(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return text.replace('\n', ' ');
    }

    /** Stops pacing and waits (at most the request timeout) for the last requests to be answered. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        pacer.join(5_000);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (inFlight.availablePermits() < maxInFlight && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void count(Map<String, LongAdder> counters, String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sums = new TreeMap<>();
        counters.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
