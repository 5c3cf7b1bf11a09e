package io.optionchain.web.positions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.TrailingStop;
import io.optionchain.engine.positions.TriggerOn;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.InputText;
import io.optionchain.web.json.PositionJson;
import io.optionchain.web.json.RequestJson;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/positions}: open a position with its exits, list positions with P&amp;L and net Greeks per position
 * and per strategy, exit one now, or stop watching one. A position is held by one account, named in {@code account} (left
 * out: the primary): its exit orders go through that account only, and an unknown name is a 400. Changing routes
 * need the bearer token (the server's rule for every non-GET under /api). The desk's refusals reach the caller
 * through the server's one exception mapping.
 *
 * <pre>
 *   POST   /api/positions             {"strategy","product"?,"account"?,"legs":[{"symbol","side","lots"|"quantity","entry_price",
 *                                     "stop"?,"stop_percent"?,"target"?}],
 *                                     "stop"?,"target"?,"stop_percent"?,"trailing_points"?|"trailing_percent"?,
 *                                     "square_off_at"? ("HH:MM[:SS]", Asia/Kolkata), "trigger_on"? ("touch" |
 *                                     "depth"), "confirm_ticks"? (0..10000) | "confirm_ms"? (0..3600000),
 *                                     "on_leg_stop"? ("exit_leg" | "exit_leg_and_move_others_to_cost" |
 *                                     "exit_all")}: legs may differ in side and quantity (a ratio spread), which
 *                                     then takes per-leg rules and no combined ones
 *   GET    /api/positions[?state=open][&limit=N][&after=ID]
 *                                     {"positions":[…],"strategies":[…],"greeks":{…},"next_after"?}: by id, at most
 *                                     limit (1..1000, default 1000); next_after, when more remain, is the after= of
 *                                     the next page; strategies and the book's greeks cover every position
 *   GET    /api/positions/{id}
 *   POST   /api/positions/{id}/exit   exit now: one exit order per leg (per slice above the freeze), exactly once
 *   POST   /api/positions/exit-all[?strategy=S]
 *                                     the kill switch: exit every open position (of strategy S), each exactly once
 *                                     however often or concurrently asked; {"strategy","exited":[…],"skipped":[…]}
 *   DELETE /api/positions/{id}        stop watching; no order is sent (the position stays at the broker)
 *   POST   /api/positions/{id}/review {"watch":true|false}: resolve a position the journal's repair put in
 *                                     NEEDS_REVIEW, once checked at the broker: watch it again, or cancel it
 * </pre>
 *
 * <p>Quantities are whole numbers within stated limits: 1..{@value #MAX_LOTS} lots, 1..{@value #MAX_QUANTITY}
 * units a leg (lots times the lot size, multiplied exactly). Names (strategy, product, symbol) are 1..64
 * characters without control or format characters. A refusal is a 400 naming the field, showing at most 64
 * characters of what was sent.
 */
public final class PositionRoutes implements Routes {
    /** Most lots a leg may give: far above any exchange's freeze quantity, far below an overflow. */
    public static final long MAX_LOTS = 10_000;
    /** Most units a leg may hold, given as quantity or as lots times the lot size. */
    public static final long MAX_QUANTITY = 10_000_000;
    /** Longest strategy, product or symbol (the desk's limit for strategy names). */
    public static final int MAX_NAME_LENGTH = 64;
    /** Most positions a page of {@code GET /api/positions} lists, and the default. */
    public static final int MAX_PAGE = 1_000;
    private static final Set<String> POSITION_FIELDS = Set.of("strategy", "product", "account", "legs", "stop",
            "target", "stop_percent", "trailing_points", "trailing_percent", "square_off_at", "trigger_on",
            "confirm_ticks", "confirm_ms", "on_leg_stop");
    private static final Set<String> LEG_FIELDS = Set.of("symbol", "side", "lots", "quantity", "entry_price", "stop",
            "stop_percent", "target");

    private final RiskDesk desk;

    public PositionRoutes(RiskDesk desk) {
        this.desk = desk;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/api/positions", ctx -> {
            Position opened = desk.open(request(ctx));
            ctx.status(201).json(PositionJson.position(opened));
        });
        config.routes.get("/api/positions", this::list);
        config.routes.get("/api/positions/{id}", ctx -> ctx.json(PositionJson.position(desk.position(id(ctx))
                .orElseThrow(() -> ApiError.notFound("no position " + ctx.pathParam("id"))))));
        config.routes.post("/api/positions/{id}/exit", ctx -> ctx.json(PositionJson.position(desk.exit(id(ctx)))));
        config.routes.post("/api/positions/exit-all", ctx -> {
            String strategy = ctx.queryParam("strategy");
            if (strategy != null) {
                strategy = text(JsonNodeFactory.instance.objectNode().put("strategy", strategy), "strategy", "");
            }
            ctx.json(PositionJson.exitAll(desk.exitAll(strategy)));
        });
        config.routes.delete("/api/positions/{id}", ctx -> ctx.json(PositionJson.position(desk.cancel(id(ctx)))));
        config.routes.post("/api/positions/{id}/review", ctx -> {
            JsonNode body = RequestJson.object(ctx.body());
            JsonNode watch = body.path("watch");
            if (!watch.isBoolean() || body.size() != 1) {
                throw ApiError.badRequest("the body must be {\"watch\": true} or {\"watch\": false}");
            }
            ctx.json(PositionJson.position(desk.resolveReview(id(ctx), watch.booleanValue())));
        });
    }

    /** One page of positions, by id, of one state or all; the P&amp;L per strategy always covers them all. */
    private void list(Context ctx) {
        String stateText = ctx.queryParam("state");
        PositionState state = null;
        if (stateText != null) {
            try {
                state = PositionState.valueOf(stateText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("state must be one of " + List.of(PositionState.values())
                        + " (any case), got " + InputText.shown(stateText));
            }
        }
        long limit = queryNumber(ctx, "limit", MAX_PAGE, 1, MAX_PAGE);
        long after = queryNumber(ctx, "after", -1, 0, Long.MAX_VALUE); // ids start at 0
        List<Position> page = new ArrayList<>();
        Long nextAfter = null;
        List<Position> all = desk.positions();
        for (Position position : all) {
            if (position.id() <= after || (state != null && position.state() != state)) {
                continue;
            }
            if (page.size() == limit) {
                nextAfter = page.get(page.size() - 1).id();
                break;
            }
            page.add(position);
        }
        Map<String, Object> json = PositionJson.book(page, desk.pnlByStrategy(all));
        if (nextAfter != null) {
            json.put("next_after", nextAfter);
        }
        ctx.json(json);
    }

    private static long queryNumber(Context ctx, String name, long absent, long min, long max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw ApiError.badRequest(name + " must be a whole number " + min + ".." + max + ", got "
                + InputText.shown(text));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("position id must be a number, got " + InputText.shown(ctx.pathParam("id")));
        }
    }

    private PositionRequest request(Context ctx) {
        JsonNode body = RequestJson.object(ctx.body());
        onlyKnown(body, POSITION_FIELDS, "");
        String strategy = text(body, "strategy", "");
        String product = body.has("product") ? text(body, "product", "") : "MIS";
        // the desk refuses a name no account has (a 400 naming the accounts there are); null: the primary
        String account = body.hasNonNull("account") ? text(body, "account", "") : null;
        JsonNode legsNode = body.get("legs");
        if (legsNode == null || !legsNode.isArray() || legsNode.isEmpty()) {
            throw ApiError.badRequest("legs must be a non-empty list");
        }
        List<LegRequest> legs = new ArrayList<>();
        for (int i = 0; i < legsNode.size(); i++) {
            legs.add(leg(legsNode.get(i), "legs[" + i + "]."));
        }
        if (body.has("trailing_points") && body.has("trailing_percent")) {
            throw ApiError.badRequest("give trailing_points or trailing_percent, not both");
        }
        // the engine's values refuse what they cannot hold with IllegalArgumentException: the server's 400
        TrailingStop trailing = null;
        if (body.has("trailing_points")) {
            trailing = TrailingStop.points(number(body, "trailing_points", ""));
        } else if (body.has("trailing_percent")) {
            trailing = TrailingStop.percent(number(body, "trailing_percent", ""));
        }
        if (given(body, "confirm_ticks") && given(body, "confirm_ms")) {
            throw ApiError.badRequest("give confirm_ticks or confirm_ms, not both");
        }
        int confirmTicks = given(body, "confirm_ticks")
                ? (int) whole(body, "confirm_ticks", 0, ExitRules.MAX_CONFIRM_TICKS, "") : 0;
        long confirmMillis = given(body, "confirm_ms")
                ? whole(body, "confirm_ms", 0, ExitRules.MAX_CONFIRM_MILLIS, "") : 0;
        ExitRules rules = new ExitRules(optional(body, "stop"), optional(body, "target"),
                optional(body, "stop_percent"), trailing, squareOffAt(body), triggerOn(body), confirmTicks,
                confirmMillis, onLegStop(body));
        return new PositionRequest(strategy, legs, rules, product.toUpperCase(Locale.ROOT), account);
    }

    /** {@code trigger_on}: {@code touch} (also when left out or null) or {@code depth}, any case. */
    private static TriggerOn triggerOn(JsonNode body) {
        if (!given(body, "trigger_on")) {
            return TriggerOn.TOUCH;
        }
        JsonNode value = body.get("trigger_on");
        String text = value.isTextual() ? value.asText().strip().toUpperCase(Locale.ROOT) : "";
        for (TriggerOn on : TriggerOn.values()) {
            if (on.name().equals(text)) {
                return on;
            }
        }
        throw ApiError.badRequest("trigger_on must be touch (the best bid or ask) or depth (the whole quantity "
                + "through the five levels), got "
                + InputText.shown(value.isTextual() ? value.asText() : value.toString()));
    }

    /** {@code on_leg_stop}: what a position does when one leg's own rule fires; exit_leg when left out or null. */
    private static OnLegStop onLegStop(JsonNode body) {
        if (!given(body, "on_leg_stop")) {
            return OnLegStop.EXIT_LEG;
        }
        JsonNode value = body.get("on_leg_stop");
        String text = value.isTextual() ? value.asText().strip().toUpperCase(Locale.ROOT) : "";
        for (OnLegStop then : OnLegStop.values()) {
            if (then.name().equals(text)) {
                return then;
            }
        }
        throw ApiError.badRequest("on_leg_stop must be exit_leg (that leg alone), exit_leg_and_move_others_to_cost "
                + "(that leg, and the others' stops to their entry prices) or exit_all (the whole position), got "
                + InputText.shown(value.isTextual() ? value.asText() : value.toString()));
    }

    private static boolean given(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    /** {@code square_off_at}: a time of day in the exchange's zone; null when not given. */
    private static LocalTime squareOffAt(JsonNode body) {
        if (!body.has("square_off_at")) {
            return null;
        }
        JsonNode value = body.get("square_off_at");
        String text = value.isTextual() ? value.asText() : null;
        try {
            return LocalTime.parse(text == null ? "" : text, ExitRules.SQUARE_OFF_TIME);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("square_off_at must be a time of day as HH:MM or HH:MM:SS (24-hour, "
                    + "Asia/Kolkata), got " + InputText.shown(value.toString()));
        }
    }

    private LegRequest leg(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest(where.substring(0, where.length() - 1) + " must be an object");
        }
        onlyKnown(node, LEG_FIELDS, where);
        String symbol = text(node, "symbol", where).toUpperCase(Locale.ROOT);
        String sideText = text(node, "side", where).toUpperCase(Locale.ROOT);
        PositionSide side;
        try {
            side = PositionSide.valueOf(sideText);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(where + "side must be long or short, got " + InputText.shown(node.get("side").asText()));
        }
        if (node.has("lots") == node.has("quantity")) {
            throw ApiError.badRequest(where + "give lots or quantity, exactly one");
        }
        long quantity;
        if (node.has("lots")) {
            long lots = whole(node, "lots", MAX_LOTS, where);
            int lotSize = lotSize(symbol, where);
            quantity = Math.multiplyExact(lots, (long) lotSize); // exact: 10,000 lots of any int lot size fit a long
            if (quantity > MAX_QUANTITY) {
                throw ApiError.badRequest(where + "lots: " + lots + " lots of " + lotSize + " is " + quantity
                        + " units, above the most a leg may hold, " + MAX_QUANTITY);
            }
        } else {
            quantity = whole(node, "quantity", MAX_QUANTITY, where);
        }
        try {
            return new LegRequest(symbol, side, quantity, number(node, "entry_price", where),
                    new LegRules(optional(node, "stop", where), optional(node, "stop_percent", where),
                            optional(node, "target", where)));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(where + e.getMessage());
        }
    }

    /** The option's lot as its chain opened with it (the server's), or the configured fallback before. */
    private int lotSize(String symbol, String where) {
        try {
            return desk.lotSize(symbol);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(where + "symbol " + InputText.shown(symbol)
                    + " is not an option of a configured underlying");
        }
    }

    private static void onlyKnown(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiError.badRequest(where + InputText.shown(name) + ": unknown field; expected one of " + known);
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiError.badRequest(where + field + " must be a non-empty string");
        }
        // judged before trimming: trim() would quietly eat a leading NUL or ESC
        String text = value.asText();
        int unsafe = InputText.firstUnsafe(text);
        if (unsafe >= 0) {
            throw ApiError.badRequest(where + field + " must not hold control or format characters; character "
                    + (unsafe + 1) + " is U+" + String.format("%04X", (int) text.charAt(unsafe)) + " in "
                    + InputText.shown(text));
        }
        if (text.length() > MAX_NAME_LENGTH) {
            throw ApiError.badRequest(where + field + " must be at most " + MAX_NAME_LENGTH + " characters, got "
                    + text.length() + ": " + InputText.shown(text));
        }
        return text.strip();
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw ApiError.badRequest(where + field + " must be a number");
        }
        return value.asDouble();
    }

    private static Double optional(JsonNode node, String field) {
        return optional(node, field, "");
    }

    private static Double optional(JsonNode node, String field, String where) {
        return node.has(field) && !node.get(field).isNull() ? number(node, field, where) : null;
    }

    /** A whole number 1..max, judged on its exact decimal value: never a long or int it was cut down to. */
    private static long whole(JsonNode node, String field, long max, String where) {
        return whole(node, field, 1, max, where);
    }

    /** A whole number min..max (min 0 or 1), judged on its exact decimal value. */
    private static long whole(JsonNode node, String field, long min, long max, String where) {
        JsonNode value = node.get(field);
        String rule = where + field + " must be a whole number " + min + ".." + max;
        if (value == null || !value.isNumber() || ((value.isDouble() || value.isFloat())
                && !Double.isFinite(value.doubleValue()))) {
            throw ApiError.badRequest(rule + ", got " + (value == null ? "nothing" : InputText.shown(value.toString())));
        }
        BigDecimal exact = value.decimalValue();
        if (exact.compareTo(BigDecimal.valueOf(min)) < 0 || exact.compareTo(BigDecimal.valueOf(max)) > 0
                || exact.stripTrailingZeros().scale() > 0) {
            throw ApiError.badRequest(rule + ", got " + InputText.shown(value.toString()));
        }
        return exact.longValueExact();
    }
}
