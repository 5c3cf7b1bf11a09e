package io.optionchain.web.json;

import com.fasterxml.jackson.databind.util.RawValue;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.positions.ExecutionCheck;
import io.optionchain.engine.positions.ExitAllOutcome;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.NetGreeks;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.StrategyPnl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.optionchain.web.json.WireFormat.money;
import static io.optionchain.web.json.WireFormat.time;

/**
 * Positions, strategy P&amp;L, net Greeks and risk decisions as {@code /api/positions} and the positions stream show
 * them.
 */
public final class PositionJson {
    private PositionJson() {
    }

    /** Positions, P&amp;L and Greeks per strategy, and the book's net Greeks ({@code greeks}, over every strategy). */
    public static Map<String, Object> book(List<Position> positions, List<StrategyPnl> strategies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("positions", positions.stream().map(PositionJson::position).toList());
        json.put("strategies", strategies(strategies));
        json.put("greeks", totalGreeks(strategies));
        return json;
    }

    /** P&amp;L per strategy as the book shows it. */
    public static List<Map<String, Object>> strategies(List<StrategyPnl> strategies) {
        return strategies.stream().map(PositionJson::strategy).toList();
    }

    /** The book's net Greeks, summed over the strategies: the top-level {@code greeks} of the book. */
    public static Map<String, Object> totalGreeks(List<StrategyPnl> strategies) {
        return greeks(StrategyPnl.totalGreeks(strategies));
    }

    /**
     * The book from positions, strategies and its Greeks already written as JSON text ({@link JsonText}), in the
     * shape of {@link #book(List, List)}: what the positions stream gives a newcomer without writing every position
     * again.
     */
    public static Map<String, Object> book(Collection<String> positions, String strategies, String greeks) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("positions", positions.stream().map(RawValue::new).toList());
        json.put("strategies", new RawValue(strategies));
        json.put("greeks", new RawValue(greeks));
        return json;
    }

    /**
     * What changed in the book since the positions stream's last event: each position whose JSON changed (or that
     * is new), whole; the ids that left memory, when any did; the strategies and the book's Greeks (their sum),
     * when the strategies' JSON changed.
     *
     * @param strategies the strategies as JSON text, or null when they did not change
     * @param greeks     the book's Greeks as JSON text; sent with the strategies only
     */
    public static Map<String, Object> changes(List<String> positions, List<Long> removed, String strategies,
                                              String greeks) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("positions", positions.stream().map(RawValue::new).toList());
        if (!removed.isEmpty()) {
            json.put("removed", removed);
        }
        if (strategies != null) {
            json.put("strategies", new RawValue(strategies));
            json.put("greeks", new RawValue(greeks));
        }
        return json;
    }

    /** One press of the kill switch: what it exited, and what of its scope it left alone and why. */
    public static Map<String, Object> exitAll(ExitAllOutcome outcome) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("strategy", outcome.strategy());
        json.put("exited", outcome.exited().stream().map(PositionJson::position).toList());
        json.put("skipped", outcome.skipped().stream().map(skipped -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", skipped.positionId());
            row.put("state", skipped.state().name());
            row.put("reason", skipped.reason());
            return row;
        }).toList());
        return json;
    }

    public static Map<String, Object> position(Position p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", p.id());
        json.put("strategy", p.strategy());
        json.put("product", p.product());
        json.put("account", p.account());
        json.put("state", p.state().name());
        json.put("entry_premium", money(p.entryPremium()));
        json.put("mark", money(p.mark()));
        json.put("stop_level", money(p.stopLevel()));
        json.put("target_level", money(p.targetLevel()));
        json.put("watermark", money(p.watermark()));
        json.put("rules", rules(p.rules()));
        json.put("exit_reason", p.exitReason() == null ? null : p.exitReason().name());
        json.put("trigger_mark", money(p.triggerMark()));
        json.put("opened_at", time(p.openedAt()));
        json.put("triggered_at", time(p.triggeredAt()));
        json.put("closed_at", time(p.closedAt()));
        // the holding account cannot take orders: the exit waits for it, and says why
        json.put("exit_waiting", p.exitWaiting() == null ? null : waiting(p.exitWaiting()));
        json.put("realized_pnl", money(p.realizedPnl()));
        json.put("unrealized_pnl", money(p.unrealizedPnl()));
        json.put("pnl", money(p.pnl()));
        json.put("greeks", greeks(p.greeks()));
        // can its stop execute now: null unless it is open and the desk's checker has judged it
        json.put("execution", p.execution() == null ? null : execution(p.execution()));
        json.put("legs", p.legs().stream().map(PositionJson::leg).toList());
        return json;
    }

    /** {@code {"badge", "problems", "checked_at", "parts": [{"check", "badge", "reason"}]}}, parts in fixed order. */
    static Map<String, Object> execution(ExecutionCheck check) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("badge", check.badge().wire());
        json.put("problems", check.problems());
        json.put("checked_at", time(check.checkedAt()));
        json.put("parts", check.parts().stream().map(part -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("check", part.rule().wire());
            row.put("badge", part.badge().wire());
            row.put("reason", part.reason());
            return row;
        }).toList());
        return json;
    }

    private static Map<String, Object> leg(Position.Leg leg) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", leg.symbol());
        json.put("exchange", leg.exchange());
        json.put("side", leg.side().name().toLowerCase(Locale.ROOT));
        json.put("quantity", leg.quantity());
        json.put("lots", leg.lots());
        json.put("entry_price", money(leg.entryPrice()));
        json.put("mark", money(leg.mark()));
        json.put("exit", leg.exit().name());
        json.put("order_id", leg.orderId());
        json.put("order_price", money(leg.orderPrice()));
        json.put("fill_price", money(leg.fillPrice()));
        json.put("pnl", money(leg.pnl()));
        // its own rules, the stop in force now (its entry price once moved to cost), and why it exited on its own
        json.put("stop", money(leg.rules().stop()));
        json.put("stop_percent", leg.rules().stopPercent());
        json.put("target", money(leg.rules().target()));
        json.put("stop_level", money(leg.stopLevel()));
        json.put("target_level", money(leg.targetLevel()));
        json.put("exit_reason", leg.exitReason() == null ? null : leg.exitReason().name());
        if (!leg.slices().isEmpty()) {
            // above the freeze quantity the exit is several orders; the fields above are theirs together
            json.put("slices", leg.slices().stream().map(PositionJson::slice).toList());
        }
        return json;
    }

    private static Map<String, Object> waiting(Position.ExitWait wait) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cause", wait.cause());
        json.put("since", time(wait.since()));
        return json;
    }

    private static Map<String, Object> slice(Position.Slice slice) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("quantity", slice.quantity());
        json.put("order_id", slice.orderId());
        json.put("exit", slice.exit().name());
        json.put("price", money(slice.orderPrice()));
        json.put("fill_price", money(slice.fillPrice()));
        return json;
    }

    private static Map<String, Object> rules(ExitRules rules) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stop", money(rules.stop()));
        json.put("target", money(rules.target()));
        json.put("stop_percent", rules.stopPercent());
        json.put("trailing_points", rules.trailing() != null && rules.trailing().by().name().equals("POINTS")
                ? rules.trailing().amount() : null);
        json.put("trailing_percent", rules.trailing() != null && rules.trailing().by().name().equals("PERCENT")
                ? rules.trailing().amount() : null);
        json.put("square_off_at", rules.squareOffAt() == null ? null : rules.squareOffAt().toString());
        json.put("trigger_on", rules.triggerOn().name().toLowerCase(Locale.ROOT));
        json.put("confirm_ticks", rules.confirmTicks() > 0 ? rules.confirmTicks() : null);
        json.put("confirm_ms", rules.confirmMillis() > 0 ? rules.confirmMillis() : null);
        json.put("on_leg_stop", rules.onLegStop().name().toLowerCase(Locale.ROOT));
        return json;
    }

    private static Map<String, Object> strategy(StrategyPnl s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("strategy", s.strategy());
        json.put("positions", s.positions());
        json.put("open", s.open());
        json.put("realized_pnl", money(s.realizedPnl()));
        json.put("unrealized_pnl", money(s.unrealizedPnl()));
        json.put("pnl", money(s.pnl()));
        json.put("greeks", greeks(s.greeks()));
        return json;
    }

    /**
     * Net Greeks in rupees for the whole quantity, not rounded (the page rounds): every field null when unknown, so
     * the shape never changes.
     */
    private static Map<String, Object> greeks(NetGreeks greeks) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("delta", greeks == null ? null : greeks.delta());
        json.put("gamma", greeks == null ? null : greeks.gamma());
        json.put("theta", greeks == null ? null : greeks.theta());
        json.put("vega", greeks == null ? null : greeks.vega());
        return json;
    }

    /** One risk decision (trigger, order, fill, alert…) for the live stream. */
    public static Map<String, Object> decision(AuditEvent e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", e.kind().name());
        json.put("time", WireFormat.exchangeTime(e.timeMillis()));
        json.put("position_id", e.positionId());
        json.put("strategy", e.strategy());
        json.put("account", e.account());
        json.put("leg", e.leg());
        json.put("symbol", e.symbol());
        json.put("reason", e.reason() == null ? null : e.reason().name());
        json.put("mark", money(e.mark()));
        json.put("level", money(e.level()));
        json.put("bid", money(e.bid()));
        json.put("ask", money(e.ask()));
        json.put("latency_us", e.latencyNanos() == null ? null : e.latencyNanos() / 1_000.0);
        json.put("order_id", e.orderId());
        json.put("price", money(e.price()));
        json.put("quantity", e.quantity());
        json.put("message", e.message());
        return json;
    }
}
