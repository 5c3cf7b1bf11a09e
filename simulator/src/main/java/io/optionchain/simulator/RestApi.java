package io.optionchain.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.optionchain.simulator.RequestSchema.Field;

/**
 * The REST half of OpenAlgo ({@code restx_api/}): POST-only JSON under {@code /api/v1/}, the API key in
 * the body, Marshmallow-style 400s, 403 "Invalid openalgo apikey", and JSON (never HTML) for every
 * failure including unknown paths. Keys are sorted as Flask's jsonify sorts them. Serves ping, quotes,
 * depth, expiry and symbol; quoting an option re-prices it, which counts as one of its ticks. The order
 * endpoints are {@link OrderApi}'s.
 */
final class RestApi implements AutoCloseable {
    private static final String PREFIX = "/api/v1/";
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private static final RequestSchema PING = new RequestSchema();
    private static final RequestSchema INSTRUMENT = new RequestSchema(
            Field.required("symbol"), Field.oneOf("exchange", RequestSchema.EXCHANGES));
    private static final RequestSchema EXPIRY = new RequestSchema(
            Field.required("symbol"), Field.oneOf("exchange", RequestSchema.DERIVATIVE_EXCHANGES),
            Field.oneOf("instrumenttype", List.of("futures", "options")));

    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final byte[] apiKey;
    private final MarketModel model;
    private final Javalin app;

    RestApi(String apiKey, MarketModel model, Faults faults, OrderDesk desk,
            Supplier<List<FeedConnection>> connections) {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.model = model;
        FaultRoutes faultRoutes = new FaultRoutes(faults, this::respond);
        InspectRoutes inspectRoutes = new InspectRoutes(desk::orders, connections, this::respond);
        OrderApi orderApi = new OrderApi(this, desk, model, faults);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.routes.before(PREFIX + "*", ctx -> injectFaults(faults));
            faultRoutes.register(config.routes);
            inspectRoutes.register(config.routes);
            orderApi.register(config.routes);
            config.routes.post(PREFIX + "ping", endpoint(PING, this::ping));
            config.routes.post(PREFIX + "quotes", endpoint(INSTRUMENT, this::quotes));
            config.routes.post(PREFIX + "depth", endpoint(INSTRUMENT, this::depth));
            config.routes.post(PREFIX + "expiry", endpoint(EXPIRY, this::expiry));
            config.routes.post(PREFIX + "symbol", endpoint(INSTRUMENT, this::symbol));
            config.routes.exception(RestError.class, (e, ctx) -> respond(ctx, e.status(), error(e.body())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, 500, error("An unexpected error occurred"));
            });
            config.routes.error(404, ctx -> fallback(ctx, "Not found"));
            config.routes.error(405, ctx -> fallback(ctx, "Method not allowed"));
        });
    }

    RestApi start(String host, int port) {
        app.start(host, port);
        return this;
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Delay first, then refuse: a slowed server that also rate-limits is slow to say so. */
    private static void injectFaults(Faults faults) throws InterruptedException {
        long delay = faults.restDelayMillis();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        if (faults.takeRateLimit()) {
            throw new RestError(429, Faults.RATE_LIMIT_MESSAGE);
        }
    }

    /** Parse, validate against the schema, check the key, then answer: the order OpenAlgo's handlers use. */
    private Handler endpoint(RequestSchema schema, Function<JsonNode, Object> answer) {
        return ctx -> {
            JsonNode body = body(ctx);
            schema.validate(body);
            JsonNode key = body.get("apikey");
            if (key == null || !validKey(key.textValue())) {
                throw new RestError(403, "Invalid openalgo apikey");
            }
            respond(ctx, 200, answer.apply(body));
        };
    }

    /** Constant-time, so the comparison does not leak how much of a guessed key was right. */
    boolean validKey(String key) {
        return key != null && MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8));
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
        data.put("lotsize", symbol.isIndex() ? 1 : index.lotSize);
        data.put("tick_size", Paise.toRupees(Paise.TICK));
        data.put("token", Integer.toString(token));
        data.put("freeze_qty", symbol.isIndex() ? 1 : index.freezeQty);
        return success(data);
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
        return Map.of("status", "error", "message", message);
    }

    JsonNode body(Context ctx) {
        try {
            JsonNode body = json.readTree(ctx.bodyAsBytes());
            if (body == null || body.isMissingNode()) {
                throw new RestError(400, "Request body must be JSON");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new RestError(400, "Request body must be valid JSON");
        } catch (IOException e) {
            throw new RestError(400, "Request body could not be read");
        }
    }

    /** Javalin's own 404 and 405 carry plain text; OpenAlgo clients expect JSON. Handler-set bodies stay. */
    private void fallback(Context ctx, String message) {
        String result = ctx.result();
        if (result == null || result.isEmpty() || !result.startsWith("{")) {
            respond(ctx, ctx.statusCode(), error(message));
        }
    }

    void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
