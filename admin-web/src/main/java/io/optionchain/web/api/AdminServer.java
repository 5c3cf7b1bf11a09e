package io.optionchain.web.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.chain.SymbolBudget;
import io.optionchain.engine.desk.UnacknowledgedHistoryLossException;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.journal.JournalUnavailableException;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.state.RestoreReport;
import io.optionchain.engine.state.TickHistory;
import io.optionchain.gateway.feed.pool.PoolStatus;
import io.optionchain.web.config.ConfigException;
import io.optionchain.web.json.ChainJson;
import io.optionchain.web.json.InputText;
import io.optionchain.web.json.StatusJson;
import io.optionchain.web.json.TicksJson;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Every HTTP route, and the one place that turns failures into responses: a JSON body
 * {@code {"status":"error","message":…}} with a 4xx for the caller's mistakes, and a plain 500 message
 * (the stack goes to the log, never to the client) for ours.
 *
 * <p>Routes throw, and the most specific type mapped here wins: an {@link ApiError} (any
 * {@link HttpResponseException}) carries its own status; the engine's refusals keep the meaning the engine
 * gives them, {@link IllegalArgumentException} a bad request (400), as is a {@link ConfigException} (a template sent
 * in a body, judged as its file would be), {@link NoSuchElementException} an unknown
 * id (404), {@link IllegalStateException} a step the object is past (409; a position held back after the journal
 * lost its history also says how to acknowledge it); anything else is ours (500). Jetty's
 * own errors (a URI it cannot decode, a method it refuses) get the same body ({@link JsonErrorHandler}). A
 * message is cut at {@value InputText#MESSAGE_CHARACTERS} characters, control characters escaped, whatever built it.
 */
public final class AdminServer implements AutoCloseable {
    /**
     * Threads for requests besides the event streams, each of which holds one for its life: far more than two
     * cores run at once, so a burst beyond them waits in Jetty's queue instead of costing a thread each (a
     * stack and its per-thread buffers, about 150 KB resident). Javalin's default allows 250: under the soak's
     * 500 requests/s and 64 streams the process ran 200 threads.
     */
    public static final int REQUEST_THREADS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Where a person acknowledges the journal's lost history ({@code positions.JournalRoutes}). */
    public static final String ACKNOWLEDGE_ROUTE = "POST /api/journal/acknowledge";

    private final ChainBook book;
    private final Pipeline pipeline;
    private final Supplier<PoolStatus> feedStatus;
    private final Clock clock;
    private final Javalin app;
    /** Sections other rooms add to status (the positions journal's health), by name. */
    private final Map<String, Supplier<?>> statusSections = new ConcurrentSkipListMap<>();

    /**
     * @param token       the bearer token every request under /api that changes state must carry
     * @param streamSlots event streams open at once ({@code dashboard.max_clients}): each holds a request thread,
     *                    so the pool has these and {@link #REQUEST_THREADS} more
     * @param features    further routes (the live page, streams, metrics…), under the same token rule and error
     *                    mapping
     */
    public AdminServer(ChainBook book, Pipeline pipeline, Supplier<PoolStatus> feedStatus, RestoreReport chainState,
                       SymbolBudget budget, Clock clock, ApiToken token, int streamSlots, Routes... features) {
        this.book = book;
        this.pipeline = pipeline;
        this.feedStatus = feedStatus;
        this.clock = clock;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            QueuedThreadPool threads = new QueuedThreadPool(streamSlots + REQUEST_THREADS, 8, 60_000);
            threads.setName("http");
            config.jetty.threadPool = threads;
            // what Jetty answers itself (bad URI, CONNECT…) is JSON too, like every route's error
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.routes.before("/api/*", token::check);
            config.routes.get("/", this::home);
            config.routes.get("/api/option-chain/status", ctx -> {
                Map<String, Object> status = StatusJson.of(book, pipeline, feedStatus.get(), chainState, budget);
                statusSections.forEach((name, section) -> status.put(name, section.get()));
                ctx.json(status);
            });
            config.routes.get("/api/option-chain/{underlying}", this::chain);
            config.routes.get("/api/option-chain/ticks/{symbol}", this::ticks);
            config.routes.post("/api/option-chain/latency/reset", ctx -> {
                pipeline.latency().reset();
                ctx.json(Map.of("status", "success", "message", "frame-to-decision latency histogram reset"));
            });

            for (Routes feature : features) {
                feature.addTo(config);
            }

            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e instanceof ApiError ? e.getMessage() : javalinMessage(ctx, e)));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            // a trading-hours template sent in a body is judged as its file would be: the message names line and field
            config.routes.exception(ConfigException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(NoSuchElementException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            config.routes.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            // the engine says what is held back; how to release it is this API's to say
            config.routes.exception(UnacknowledgedHistoryLossException.class, (e, ctx) -> error(ctx, 409,
                    e.getMessage() + "; acknowledge with " + ACKNOWLEDGE_ROUTE));
            // not acknowledged because not on disk: the client may retry once the journal can be written
            config.routes.exception(JournalUnavailableException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error; the server log has the details");
            });
            config.routes.error(404, ctx -> {
                if (!isJsonError(ctx)) {
                    error(ctx, 404, "no route " + ctx.method() + " " + InputText.shown(ctx.path()));
                }
            });
            config.routes.error(405, ctx -> {
                if (!isJsonError(ctx)) {
                    error(ctx, 405, "method " + ctx.method() + " not allowed on " + InputText.shown(ctx.path()));
                }
            });
        });
    }

    /** Adds {@code name} to {@code GET /api/option-chain/status}, read from {@code section} on every request. */
    public AdminServer statusSection(String name, Supplier<?> section) {
        statusSections.put(name, section);
        return this;
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
        OptionChain chain = ChainSelector.select(book, ctx.pathParam("underlying"), ctx.queryParam("expiry"));
        ctx.json(ChainJson.of(chain.snapshot(ZonedDateTime.now(clock)),
                ChainSelector.expiries(book.chains(chain.underlying().name()))));
    }

    private void ticks(Context ctx) {
        String symbol = ChainSelector.symbol(ctx.pathParam("symbol"));
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

    private void home(Context ctx) {
        StringBuilder links = new StringBuilder();
        for (String underlying : book.underlyings()) {
            links.append("<li><a href=\"/api/option-chain/").append(underlying).append("\">")
                    .append(underlying).append(" option chain (JSON)</a></li>");
        }
        ctx.html("<!doctype html><html><head><meta charset=\"utf-8\"><title>Option chain engine</title></head>"
                + "<body><h1>Option chain engine</h1><ul>"
                + "<li><a href=\"/option-chain\">live option chain</a></li>"
                + "<li><a href=\"/trading-hours\">trading hours</a></li>" + links
                + "<li><a href=\"/api/option-chain/status\">status</a></li>"
                + "<li><a href=\"/metrics\">metrics (Prometheus)</a></li></ul></body></html>");
    }

    /** Javalin's own 404 and 405 name the whole path: ours show its first characters only. */
    private static String javalinMessage(Context ctx, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "no route " + ctx.method() + " " + InputText.shown(ctx.path());
            case 405 -> "method " + ctx.method() + " not allowed on " + InputText.shown(ctx.path());
            default -> e.getMessage();
        };
    }

    private static boolean isJsonError(Context ctx) {
        String body = ctx.result();
        return body != null && body.startsWith("{\"status\":\"error\"");
    }

    private static void error(Context ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", InputText.message(message));
        ctx.status(status).json(body);
    }

    @Override
    public void close() {
        app.stop();
    }
}
