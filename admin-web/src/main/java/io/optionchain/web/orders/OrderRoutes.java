package io.optionchain.web.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.entries.EntryLeg;
import io.optionchain.engine.entries.EntryPlan;
import io.optionchain.engine.entries.EntryPlanner;
import io.optionchain.engine.entries.EntryRefused;
import io.optionchain.engine.entries.PlannedLeg;
import io.optionchain.engine.market.OptionType;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.InputText;
import io.optionchain.web.json.RequestJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/orders}: an entry priced from the live books. Only the dry run is built: with
 * {@code "dry_run": true} the reply is the plan (per leg the symbol, limit, slices and what the depth says the fill
 * costs) and nothing is sent; without it the answer is 501, since placing, following and journalling entries are not
 * built yet. Exit rules beside the legs are read and echoed, not acted on.
 */
public final class OrderRoutes implements Routes {
    private static final Set<String> ORDER_FIELDS = Set.of("strategy", "product", "legs", "dry_run", "entry_buffer",
            "allow_partial", "stop", "target", "stop_percent", "trailing_points", "trailing_percent", "square_off_at",
            "trigger_on", "confirm_ticks", "confirm_ms", "on_leg_stop");
    private static final Set<String> EXIT_RULES = Set.of("stop", "target", "stop_percent", "trailing_points",
            "trailing_percent", "square_off_at", "trigger_on", "confirm_ticks", "confirm_ms", "on_leg_stop");
    private static final Set<String> LEG_FIELDS = Set.of("symbol", "underlying", "expiry", "tag", "type", "action",
            "lots");
    private static final Set<String> PRODUCTS = Set.of("MIS", "NRML");
    /** Far above any freeze quantity in lots; stops an absurd number before it is multiplied. */
    private static final int MAX_LOTS = 10_000;
    private static final double MAX_BUFFER = 1_000;

    private final EntryPlanner planner;

    public OrderRoutes(EntryPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/api/orders", this::order);
    }

    private void order(Context ctx) {
        JsonNode body = object(ctx.body());
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ORDER_FIELDS.contains(name)) {
                throw ApiError.badRequest("unknown field " + InputText.shown(name) + "; give only " + ORDER_FIELDS);
            }
        }
        JsonNode dryRun = body.get("dry_run");
        if (dryRun != null && !dryRun.isBoolean()) {
            throw ApiError.badRequest("dry_run must be true or false");
        }
        if (dryRun == null || !dryRun.booleanValue()) {
            throw new ApiError(501, "placing entries is not built yet; give \"dry_run\": true to see the plan"
                    + " an entry would send");
        }
        String strategy = text(body, "strategy");
        String product = text(body, "product").toUpperCase(Locale.ROOT);
        if (!PRODUCTS.contains(product)) {
            throw ApiError.badRequest("product must be one of " + PRODUCTS + ", got " + InputText.shown(product));
        }
        double buffer = 0;
        if (body.has("entry_buffer")) {
            JsonNode node = body.get("entry_buffer");
            if (!node.isNumber() || !(node.asDouble() >= 0 && node.asDouble() <= MAX_BUFFER)) {
                throw ApiError.badRequest("entry_buffer must be 0.." + (int) MAX_BUFFER + " rupees");
            }
            buffer = node.asDouble();
        }
        JsonNode partial = body.get("allow_partial");
        if (partial != null && !partial.isBoolean()) {
            throw ApiError.badRequest("allow_partial must be true or false");
        }
        JsonNode legsNode = body.get("legs");
        if (legsNode == null || !legsNode.isArray() || legsNode.isEmpty()) {
            throw ApiError.badRequest("legs must be a non-empty list");
        }
        List<EntryLeg> legs = new ArrayList<>();
        for (int i = 0; i < legsNode.size(); i++) {
            legs.add(leg(legsNode.get(i), "legs[" + i + "]"));
        }
        EntryPlan plan;
        try {
            plan = planner.plan(strategy, product, legs, buffer, partial != null && partial.booleanValue());
        } catch (EntryRefused e) {
            throw ApiError.badRequest(e.getMessage());
        }
        Map<String, Object> exitRules = new LinkedHashMap<>();
        body.fields().forEachRemaining(field -> {
            if (EXIT_RULES.contains(field.getKey())) {
                exitRules.put(field.getKey(), field.getValue());
            }
        });
        ctx.json(json(plan, buffer, exitRules));
    }

    private static JsonNode object(String body) {
        try {
            return RequestJson.object(body);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static EntryLeg leg(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest(at + " must be an object");
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LEG_FIELDS.contains(name)) {
                throw ApiError.badRequest(at + ": unknown field " + InputText.shown(name) + "; give only " + LEG_FIELDS);
            }
        }
        OrderAction action = choice(node, at + ".action", OrderAction.class);
        JsonNode lotsNode = node.get("lots");
        if (lotsNode == null || !lotsNode.canConvertToInt() || !lotsNode.isIntegralNumber()
                || lotsNode.asInt() < 1 || lotsNode.asInt() > MAX_LOTS) {
            throw ApiError.badRequest(at + ".lots must be a whole number 1.." + MAX_LOTS);
        }
        int lots = lotsNode.asInt();
        if (node.has("symbol")) {
            if (node.has("underlying") || node.has("tag") || node.has("expiry") || node.has("type")) {
                throw ApiError.badRequest(at + ": give a symbol, or underlying, expiry, tag and type, not both");
            }
            return EntryLeg.bySymbol(text(node, at + ".symbol", "symbol"), action, lots);
        }
        return EntryLeg.byTag(text(node, at + ".underlying", "underlying").toUpperCase(Locale.ROOT),
                node.has("expiry") ? text(node, at + ".expiry", "expiry") : "current",
                text(node, at + ".tag", "tag"), choice(node, at + ".type", OptionType.class), action, lots);
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, field);
    }

    private static String text(JsonNode node, String shown, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > 64) {
            throw ApiError.badRequest(shown + " must be a text of 1..64 characters");
        }
        return value.asText().trim();
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String shown, Class<E> type) {
        JsonNode value = node.get(shown.substring(shown.lastIndexOf('.') + 1));
        try {
            return Enum.valueOf(type, value == null || !value.isTextual() ? ""
                    : value.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(shown + " must be one of " + List.of(type.getEnumConstants()) + ", got "
                    + (value == null ? "nothing" : InputText.shown(value.asText())));
        }
    }

    private static Map<String, Object> json(EntryPlan plan, double buffer, Map<String, Object> exitRules) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("order_group", plan.orderGroup());
        json.put("dry_run", true);
        json.put("strategy", plan.strategy());
        json.put("product", plan.product());
        json.put("entry_buffer", buffer);
        List<Map<String, Object>> legs = new ArrayList<>();
        for (PlannedLeg leg : plan.legs()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("symbol", leg.symbol());
            item.put("action", leg.action().name());
            item.put("quantity", leg.quantity());
            item.put("lots", leg.lots());
            item.put("price", leg.price());
            item.put("pricing", leg.pricing().name());
            item.put("band_clamped", leg.bandClamped());
            item.put("slices", leg.slices());
            item.put("expected_price", leg.expectedPrice() == null ? null : round(leg.expectedPrice(), 4));
            item.put("slippage", round(leg.slippage(), 4));
            item.put("impact_cost_pct", round(leg.impactCostPct(), 4));
            item.put("order_ids", List.of());
            item.put("state", "PLANNED");
            legs.add(item);
        }
        json.put("legs", legs);
        json.put("exit_rules", exitRules);
        json.put("exit_rules_applied", false);
        return json;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
