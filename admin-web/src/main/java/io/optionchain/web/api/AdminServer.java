package io.optionchain.web.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.feed.SymbolBudget;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.state.RestoreReport;
import io.optionchain.engine.state.TickHistory;
import io.optionchain.gateway.PoolStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every HTTP route, and the one place that turns failures into responses: a JSON body
 * {@code {"status":"error","message":…}} with a 4xx for the caller's mistakes, and a plain 500 message
 * (the stack goes to the log, never to the client) for ours.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final ChainBook book;
    private final Pipeline pipeline;
    private final Supplier<PoolStatus> feedStatus;
    private final Clock clock;
    private final Javalin app;

    public AdminServer(ChainBook book, Pipeline pipeline, Supplier<PoolStatus> feedStatus, RestoreReport chainState,
                       SymbolBudget budget, Clock clock) {
        this.book = book;
        this.pipeline = pipeline;
        this.feedStatus = feedStatus;
        this.clock = clock;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", this::home);
            config.routes.get("/api/option-chain/status",
                    ctx -> ctx.json(StatusJson.of(book, pipeline, feedStatus.get(), chainState, budget)));
            config.routes.get("/api/option-chain/{underlying}", this::chain);
            config.routes.get("/api/option-chain/ticks/{symbol}", this::ticks);
            config.routes.post("/api/option-chain/latency/reset", ctx -> {
                pipeline.latency().reset();
                ctx.json(Map.of("status", "success", "message", "frame-to-decision latency histogram reset"));
            });

            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; the server log has the details");
            });
            config.routes.error(404, ctx -> {
                if (!isJsonError(ctx)) {
                    error(ctx, 404, "no route " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, ctx -> {
                if (!isJsonError(ctx)) {
                    error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path());
                }
            });
        });
    }

    public AdminServer start(String host, int port) {
        app.start(host, port);
        LOG.info("serving on http://{}:{}", host, app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    private void chain(Context ctx) {
        String underlying = ctx.pathParam("underlying").toUpperCase(Locale.ROOT);
        if (!book.isConfigured(underlying)) {
            throw ApiError.notFound("unknown underlying '" + ctx.pathParam("underlying") + "'; monitored: "
                    + book.underlyings());
        }
        List<OptionChain> chains = book.chains(underlying);
        if (chains.isEmpty()) {
            throw ApiError.unavailable(underlying + " chain is not open yet"
                    + book.problem(underlying).map(p -> ": " + p).orElse(""));
        }
        OptionChain chain = chains.get(0);
        String expiryText = ctx.queryParam("expiry");
        if (expiryText != null) {
            LocalDate expiry;
            try {
                expiry = ExpiryDates.parse(expiryText);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
            chain = book.chain(underlying, expiry).orElseThrow(() -> ApiError.notFound("expiry " + expiryText
                    + " is not monitored for " + underlying + "; monitored: " + expiries(chains)));
        }
        ctx.json(ChainJson.of(chain.snapshot(ZonedDateTime.now(clock)), expiries(chains)));
    }

    private void ticks(Context ctx) {
        String symbol = ctx.pathParam("symbol").toUpperCase(Locale.ROOT);
        Instrument instrument = book.instrument(symbol);
        if (instrument == null) {
            throw ApiError.notFound("unknown symbol '" + ctx.pathParam("symbol") + "'; only subscribed instruments have ticks");
        }
        int n = TickHistory.DEPTH;
        String count = ctx.queryParam("n");
        if (count != null) {
            try {
                n = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > TickHistory.DEPTH) {
                throw ApiError.badRequest("n must be 1.." + TickHistory.DEPTH + ", got '" + count + "'");
            }
        }
        ctx.json(TicksJson.of(instrument, pipeline.history().latest(instrument.id(), n)));
    }

    private static List<String> expiries(List<OptionChain> chains) {
        return chains.stream().map(c -> ExpiryDates.format(c.expiry())).toList();
    }

    private void home(Context ctx) {
        StringBuilder links = new StringBuilder();
        for (String underlying : book.underlyings()) {
            links.append("<li><a href=\"/api/option-chain/").append(underlying).append("\">")
                    .append(underlying).append(" option chain (JSON)</a></li>");
        }
        ctx.html("<!doctype html><html><head><meta charset=\"utf-8\"><title>Option chain engine</title></head>"
                + "<body><h1>Option chain engine</h1><ul>" + links
                + "<li><a href=\"/api/option-chain/status\">status</a></li></ul></body></html>");
    }

    private static boolean isJsonError(Context ctx) {
        String body = ctx.result();
        return body != null && body.startsWith("{\"status\":\"error\"");
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message == null ? "error" : message);
        ctx.status(status).json(body);
    }

    @Override
    public void close() {
        app.stop();
    }
}
