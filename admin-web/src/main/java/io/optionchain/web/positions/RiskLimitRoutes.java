package io.optionchain.web.positions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.InputText;
import io.optionchain.web.json.LimitsJson;
import io.optionchain.web.json.RequestJson;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/risk/limits}: the MTM limits, daily, in rupees of realised plus unrealised P&amp;L at the exit side of
 * the book, for every position the engine watches ({@code account}), per holding account ({@code accounts}, by
 * the configured name; an unknown one is a 400) and per strategy. Reaching one exits every open
 * position of its scope, exactly once per leg; a fired scope takes no new position for the rest of the exchange
 * day (409 with the reason).
 *
 * <pre>
 *   PUT /api/risk/limits   {"account": {"max_loss": 5000, "max_profit": 12000} | null,
 *                           "accounts": {"dhan-backup": {"max_loss": 3000}},
 *                           "strategies": {"straddle-1": {"max_loss": 2000, "lock_at": 3000, "lock": 1000,
 *                                                          "trail_every": 500, "trail_by": 400,
 *                                                          "square_off_at": "15:10"}}}
 *                          replaces the whole set (token); on disk before it answers; 503 when it cannot be written
 *   GET /api/risk/limits   the same, each scope with "mtm", "floor" (the profit locked today) and "fired"
 * </pre>
 */
public final class RiskLimitRoutes implements Routes {
    private static final Set<String> FIELDS = Set.of("account", "accounts", "strategies");
    private static final Set<String> LIMIT_FIELDS = Set.of("max_loss", "max_profit", "lock_at", "lock",
            "trail_every", "trail_by");
    /** A strategy's square-off time, beside its limits or alone. */
    private static final String SQUARE_OFF_AT = "square_off_at";

    private final RiskDesk desk;

    public RiskLimitRoutes(RiskDesk desk) {
        this.desk = desk;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/api/risk/limits", ctx -> ctx.json(LimitsJson.limits(desk.limitStates(),
                desk.limits().squareOffs())));
        config.routes.put("/api/risk/limits", ctx -> {
            RiskLimits next = limits(ctx.body());
            ctx.json(LimitsJson.limits(desk.setLimits(next), next.squareOffs()));
        });
    }

    static RiskLimits limits(String text) {
        JsonNode body = RequestJson.object(text);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiError.badRequest(InputText.shown(name) + ": unknown field; expected one of " + FIELDS);
            }
        }
        MtmLimit account = body.hasNonNull("account") ? limit(body.get("account"), "account.") : null;
        Map<String, LocalTime> squareOffs = new LinkedHashMap<>();
        Map<String, MtmLimit> strategies = named(body, "strategies", "strategy", squareOffs);
        try {
            return new RiskLimits(account, strategies, named(body, "accounts", "account", null), squareOffs);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /**
     * {@code strategies} or {@code accounts}: an object of names to limits; a strategy's may also give, or give only,
     * {@code square_off_at}, which goes to {@code squareOffs}.
     */
    private static Map<String, MtmLimit> named(JsonNode body, String field, String what,
                                               Map<String, LocalTime> squareOffs) {
        Map<String, MtmLimit> limits = new LinkedHashMap<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return limits;
        }
        if (!node.isObject()) {
            throw ApiError.badRequest(field + " must be an object of " + what + " name to limits");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = name(entry.getKey(), field, what);
            String where = field + "." + name + ".";
            JsonNode given = entry.getValue();
            if (squareOffs != null && given.isObject() && given.has(SQUARE_OFF_AT)) {
                squareOffs.put(name, squareOffAt(given.get(SQUARE_OFF_AT), where));
                ObjectNode rest = ((ObjectNode) given).deepCopy();
                rest.remove(SQUARE_OFF_AT);
                if (rest.isEmpty()) {
                    continue;                   // a strategy that only squares off at a time
                }
                given = rest;
            }
            limits.put(name, limit(given, where));
        }
        return limits;
    }

    private static LocalTime squareOffAt(JsonNode value, String where) {
        try {
            return LocalTime.parse(value.isTextual() ? value.asText() : "", ExitRules.SQUARE_OFF_TIME);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(where + SQUARE_OFF_AT + " must be a time of day as HH:MM or HH:MM:SS (24-hour,"
                    + " Asia/Kolkata), got " + InputText.shown(value.toString()));
        }
    }

    private static String name(String name, String field, String what) {
        int unsafe = InputText.firstUnsafe(name);
        if (name.isBlank() || unsafe >= 0 || name.length() > PositionRoutes.MAX_NAME_LENGTH
                || !name.equals(name.strip())) {
            throw ApiError.badRequest(field + ": " + (what.equals("account") ? "an " : "a ") + what + " name is 1.."
                    + PositionRoutes.MAX_NAME_LENGTH + " characters without control characters or surrounding"
                    + " spaces, got " + InputText.shown(name));
        }
        return name;
    }

    private static MtmLimit limit(JsonNode node, String where) {
        if (!node.isObject()) {
            throw ApiError.badRequest(where.substring(0, where.length() - 1) + " must be an object of limits");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LIMIT_FIELDS.contains(name)) {
                throw ApiError.badRequest(where + InputText.shown(name) + ": unknown field; expected some of "
                        + LIMIT_FIELDS);
            }
        }
        try {
            return new MtmLimit(amount(node, "max_loss", where), amount(node, "max_profit", where),
                    amount(node, "lock_at", where), amount(node, "lock", where), amount(node, "trail_every", where),
                    amount(node, "trail_by", where));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(where.substring(0, where.length() - 1) + ": " + e.getMessage());
        }
    }

    private static Double amount(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw ApiError.badRequest(where + field + " must be a number of rupees, got "
                    + InputText.shown(value.toString()));
        }
        return value.asDouble();
    }
}
