package io.optionchain.simulator.faults;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One account's {@link Faults} switches over HTTP on its REST port, for a simulator run from the command line:
 * {@code POST /sim/faults/drop} (all connections, {@code ?symbol=X} only those holding X, or {@code ?connection=ID}
 * only that one, by its id in {@code GET /sim/connections}),
 * {@code stall?on=}, {@code refuse-auth?on=}, {@code logged-out?on=}, {@code suspend?on=},
 * {@code broker-down?on=} (every account of the broker), {@code rate-limit?n=} (the next n calls) or
 * {@code rate-limit?seconds=} (every call for that long), {@code slow-rest?ms=},
 * {@code malformed?fraction=}, {@code duplicates?fraction=}, {@code zero-bid-ask?fraction=},
 * {@code missing-depth?fraction=}, {@code oversized?fraction=&bytes=}, {@code unknown-symbols?fraction=},
 * {@code out-of-order?fraction=}, {@code book-gap?symbol=&factor=} (the option's book quoted at that factor of its
 * fair value, untraded; 1 ends it), {@code reject-orders?n=}, {@code fail-orders?n=}, {@code slow-orders?ms=},
 * {@code never-fill?on=}, {@code fail-telegram?n=} (the next n Telegram notifications), {@code reset}, and {@code GET /sim/faults}. Every answer carries the settings
 * now in force under {@code faults} (the keys the one-account simulator always had), the account's own
 * under {@code account}, and after a targeted drop how many connections it dropped. Outside
 * {@code /api/v1/}, so the OpenAlgo surface stays exact and these answer whatever fault is on, and without
 * the API key: it is a loopback test tool. Bad parameters answer 400 in OpenAlgo's error shape.
 */
public final class FaultRoutes {
    private static final String PREFIX = "/sim/faults";
    /** A trading day and then some: longer is a mistake, not a test. */
    private static final long MAX_RATE_LIMIT_SECONDS = 86_400;

    /** Writes a JSON reply; the REST server's own, so both surfaces serialise alike. */
    public interface Responder {
        void respond(Context ctx, int status, Object body);
    }

    private final Faults faults;
    private final Responder responder;

    public FaultRoutes(Faults faults, Responder responder) {
        this.faults = faults;
        this.responder = responder;
    }

    public void register(RoutesConfig routes) {
        routes.get(PREFIX, this::settings);
        routes.post(PREFIX + "/drop", this::drop);
        post(routes, "stall", ctx -> faults.stall(flag(ctx, "on")));
        post(routes, "refuse-auth", ctx -> faults.refuseAuth(flag(ctx, "on")));
        post(routes, "logged-out", ctx -> faults.loggedOut(flag(ctx, "on")));
        post(routes, "suspend", ctx -> faults.suspend(flag(ctx, "on")));
        post(routes, "broker-down", ctx -> faults.brokerDown(flag(ctx, "on")));
        post(routes, "rate-limit", this::rateLimit);
        post(routes, "slow-rest", ctx -> faults.slowRest(Duration.ofMillis(number(ctx, "ms", 60_000))));
        post(routes, "malformed", ctx -> faults.malformedFrames(fraction(ctx)));
        post(routes, "duplicates", ctx -> faults.duplicateTicks(fraction(ctx)));
        post(routes, "zero-bid-ask", ctx -> faults.zeroBidAsk(fraction(ctx)));
        post(routes, "missing-depth", ctx -> faults.missingDepth(fraction(ctx)));
        post(routes, "oversized", ctx -> faults.oversizedFrames(fraction(ctx), ctx.queryParam("bytes") == null
                ? Faults.DEFAULT_OVERSIZED_BYTES : (int) number(ctx, "bytes", Faults.MAX_OVERSIZED_BYTES)));
        post(routes, "unknown-symbols", ctx -> faults.unknownSymbols(fraction(ctx)));
        post(routes, "out-of-order", ctx -> faults.outOfOrderTicks(fraction(ctx)));
        post(routes, "book-gap", ctx -> faults.gapBook(ctx.queryParam("symbol"), factor(ctx)));
        post(routes, "reject-orders", ctx -> faults.rejectNextOrders((int) number(ctx, "n", Integer.MAX_VALUE)));
        post(routes, "fail-orders", ctx -> faults.failNextOrders((int) number(ctx, "n", Integer.MAX_VALUE)));
        post(routes, "slow-orders", ctx -> faults.slowOrders(Duration.ofMillis(number(ctx, "ms", 600_000))));
        post(routes, "never-fill", ctx -> faults.neverFill(flag(ctx, "on")));
        post(routes, "fail-telegram", ctx -> faults.failTelegram((int) number(ctx, "n", Integer.MAX_VALUE)));
        post(routes, "reset", ctx -> faults.reset());
    }

    private void post(RoutesConfig routes, String name, Consumer<Context> change) {
        routes.post(PREFIX + "/" + name, ctx -> {
            try {
                change.accept(ctx);
            } catch (IllegalArgumentException e) {
                responder.respond(ctx, 400, Map.of("status", "error", "message", e.getMessage()));
                return;
            }
            settings(ctx);
        });
    }

    /** {@code n} calls, or every call for {@code seconds}; one of the two. */
    private void rateLimit(Context ctx) {
        boolean timed = ctx.queryParam("seconds") != null;
        if (timed && ctx.queryParam("n") != null) {
            throw new IllegalArgumentException("give n (calls) or seconds, not both");
        }
        if (timed) {
            faults.rateLimitFor(Duration.ofSeconds(number(ctx, "seconds", MAX_RATE_LIMIT_SECONDS)));
        } else {
            faults.rateLimitRest((int) number(ctx, "n", Integer.MAX_VALUE));
        }
    }

    /** Without a symbol every connection goes; with one, only those subscribed to it; with an id, only that one. */
    private void drop(Context ctx) {
        String connection = ctx.queryParam("connection");
        if (connection != null) {
            if (connection.isBlank()) {
                responder.respond(ctx, 400, Map.of("status", "error", "message", "connection must not be blank"));
                return;
            }
            Map<String, Object> body = settingsBody();
            body.put("dropped", faults.dropConnection(connection));
            responder.respond(ctx, 200, body);
            return;
        }
        String symbol = ctx.queryParam("symbol");
        if (symbol == null) {
            faults.dropConnections();
            settings(ctx);
            return;
        }
        if (symbol.isBlank()) {
            responder.respond(ctx, 400, Map.of("status", "error", "message", "symbol must not be blank"));
            return;
        }
        Map<String, Object> body = settingsBody();
        body.put("dropped", faults.dropConnectionHolding(symbol));
        responder.respond(ctx, 200, body);
    }

    private void settings(Context ctx) {
        responder.respond(ctx, 200, settingsBody());
    }

    private Map<String, Object> settingsBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("faults", faults.settings());
        body.put("account", faults.accountSettings());
        return body;
    }

    private static boolean flag(Context ctx, String name) {
        String value = required(ctx, name);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static long number(Context ctx, String name, long max) {
        String value = required(ctx, name);
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
        if (number < 0 || number > max) {
            throw new IllegalArgumentException(name + " must be 0.." + max + ", got " + number);
        }
        return number;
    }

    private static double fraction(Context ctx) {
        String value = required(ctx, "fraction");
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fraction must be a number 0..1, got '" + value + "'");
        }
    }

    private static double factor(Context ctx) {
        String value = required(ctx, "factor");
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("factor must be a number above 0, got '" + value + "'");
        }
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required");
        }
        return value;
    }
}
