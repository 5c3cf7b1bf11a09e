package io.optionchain.web.json;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.chain.SymbolBudget;
import io.optionchain.engine.chain.UnderlyingActivity;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.pipeline.LatencyStats;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.state.RestoreReport;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.ReconnectReport;
import io.optionchain.gateway.feed.pool.PoolStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.optionchain.web.json.WireFormat.time;

/**
 * The engine's health as {@code GET /api/option-chain/status} shows it (per underlying, then the feed and the
 * pipeline behind them), and the feed's connection as the status stream sends it.
 */
public final class StatusJson {
    private StatusJson() {
    }

    /** How many left-out symbols status lists by name; the count is always whole. */
    private static final int LEFT_OUT_SHOWN = 20;

    public static Map<String, Object> of(ChainBook book, Pipeline pipeline, PoolStatus pool, RestoreReport chainState,
                                  SymbolBudget budget) {
        FeedStatus feed = pool.total();
        boolean connected = feed.state() == ConnectionState.CONNECTED;
        Map<String, Object> json = new LinkedHashMap<>();
        List<Map<String, Object>> underlyings = new ArrayList<>();
        for (String name : book.underlyings()) {
            List<OptionChain> chains = book.chains(name);
            UnderlyingActivity activity = book.activity(name);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("underlying", name);
            item.put("connected", connected);
            item.put("monitoring", !chains.isEmpty());
            item.put("subscribed_symbols", chains.isEmpty() ? 0
                    : 1 + chains.stream().mapToInt(OptionChain::subscribedOptions).sum());
            item.put("ticks_received", activity.ticks());
            item.put("last_tick_time", time(activity.lastTickMillis()));
            item.put("atm_strike", chains.isEmpty() ? null : WireFormat.strike(chains.get(0).atmStrike()));
            item.put("expiry", chains.isEmpty() ? null : ExpiryDates.format(chains.get(0).expiry()));
            item.put("expiries", chains.stream().map(c -> ExpiryDates.format(c.expiry())).toList());
            item.put("problem", book.problem(name).orElse(null));
            // whose lot size, tick size and freeze quantity the nearest chain trades by: the server's or config's
            item.put("contract_source", WireFormat.contractSource(book.contracts().source(name)));
            underlyings.add(item);
        }
        json.put("underlyings", underlyings);
        json.put("subscriptions", subscriptions(book, budget));
        Map<String, Object> feedJson = feed(feed);
        feedJson.put("unplaced_symbols", pool.unplaced());
        feedJson.put("moved_symbols", pool.movedSymbols());
        json.put("feed", feedJson);
        json.put("connections", pool.connections().stream().map(StatusJson::connection).toList());
        json.put("pipeline", pipeline(pipeline));
        json.put("chain_state", chainState(chainState));
        return json;
    }

    /** The connection's state for the status stream: what a dashboard shows in its header, and when it was sent. */
    public static Map<String, Object> feedChange(FeedStatus status, Instant sentAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", status.state().name());
        json.put("detail", status.detail());
        json.put("reconnects", status.reconnects());
        json.put("malformed", status.malformed());
        json.put("last_tick_time", time(status.lastTickEpochMillis()));
        json.put("sent_at", WireFormat.sentAt(sentAt));
        return json;
    }

    private static Map<String, Object> subscriptions(ChainBook book, SymbolBudget budget) {
        List<String> leftOut = budget.leftOut();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("budget", budget.budget());
        json.put("subscribed", budget.subscribed());
        json.put("pinned", book.pins().size());
        json.put("left_out", leftOut.size());
        json.put("left_out_symbols", leftOut.subList(0, Math.min(LEFT_OUT_SHOWN, leftOut.size())));
        return json;
    }

    /** One connection: what a person on call checks first is its state, account and how long since a tick. */
    private static Map<String, Object> connection(FeedStatus feed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("connection", feed.connection());
        json.put("role", feed.role().name().toLowerCase(Locale.ROOT));
        json.put("account", feed.account());
        json.putAll(feed(feed));
        json.put("last_tick_age_ms", feed.lastTickEpochMillis() == 0 ? null
                : Math.max(0, System.currentTimeMillis() - feed.lastTickEpochMillis()));
        return json;
    }

    private static Map<String, Object> feed(FeedStatus feed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", feed.state().name());
        json.put("detail", feed.detail());
        json.put("frames", feed.frames());
        json.put("ticks", feed.ticks());
        json.put("malformed", feed.malformed());
        json.put("oversized", feed.oversized());
        json.put("unknown_symbols", feed.unknownSymbols());
        json.put("dropped", feed.dropped());
        json.put("reconnects", feed.reconnects());
        json.put("last_tick_time", time(feed.lastTickEpochMillis()));
        json.put("subscribed_symbols", feed.subscribedSymbols());
        json.put("failed_subscriptions", feed.failedSubscriptions());
        json.put("last_recovery", recovery(feed.lastRecovery()));
        return json;
    }

    private static Map<String, Object> recovery(ReconnectReport report) {
        if (report == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cause", report.cause());
        json.put("attempts", report.attempts());
        json.put("authenticated_after_ms", report.authenticatedAfterMillis());
        json.put("first_tick_after_ms", report.firstTickAfterMillis());
        json.put("recovered_at", time(report.recoveredAt().toEpochMilli()));
        return json;
    }

    private static Map<String, Object> pipeline(Pipeline pipeline) {
        LatencyStats.LatencySummary latency = pipeline.latency().summary();
        Map<String, Object> latencyJson = new LinkedHashMap<>();
        latencyJson.put("count", latency.count());
        latencyJson.put("p50_us", latency.p50Micros());
        latencyJson.put("p99_us", latency.p99Micros());
        latencyJson.put("p999_us", latency.p999Micros());
        latencyJson.put("max_us", latency.maxMicros());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("published", pipeline.published());
        json.put("dropped", pipeline.dropped());
        json.put("handler_errors", pipeline.handlerErrors());
        json.put("out_of_order", pipeline.outOfOrder());
        json.put("duplicates", pipeline.duplicates());
        json.put("ring_size", pipeline.ringSize());
        json.put("ring_remaining", pipeline.remainingCapacity());
        json.put("frame_to_decision_latency", latencyJson);
        return json;
    }

    /** What the start found in the data directory; ages are as of that start. */
    private static Map<String, Object> chainState(RestoreReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", text(report.file()));
        json.put("restored_instruments", report.restoredInstruments());
        json.put("restored_newest_age_seconds", report.newestAge().map(Duration::toSeconds).orElse(null));
        json.put("restored_oldest_age_seconds", report.oldestAge().map(Duration::toSeconds).orElse(null));
        json.put("moved_aside", text(report.movedAside()));
        json.put("problem", report.problem());
        return json;
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }
}
