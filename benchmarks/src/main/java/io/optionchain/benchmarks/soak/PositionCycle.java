package io.optionchain.benchmarks.soak;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Positions opened and closed at an even pace over the run, as a desk would: each a long of one lot on a
 * strike near ATM of the nearest NIFTY or BANKNIFTY expiry, priced at its ask, with a stop 90 %
 * under the entry so the risk stage judges it without firing; after {@code hold} the even-numbered ones
 * are exited ({@code POST /exit}: an order to the simulated broker, filled against its book) and the
 * odd-numbered cancelled ({@code DELETE}). Opens stop a hold before the end, so every position is closed
 * within the run. Seeded, so two runs pick the same strikes.
 */
final class PositionCycle implements AutoCloseable {
    /** Longer than the REST load's: an open that times out here may still be made, and never closed. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String STRATEGY = "soak";

    private final HttpClient client;
    private final String baseUrl;
    private final String token;
    private final LiveMarket market;
    private final int count;
    private final Duration hold;
    private final Duration span;
    private final ScheduledExecutorService scheduler;
    private final Random random = new Random(42);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong exited = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    private final Map<String, String> firstRefusal = new ConcurrentHashMap<>();
    private int attempts;
    /** Opens and closes sent and not yet answered. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean stopped;

    /** Everything counted so far. */
    record Totals(long opened, long exited, long cancelled) {
        long closed() {
            return exited + cancelled;
        }
    }

    /**
     * @param span      the time over which opens are spread
     * @param scheduler one thread that paces opens and schedules closes; the requests themselves are async
     */
    PositionCycle(HttpClient client, String baseUrl, String token, LiveMarket market, int count, Duration hold,
                  Duration span, ScheduledExecutorService scheduler) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.token = token;
        this.market = market;
        this.count = count;
        this.hold = hold;
        this.span = span;
        this.scheduler = scheduler;
    }

    void start() {
        if (count == 0) {
            return;
        }
        long interval = Math.max(1, span.toNanos() / count);
        scheduler.scheduleAtFixedRate(this::openNext, 0, interval, TimeUnit.NANOSECONDS);
    }

    Totals totals() {
        return new Totals(opened.get(), exited.get(), cancelled.get());
    }

    /** Refused opens and closes by step and status, e.g. {@code open 409 → 1}. */
    Map<String, Long> refused() {
        Map<String, Long> sums = new TreeMap<>();
        refused.forEach((key, n) -> sums.put(key, n.get()));
        return sums;
    }

    /** The first answer of each kind of refusal, so a report can say why. */
    Map<String, String> firstRefusals() {
        return new TreeMap<>(firstRefusal);
    }

    /**
     * Positions by state as the application lists them, e.g. {@code CLOSED → 500, CANCELLED → 500}, once
     * no exit is still being filled, or after {@code limit}.
     */
    Map<String, Long> settledStates(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, Long> states = states();
        while ((states.containsKey("EXITING") || states.containsKey("OPEN")) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            states = states();
        }
        return states;
    }

    private Map<String, Long> states() throws IOException, InterruptedException {
        Map<String, Long> states = new TreeMap<>();
        String after = "";
        while (true) {
            JsonNode page = LiveMarket.get(client, baseUrl + "/api/positions?limit=1000" + after);
            if (page == null) {
                throw new IOException("GET /api/positions did not answer 200");
            }
            for (JsonNode position : page.path("positions")) {
                if (STRATEGY.equals(position.path("strategy").asText())) {
                    states.merge(position.path("state").asText(), 1L, Long::sum);
                }
            }
            if (!page.hasNonNull("next_after")) {
                return states;
            }
            after = "&after=" + page.path("next_after").asLong();
        }
    }

    /**
     * Picks the next position's contract now, on the scheduler's thread (so the seeded choices replay), and
     * sends without waiting: an answer that takes seconds delays this position only, never the pace.
     */
    private void openNext() {
        if (stopped || attempts >= count) {
            throw new IllegalStateException("all positions opened"); // ends the fixed-rate schedule
        }
        boolean exit = attempts++ % 2 == 0;
        pending.incrementAndGet();
        String underlying = random.nextInt(4) < 3 ? "NIFTY" : "BANKNIFTY";
        int offset = random.nextInt(7) - 3;
        String side = random.nextBoolean() ? "ce_data" : "pe_data";
        send(HttpRequest.newBuilder(URI.create(baseUrl + market.chainsOf(underlying).get(0).path())).timeout(TIMEOUT)
                .GET().build())
                .thenCompose(chain -> {
                    String body = chain.statusCode() == 200 ? body(chain.body(), offset, side) : null;
                    if (body == null) {
                        refuse("open", "no quote", "chain " + chain.statusCode() + " or no ask near ATM");
                        return CompletableFuture.completedFuture(null);
                    }
                    return send(authorised("/api/positions").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                })
                .thenAccept(answer -> {
                    if (answer == null) {
                        return;
                    }
                    if (answer.statusCode() != 201) {
                        refuse("open", Integer.toString(answer.statusCode()), answer.body());
                        return;
                    }
                    opened.incrementAndGet();
                    long id = id(answer.body());
                    scheduler.schedule(() -> close(id, exit), hold.toNanos(), TimeUnit.NANOSECONDS);
                })
                .exceptionally(error -> failed("open", error))
                .whenComplete((done, error) -> settled());
    }

    /** A long of one lot on the row {@code offset} from ATM, at its ask; null without an ask. */
    private static String body(String chainJson, int offset, String side) {
        JsonNode rows = parse(chainJson).path("options");
        int atm = 0;
        while (atm < rows.size() && !"ATM".equals(rows.get(atm).path("tag").asText())) {
            atm++;
        }
        int row = Math.max(0, Math.min(rows.size() - 1, atm + offset));
        JsonNode leg = rows.path(row).path(side);
        double ask = leg.path("ask").asDouble(0);
        if (!(ask > 0)) {
            return null;
        }
        return String.format(Locale.ROOT, "{\"strategy\":\"%s\",\"product\":\"MIS\",\"legs\":[{\"symbol\":\"%s\","
                + "\"side\":\"long\",\"lots\":1,\"entry_price\":%.2f}],\"stop_percent\":90}",
                STRATEGY, leg.path("symbol").asText(), ask);
    }

    private void close(long id, boolean exit) {
        String step = exit ? "exit" : "cancel";
        pending.incrementAndGet();
        HttpRequest.Builder request = authorised("/api/positions/" + id + (exit ? "/exit" : ""));
        send((exit ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.DELETE()).build())
                .thenAccept(answer -> {
                    if (answer.statusCode() != 200) {
                        refuse(step, Integer.toString(answer.statusCode()), answer.body());
                    } else {
                        (exit ? exited : cancelled).incrementAndGet();
                    }
                })
                .exceptionally(error -> failed(step, error))
                .whenComplete((done, error) -> settled());
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private Void failed(String step, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        refuse(step, cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()));
        return null;
    }

    private static JsonNode parse(String json) {
        try {
            return LiveMarket.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long id(String positionJson) {
        return parse(positionJson).path("id").asLong();
    }

    private HttpRequest.Builder authorised(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    private void refuse(String step, String why, String body) {
        String key = step + " " + why;
        refused.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        firstRefusal.putIfAbsent(key, body.length() > 200 ? body.substring(0, 200) : body);
    }

    private synchronized void settled() {
        pending.decrementAndGet();
        notifyAll();
    }

    /**
     * Stops opening and waits (at most the request timeout) for what was sent to be answered; closes the
     * scheduler has not yet run are its to run or drop.
     */
    @Override
    public synchronized void close() throws InterruptedException {
        stopped = true;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }
}
