package io.optionchain.web.positions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.TrailingStop;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.PositionJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /api/positions}: open a position with its exits, list positions with P&amp;L per position and per
 * strategy, exit one now, or stop watching one. Changing routes need the bearer token (the server's rule for
 * every non-GET under /api). The desk's refusals reach the caller through the server's one exception mapping.
 *
 * <pre>
 *   POST   /api/positions             {"strategy","product"?,"legs":[{"symbol","side","lots"|"quantity","entry_price"}],
 *                                     "stop"?,"target"?,"stop_percent"?,"trailing_points"?|"trailing_percent"?}
 *   GET    /api/positions             {"positions":[…],"strategies":[…]}
 *   GET    /api/positions/{id}
 *   POST   /api/positions/{id}/exit   exit now: one exit order per leg, exactly once
 *   DELETE /api/positions/{id}        stop watching; no order is sent (the position stays at the broker)
 * </pre>
 */
public final class PositionRoutes implements Routes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> POSITION_FIELDS = Set.of("strategy", "product", "legs", "stop", "target",
            "stop_percent", "trailing_points", "trailing_percent");
    private static final Set<String> LEG_FIELDS = Set.of("symbol", "side", "lots", "quantity", "entry_price");

    private final RiskDesk desk;
    private final List<Underlying> underlyings;

    public PositionRoutes(RiskDesk desk, List<Underlying> underlyings) {
        this.desk = desk;
        // longest name first: a symbol of MIDCPNIFTY must not be taken for NIFTY
        this.underlyings = underlyings.stream()
                .sorted(Comparator.comparingInt((Underlying u) -> u.name().length()).reversed()).toList();
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/api/positions", ctx -> {
            Position opened = desk.open(request(ctx));
            ctx.status(201).json(PositionJson.position(opened));
        });
        config.routes.get("/api/positions", ctx -> ctx.json(PositionJson.book(desk.positions(), desk.pnlByStrategy())));
        config.routes.get("/api/positions/{id}", ctx -> ctx.json(PositionJson.position(desk.position(id(ctx))
                .orElseThrow(() -> ApiError.notFound("no position " + ctx.pathParam("id"))))));
        config.routes.post("/api/positions/{id}/exit", ctx -> ctx.json(PositionJson.position(desk.exit(id(ctx)))));
        config.routes.delete("/api/positions/{id}", ctx -> ctx.json(PositionJson.position(desk.cancel(id(ctx)))));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("position id must be a number, got '" + ctx.pathParam("id") + "'");
        }
    }

    private PositionRequest request(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body must be JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("body must be a JSON object");
        }
        onlyKnown(body, POSITION_FIELDS, "");
        String strategy = text(body, "strategy", "");
        String product = body.has("product") ? text(body, "product", "") : "MIS";
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
        ExitRules rules = new ExitRules(optional(body, "stop"), optional(body, "target"),
                optional(body, "stop_percent"), trailing);
        return new PositionRequest(strategy, legs, rules, product.toUpperCase(Locale.ROOT));
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
            throw ApiError.badRequest(where + "side must be long or short, got '" + node.get("side").asText() + "'");
        }
        if (node.has("lots") == node.has("quantity")) {
            throw ApiError.badRequest(where + "give lots or quantity, exactly one");
        }
        long quantity;
        if (node.has("lots")) {
            long lots = whole(node, "lots", where);
            quantity = lots * lotSize(symbol, where);
        } else {
            quantity = whole(node, "quantity", where);
        }
        try {
            return new LegRequest(symbol, side, quantity, number(node, "entry_price", where));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(where + e.getMessage());
        }
    }

    private int lotSize(String symbol, String where) {
        for (Underlying underlying : underlyings) {
            if (symbol.startsWith(underlying.name())) {
                return underlying.lotSize();
            }
        }
        throw ApiError.badRequest(where + "symbol '" + symbol + "' is not an option of a configured underlying");
    }

    private static void onlyKnown(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiError.badRequest(where + name + ": unknown field; expected one of " + known);
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiError.badRequest(where + field + " must be a non-empty string");
        }
        return value.asText().trim();
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw ApiError.badRequest(where + field + " must be a number");
        }
        return value.asDouble();
    }

    private static Double optional(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? number(node, field, "") : null;
    }

    private static long whole(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || value.asLong() <= 0) {
            throw ApiError.badRequest(where + field + " must be a positive whole number");
        }
        return value.asLong();
    }
}
