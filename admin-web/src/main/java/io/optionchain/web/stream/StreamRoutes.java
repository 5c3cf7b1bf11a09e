package io.optionchain.web.stream;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.ChainSelector;
import io.optionchain.web.api.Routes;

import java.util.function.Consumer;

/**
 * The SSE routes, one per publisher: {@code GET /api/option-chain/{underlying}/stream[?expiry=]},
 * {@code GET /api/option-chain/status/stream} and {@code GET /api/positions/stream}.
 * The request is checked before the stream opens, so a bad one gets a 4xx JSON error rather than an empty
 * stream; a reconnecting client (with {@code Last-Event-ID}) gets the current whole chain like a new one. A
 * request without an Accept header gets the stream; one whose Accept rules {@code text/event-stream} out gets
 * 406 ({@link EventStreamAccept}).
 */
public final class StreamRoutes implements Routes {
    private final ChainBook book;
    private final StreamHub hub;
    private final ChainPublisher chains;
    private final StatusPublisher status;
    private final PositionsPublisher positions;

    public StreamRoutes(ChainBook book, StreamHub hub, ChainPublisher chains, StatusPublisher status,
                        PositionsPublisher positions) {
        this.book = book;
        this.hub = hub;
        this.chains = chains;
        this.status = status;
        this.positions = positions;
    }

    @Override
    public void addTo(JavalinConfig config) {
        // before the {underlying} route: "status" is not an underlying
        config.routes.get("/api/option-chain/status/stream", ctx -> open(ctx, status::stream));
        config.routes.get("/api/positions/stream", ctx -> open(ctx, positions::stream));
        config.routes.get("/api/option-chain/{underlying}/stream", ctx -> {
            OptionChain chain = ChainSelector.select(book, ctx.pathParam("underlying"), ctx.queryParam("expiry"));
            open(ctx, c -> chains.stream(chain, c));
        });
    }

    private void open(Context ctx, Consumer<Context> stream) {
        if (!EventStreamAccept.admits(ctx.header("Accept"))) {
            throw new ApiError(406, "this is a Server-Sent Events stream: send 'Accept: text/event-stream'");
        }
        if (!hub.reserve()) {
            throw ApiError.unavailable("too many streams open; the limit is dashboard.max_clients");
        }
        stream.accept(ctx);
    }
}
