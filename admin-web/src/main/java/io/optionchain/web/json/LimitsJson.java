package io.optionchain.web.json;

import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LimitState;
import io.optionchain.engine.positions.MtmLimit;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.optionchain.web.json.WireFormat.money;
import static io.optionchain.web.json.WireFormat.time;

/**
 * The MTM limits as {@code GET /api/risk/limits} shows them: the body {@code PUT} takes, each scope with how it
 * stands now.
 *
 * <pre>
 *   {"account": {"max_loss": 5000, …, "mtm": -1250.5, "floor": null, "fired": null} | null,
 *    "accounts": {"dhan-backup": {"max_loss": 3000, "mtm": …, "floor": null, "fired": null}},
 *    "strategies": {"straddle-1": {"max_loss": 2000, "lock_at": 3000, …, "mtm": 3420, "floor": 1000,
 *                   "fired": {"limit": "max_loss" | "max_profit" | "profit_lock", "at", "mtm", "level"} | null,
 *                   "square_off_at": "15:10:00"}}}
 * </pre>
 */
public final class LimitsJson {
    private LimitsJson() {
    }

    /** @param squareOffs each strategy's square-off time: shown in its entry, or as an entry of its own */
    public static Map<String, Object> limits(List<LimitState> states, Map<String, LocalTime> squareOffs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account", null);
        Map<String, Object> accounts = new LinkedHashMap<>();
        Map<String, Object> strategies = new LinkedHashMap<>();
        for (LimitState state : states) {
            switch (state.scope()) {
                case ACCOUNT -> json.put("account", scope(state));
                case HOLDING_ACCOUNT -> accounts.put(state.name(), scope(state));
                case STRATEGY -> strategies.put(state.name(), scope(state));
            }
        }
        squareOffs.forEach((strategy, time) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) strategies.computeIfAbsent(strategy,
                    s -> new LinkedHashMap<String, Object>());
            entry.put("square_off_at", time.format(ExitRules.SQUARE_OFF_TIME));
        });
        json.put("accounts", accounts);
        json.put("strategies", strategies);
        return json;
    }

    /** For status: the limits as GET shows them, and why their state cannot be written, if it cannot. */
    public static Map<String, Object> status(List<LimitState> states, Map<String, LocalTime> squareOffs,
                                             String writeProblem) {
        Map<String, Object> json = limits(states, squareOffs);
        json.put("write_problem", writeProblem);
        return json;
    }

    private static Map<String, Object> scope(LimitState state) {
        Map<String, Object> json = limit(state.limit());
        json.put("mtm", money(state.mtm()));
        json.put("floor", money(state.floor()));
        Map<String, Object> fired = null;
        if (state.fired() != null) {
            fired = new LinkedHashMap<>();
            fired.put("limit", state.fired().name().toLowerCase(Locale.ROOT));
            fired.put("at", time(state.firedAt()));
            fired.put("mtm", money(state.firedMtm()));
            fired.put("level", money(state.firedLevel()));
        }
        json.put("fired", fired);
        return json;
    }

    private static Map<String, Object> limit(MtmLimit limit) {
        Map<String, Object> json = new LinkedHashMap<>();
        put(json, "max_loss", limit.maxLoss());
        put(json, "max_profit", limit.maxProfit());
        put(json, "lock_at", limit.lockAt());
        put(json, "lock", limit.lock());
        put(json, "trail_every", limit.trailEvery());
        put(json, "trail_by", limit.trailBy());
        return json;
    }

    private static void put(Map<String, Object> json, String name, Double value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
