package io.optionchain.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.market.ExchangeCalendar;
import io.optionchain.simulator.market.Expiries;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.MarketSnapshot;
import io.optionchain.simulator.market.MasterContract;
import io.optionchain.simulator.market.Paise;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;
import io.optionchain.simulator.stream.StreamProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.optionchain.simulator.rest.RequestSchema.Field;

/**
 * The REST half of OpenAlgo ({@code restx_api/}): POST-only JSON under {@code /api/v1/}, the API key in
 * the body, Marshmallow-style 400s, 403 "Invalid openalgo apikey", and JSON (never HTML) for every
 * failure including unknown paths, written by {@link RestWire}. Serves ping, quotes, depth, expiry, symbol
 * and the market calendar ({@code market/holidays}, {@code market/timings}, from {@link ExchangeCalendar});
 * quoting an option re-prices it, which counts as one of its ticks. The other route groups on the port (the
 * order endpoints, the /sim/ routes) are handed in and map their errors here.
 */
public final class RestApi implements AutoCloseable {
    private static final String PREFIX = "/api/v1/";
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private static final RequestSchema PING = new RequestSchema();
    private static final RequestSchema INSTRUMENT = new RequestSchema(
            Field.required("symbol"), Field.oneOf("exchange", RequestSchema.EXCHANGES));
    private static final RequestSchema EXPIRY = new RequestSchema(
            Field.required("symbol"), Field.oneOf("exchange", RequestSchema.DERIVATIVE_EXCHANGES),
            Field.oneOf("instrumenttype", List.of("futures", "options")));
    private static final int FIRST_YEAR = 2020;
    private static final int LAST_YEAR = 2050;
    private static final RequestSchema HOLIDAYS = new RequestSchema(
            Field.optionalInteger("year", FIRST_YEAR, LAST_YEAR));
    private static final RequestSchema TIMINGS = new RequestSchema(Field.required("date"));
    /** Python's {@code strptime(date, "%Y-%m-%d")}: four-digit year, month and day with or without a zero. */
    private static final DateTimeFormatter CALENDAR_DATE =
            DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT);

    private final RestWire wire;
    private final MarketModel model;
    private final Javalin app;

    /** @param routeGroups the other routes on this port (orders, /sim/), each registering its own */
    public RestApi(RestWire wire, MarketModel model, Faults faults, List<Consumer<RoutesConfig>> routeGroups) {
        this.wire = wire;
        this.model = model;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.routes.before(PREFIX + "*", ctx -> injectFaults(faults));
            routeGroups.forEach(group -> group.accept(config.routes));
            config.routes.post(PREFIX + "ping", endpoint(PING, this::ping));
            config.routes.post(PREFIX + "quotes", endpoint(INSTRUMENT, this::quotes));
            config.routes.post(PREFIX + "depth", endpoint(INSTRUMENT, this::depth));
            config.routes.post(PREFIX + "expiry", endpoint(EXPIRY, this::expiry));
            config.routes.post(PREFIX + "symbol", endpoint(INSTRUMENT, this::symbol));
            config.routes.post(PREFIX + "market/holidays", endpoint(HOLIDAYS, this::holidays));
            config.routes.post(PREFIX + "market/timings", endpoint(TIMINGS, this::timings));
            config.routes.exception(RestError.class, (e, ctx) -> wire.respond(ctx, e.status(), error(e.body())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                wire.respond(ctx, 500, error("An unexpected error occurred"));
            });
            config.routes.error(404, ctx -> fallback(ctx, "Not found"));
            config.routes.error(405, ctx -> fallback(ctx, "Method not allowed"));
        });
    }

    public RestApi start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /**
     * Delay first, then refuse: a slowed server that also rate-limits is slow to say so. The limiter answers
     * before anything behind it (as Flask-Limiter does), then a broker that is down, then a suspension.
     */
    private static void injectFaults(Faults faults) throws InterruptedException {
        long delay = faults.restDelayMillis();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        if (faults.takeRateLimit()) {
            throw new RestError(429, Faults.RATE_LIMIT_MESSAGE);
        }
        if (faults.brokerIsDown()) {
            throw new RestError(503, Faults.BROKER_DOWN_MESSAGE);
        }
        if (faults.suspended()) {
            throw new RestError(500, Faults.SUSPENDED_MESSAGE);
        }
    }

    /** Parse, validate against the schema, check the key, then answer: the order OpenAlgo's handlers use. */
    private Handler endpoint(RequestSchema schema, Function<JsonNode, Object> answer) {
        return ctx -> {
            JsonNode body = wire.body(ctx);
            schema.validate(body);
            JsonNode key = body.get("apikey");
            if (key == null || !wire.validKey(key.textValue())) {
                throw new RestError(403, "Invalid openalgo apikey");
            }
            wire.respond(ctx, 200, answer.apply(body));
        };
    }

    private Object ping(JsonNode body) {
        return success(Map.of("message", "pong", "broker", StreamProtocol.BROKER));
    }

    private Object quotes(JsonNode body) {
        MarketSnapshot s = tick(body);
        Map<String, Object> data = ohlc(s);
        data.put("bid", Paise.toRupees(s.bidPrice[0]));
        data.put("ask", Paise.toRupees(s.askPrice[0]));
        return success(data);
    }

    private Object depth(JsonNode body) {
        MarketSnapshot s = tick(body);
        Map<String, Object> data = ohlc(s);
        data.put("ltq", s.lastQuantity);
        data.put("totalbuyqty", s.totalBuyQuantity);
        data.put("totalsellqty", s.totalSellQuantity);
        data.put("bids", levels(s.bidPrice, s.bidQuantity));
        data.put("asks", levels(s.askPrice, s.askQuantity));
        return success(data);
    }

    private Object expiry(JsonNode body) {
        String symbol = body.get("symbol").textValue().strip().toUpperCase(Locale.ROOT);
        String exchange = body.get("exchange").textValue();
        String type = body.get("instrumenttype").textValue();
        List<String> dates = new ArrayList<>();
        Optional<SimulatedIndex> index = SimulatedIndex.bySymbol(symbol);
        if (index.isPresent() && SimulatedIndex.OPTION_EXCHANGE.equals(exchange)) {
            List<LocalDate> expiries = "futures".equals(type) ? model.futureExpiries() : model.optionExpiries(index.get());
            expiries.forEach(date -> dates.add(Expiries.wire(date)));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "success");
        reply.put("message", dates.isEmpty()
                ? "No expiry dates found for " + symbol + " " + type + " in " + exchange
                : "Found " + dates.size() + " expiry dates for " + symbol + " " + type + " in " + exchange);
        reply.put("data", dates);
        return reply;
    }

    private Object symbol(JsonNode body) {
        String symbolText = body.get("symbol").textValue();
        String exchange = body.get("exchange").textValue();
        SimulatedSymbol symbol = model.resolve(symbolText, exchange).orElseThrow(() ->
                new RestError(404, "Symbol " + symbolText + " not found in exchange " + exchange));
        SimulatedIndex index = symbol.index();
        MasterContract.Terms terms = model.masterContract().of(index);
        int token = Math.floorMod(symbol.symbol().hashCode(), 9_000_000) + 1_000_000;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", token);
        data.put("name", index.name());
        data.put("symbol", symbol.symbol());
        data.put("brsymbol", symbol.symbol());
        data.put("exchange", symbol.exchange());
        data.put("brexchange", symbol.exchange());
        data.put("instrumenttype", symbol.isIndex() ? "INDEX" : symbol.call() ? "CE" : "PE");
        data.put("expiry", symbol.isIndex() ? "" : Expiries.wire(symbol.expiry()));
        data.put("strike", (double) symbol.strike());
        data.put("lotsize", symbol.isIndex() ? 1 : terms.lotSize());
        data.put("tick_size", Paise.toRupees(symbol.isIndex() ? Paise.TICK : terms.tickPaise()));
        data.put("token", Integer.toString(token));
        data.put("freeze_qty", symbol.isIndex() ? 1 : terms.freezeQty());
        return success(data);
    }

    /** Without a year, the simulator clock's year on the exchange's calendar. */
    private Object holidays(JsonNode body) {
        JsonNode requested = body.get("year");
        long year = requested == null ? LocalDate.ofInstant(model.now(), Expiries.EXCHANGE_ZONE).getYear()
                : RequestSchema.integer(requested);
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new RestError(400, "Year must be between " + FIRST_YEAR + " and " + LAST_YEAR);
        }
        List<Map<String, Object>> days = new ArrayList<>();
        for (ExchangeCalendar.MarkedDay day : ExchangeCalendar.holidays((int) year)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("date", day.date().toString());
            entry.put("description", day.description());
            entry.put("holiday_type", day.type().name());
            entry.put("closed_exchanges", day.closedExchanges());
            entry.put("open_exchanges", windows(day.openExchanges()));
            days.add(entry);
        }
        return Map.of("status", "success", "year", year, "timezone", Expiries.EXCHANGE_ZONE.getId(), "data", days);
    }

    private Object timings(JsonNode body) {
        LocalDate date;
        try {
            date = LocalDate.parse(body.get("date").textValue(), CALENDAR_DATE);
        } catch (DateTimeParseException e) {
            throw new RestError(400, "Invalid date format. Use YYYY-MM-DD");
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw new RestError(400, "Date must be between " + FIRST_YEAR + "-01-01 and " + LAST_YEAR + "-12-31");
        }
        return success(windows(ExchangeCalendar.timings(date)));
    }

    /** Times in epoch milliseconds, as OpenAlgo stores them. */
    private static List<Map<String, Object>> windows(List<ExchangeCalendar.ExchangeWindow> windows) {
        return windows.stream().map(w -> Map.<String, Object>of("exchange", w.exchange(),
                "start_time", w.start().toEpochMilli(), "end_time", w.end().toEpochMilli())).toList();
    }

    private MarketSnapshot tick(JsonNode body) {
        String symbol = body.get("symbol").textValue();
        String exchange = body.get("exchange").textValue();
        SimulatedSymbol listed = model.resolve(symbol, exchange).orElseThrow(() ->
                new RestError(400, "Symbol " + symbol + " not found in exchange " + exchange));
        MarketSnapshot snapshot = new MarketSnapshot();
        model.quote(listed, snapshot);
        return snapshot;
    }

    private static Map<String, Object> ohlc(MarketSnapshot s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("open", Paise.toRupees(s.open));
        data.put("high", Paise.toRupees(s.high));
        data.put("low", Paise.toRupees(s.low));
        data.put("ltp", Paise.toRupees(s.ltp));
        data.put("prev_close", Paise.toRupees(s.prevClose));
        data.put("volume", s.volume);
        data.put("oi", s.oi);
        return data;
    }

    private static List<Map<String, Object>> levels(long[] price, long[] quantity) {
        List<Map<String, Object>> levels = new ArrayList<>(MarketSnapshot.LEVELS);
        for (int i = 0; i < MarketSnapshot.LEVELS; i++) {
            levels.add(Map.of("price", Paise.toRupees(price[i]), "quantity", quantity[i]));
        }
        return levels;
    }

    private static Map<String, Object> success(Object data) {
        return Map.of("status", "success", "data", data);
    }

    private static Map<String, Object> error(Object message) {
        return RestWire.error(message);
    }

    /** Javalin's own 404 and 405 carry plain text; OpenAlgo clients expect JSON. Handler-set bodies stay. */
    private void fallback(Context ctx, String message) {
        String result = ctx.result();
        if (result == null || result.isEmpty() || !result.startsWith("{")) {
            wire.respond(ctx, ctx.statusCode(), error(message));
        }
    }
}
