package io.optionchain.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.ports.ExchangeSession;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static io.optionchain.gateway.rest.OpenAlgoEndpoint.excerpt;

/**
 * OpenAlgo's REST API (prefix {@code /api/v1}), the slow side of the gateway beside the market-data
 * WebSocket: snapshots, reference data, the market calendar and the account's ping, never on the hot path.
 *
 * <p>Every call is a POST of a JSON body carrying {@code apikey} and exactly the fields the endpoint
 * accepts (OpenAlgo answers 400 to an unknown one). Replies are read liberally: numbers may arrive as
 * strings, absent numbers are 0. Failures are {@link OpenAlgoException}s; the API key never appears in
 * one, nor in {@link #toString()}. Thread-safe.
 *
 * <p>Discipline ({@link RestPolicy}): a client-side rate limiter keeps under OpenAlgo's own, a 429, 5xx or
 * missing response is retried with exponential backoff and jitter, and expiry lists, which change once a
 * week, are cached for a short TTL. Resilience4j and Caffeine do the limiting, retrying and caching.
 */
public final class OpenAlgoRestClient {
    private final OpenAlgoEndpoint server;
    private final RateLimiter limiter;
    private final Retry retry;
    private final Cache<String, List<LocalDate>> expiryCache;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:5000}, without {@code /api/v1}
     * @param timeout for connecting and for each whole request
     */
    public OpenAlgoRestClient(String baseUrl, String apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, RestPolicy.defaults());
    }

    public OpenAlgoRestClient(String baseUrl, Supplier<String> apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, RestPolicy.defaults());
    }

    /**
     * @param baseUrl e.g. {@code http://127.0.0.1:5000}, without {@code /api/v1}
     * @param timeout for connecting, for each whole request, and for waiting on the rate limiter
     */
    public OpenAlgoRestClient(String baseUrl, String apiKey, Duration timeout, RestPolicy policy) {
        this(baseUrl, () -> apiKey, timeout, policy);
    }

    /** @param apiKey the account's key as it stands at each request: a key read from a file may be replaced */
    public OpenAlgoRestClient(String baseUrl, Supplier<String> apiKey, Duration timeout, RestPolicy policy) {
        this.server = new OpenAlgoEndpoint(baseUrl, apiKey, timeout);
        this.limiter = server.limiter("openalgo-rest", policy.requestsPerSecond());
        this.retry = OpenAlgoEndpoint.retry("openalgo-rest", policy.maxAttempts(), policy.firstRetryDelay(),
                policy.maxRetryDelay(), OpenAlgoRestClient::worthRetrying);
        this.expiryCache = Caffeine.newBuilder()
                .expireAfterWrite(policy.cacheTtl())
                .maximumSize(policy.cacheEntries())
                .build();
    }

    /** Rate-limited (429), server-side (5xx) and unanswered (0) calls may succeed later; a 4xx never will. */
    private static boolean worthRetrying(Throwable failure) {
        if (failure instanceof OpenAlgoException e) {
            return e.status() == 0 || e.status() == 429 || e.status() >= 500;
        }
        return false;
    }

    public RestStats stats() {
        return new RestStats(calls.get(), requests.get(), retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()
                + retry.getMetrics().getNumberOfFailedCallsWithRetryAttempt(), rateLimited.get(), cacheHits.get(),
                failures.get());
    }

    /**
     * {@code ping}: answers while the key is good and the broker session behind it is logged in; OpenAlgo
     * refuses both a wrong key and a logged-out account with 403 "Invalid openalgo apikey".
     *
     * @return the broker the server trades through
     */
    public String ping() {
        return data("ping", request()).path("broker").asText("");
    }

    /** {@code quotes}: the last price and top of book of one symbol, e.g. NIFTY on NSE_INDEX. */
    public IndexQuote quote(String symbol, String exchange) {
        JsonNode data = data("quotes", request().put("symbol", symbol).put("exchange", exchange));
        return read("quotes", () -> new IndexQuote(number(data, "ltp"), number(data, "bid"), number(data, "ask"),
                number(data, "open"), number(data, "high"), number(data, "low"), number(data, "prev_close"),
                (long) number(data, "volume"), (long) number(data, "oi")));
    }

    /**
     * {@code expiry}: listed expiries, ascending and without repeats.
     *
     * @param exchange       the derivatives exchange, e.g. NFO (not NSE_INDEX)
     * @param instrumentType {@code options} or {@code futures}
     */
    public List<LocalDate> expiries(String symbol, String exchange, String instrumentType) {
        String key = symbol + '|' + exchange + '|' + instrumentType;
        List<LocalDate> cached = expiryCache.getIfPresent(key);
        if (cached != null) {
            calls.incrementAndGet();
            cacheHits.incrementAndGet();
            return cached;
        }
        List<LocalDate> fresh = fetchExpiries(symbol, exchange, instrumentType);
        expiryCache.put(key, fresh);
        return fresh;
    }

    private List<LocalDate> fetchExpiries(String symbol, String exchange, String instrumentType) {
        JsonNode data = data("expiry", request().put("symbol", symbol).put("exchange", exchange)
                .put("instrumenttype", instrumentType));
        if (!data.isArray()) {
            throw new OpenAlgoException("expiry", 200, "data is not a list of dates: " + excerpt(data.toString()));
        }
        return read("expiry", () -> {
            List<LocalDate> dates = new ArrayList<>();
            for (JsonNode date : data) {
                dates.add(ExpiryDates.parse(date.asText()));
            }
            return dates.stream().distinct().sorted().toList();
        });
    }

    /** {@code market/holidays}: the year's holidays and special sessions, every row as the server lists it. */
    public List<MarketHoliday> marketHolidays(int year) {
        JsonNode data = list("market/holidays", request().put("year", year));
        return read("market/holidays", () -> {
            List<MarketHoliday> days = new ArrayList<>();
            for (JsonNode day : data) {
                List<String> closed = new ArrayList<>();
                day.path("closed_exchanges").forEach(exchange -> closed.add(exchange.asText()));
                days.add(new MarketHoliday(date(day.path("date").asText()), day.path("description").asText(""),
                        day.path("holiday_type").asText(""), closed, sessions(day.path("open_exchanges"))));
            }
            return days;
        });
    }

    /** {@code market/timings}: every exchange's session on {@code date}; empty on weekends and full holidays. */
    public List<ExchangeSession> marketTimings(LocalDate date) {
        JsonNode data = list("market/timings", request().put("date", date.toString()));
        return read("market/timings", () -> sessions(data));
    }

    /**
     * {@code symbol}: one instrument's master-contract row, read for its contract fields (lot size, tick size,
     * freeze quantity), each null where the row has no usable value. A symbol the server does not list is a 404.
     */
    public SymbolContract symbol(String symbol, String exchange) {
        return SymbolContract.read(data("symbol", request().put("symbol", symbol).put("exchange", exchange)));
    }

    /** {@code depth}: the five-level book of one symbol. */
    public DepthQuote depth(String symbol, String exchange) {
        JsonNode data = data("depth", request().put("symbol", symbol).put("exchange", exchange));
        return read("depth", () -> new DepthQuote(number(data, "ltp"), levels(data.path("bids")),
                levels(data.path("asks")), (long) number(data, "totalbuyqty"), (long) number(data, "totalsellqty")));
    }

    @Override
    public String toString() {
        return "OpenAlgoRestClient[" + server + "]";
    }

    private ObjectNode request() {
        return server.body();
    }

    private JsonNode list(String endpoint, ObjectNode body) {
        JsonNode data = data(endpoint, body);
        if (!data.isArray()) {
            throw new OpenAlgoException(endpoint, 200, "data is not a list: " + excerpt(scrub(data.toString())));
        }
        return data;
    }

    /** Turns a reply that does not read as documented (a bad number or date) into the endpoint's failure. */
    private <T> T read(String endpoint, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new OpenAlgoException(endpoint, 200, excerpt(scrub(e.getMessage())));
        }
    }

    /** Posts and returns the reply's {@code data} object or list. */
    private JsonNode data(String endpoint, ObjectNode body) {
        JsonNode reply = post(endpoint, body);
        JsonNode data = reply.path("data");
        if (!data.isContainerNode()) {
            throw new OpenAlgoException(endpoint, 200, "reply has no data: " + excerpt(scrub(reply.toString())));
        }
        return data;
    }

    private JsonNode post(String endpoint, ObjectNode body) {
        calls.incrementAndGet();
        try {
            return Retry.decorateSupplier(retry, () -> postWithinLimit(endpoint, body)).get();
        } catch (OpenAlgoException e) {
            failures.incrementAndGet();
            throw e;
        }
    }

    private JsonNode postWithinLimit(String endpoint, ObjectNode body) {
        long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            rateLimited.incrementAndGet();
            throw new OpenAlgoException(endpoint, 429, "client-side rate limit: no permit within " + server.timeout());
        }
        if (waitNanos > 0) {
            rateLimited.incrementAndGet();
            LockSupport.parkNanos(waitNanos);
        }
        requests.incrementAndGet();
        return postOnce(endpoint, body);
    }

    private JsonNode postOnce(String endpoint, ObjectNode body) {
        HttpResponse<String> response;
        try {
            response = server.post(endpoint, body.toString());
        } catch (IOException e) {
            throw new OpenAlgoException(endpoint, 0, "no response from " + server.baseUrl() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAlgoException(endpoint, 0, "interrupted", e);
        }
        int status = response.statusCode();
        JsonNode reply = OpenAlgoEndpoint.parse(response.body());
        if (reply == null || !reply.isObject()) {
            throw new OpenAlgoException(endpoint, status, "reply is not a JSON object: " + excerpt(scrub(response.body())));
        }
        if (status != 200 || "error".equals(reply.path("status").asText())) {
            throw new OpenAlgoException(endpoint, status, server.serverMessage(reply));
        }
        return reply;
    }

    private String scrub(String text) {
        return server.scrub(text);
    }

    /** {@code [{exchange, start_time, end_time}]}, times in epoch milliseconds; every field must be there. */
    private static List<ExchangeSession> sessions(JsonNode windows) {
        List<ExchangeSession> sessions = new ArrayList<>();
        for (JsonNode window : windows) {
            String exchange = window.path("exchange").asText("");
            if (exchange.isBlank() || !window.hasNonNull("start_time") || !window.hasNonNull("end_time")) {
                throw new IllegalArgumentException("a session needs exchange, start_time and end_time: "
                        + excerpt(window.toString()));
            }
            sessions.add(new ExchangeSession(exchange, Instant.ofEpochMilli((long) number(window, "start_time")),
                    Instant.ofEpochMilli((long) number(window, "end_time"))));
        }
        return sessions;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date must look like 2026-01-26, got '" + excerpt(text) + "'");
        }
    }

    private static List<DepthLevel> levels(JsonNode side) {
        List<DepthLevel> levels = new ArrayList<>();
        for (JsonNode level : side) {
            double price = number(level, "price");
            if (price > 0) {
                levels.add(new DepthLevel(price, (long) number(level, "quantity")));
            }
        }
        return levels;
    }

    /** A number sent as a number or as text; 0 when absent, null or blank. */
    private static double number(JsonNode object, String field) {
        JsonNode value = object.path(field);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual() && !value.asText().isBlank()) {
            try {
                return Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " is not a number: '" + excerpt(value.asText()) + "'");
            }
        }
        return 0;
    }
}
