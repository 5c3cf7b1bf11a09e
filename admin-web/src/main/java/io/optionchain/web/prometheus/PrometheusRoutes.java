package io.optionchain.web.prometheus;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.desk.HistoryLossReport;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.hours.MarketSession;
import io.optionchain.engine.journal.CompactionReport;
import io.optionchain.engine.accounts.AccountState;
import io.optionchain.engine.accounts.AccountView;
import io.optionchain.engine.accounts.FailoverStatus;
import io.optionchain.engine.lifecycle.LifecycleState;
import io.optionchain.engine.lifecycle.LifecycleStatus;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.pool.PoolStatus;
import io.optionchain.gateway.rest.QuoteFallback;
import io.optionchain.web.alerts.AlertStatus;
import io.optionchain.web.api.Routes;
import io.optionchain.web.stream.StreamHub;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.Unit;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@code GET /metrics}: Prometheus text. Every value is read when scraped from the counters the feed, the
 * ring, the stream hub and the JVM already keep, so metrics cost the engine nothing between scrapes.
 */
public final class PrometheusRoutes implements Routes {
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public PrometheusRoutes(ChainBook book, Pipeline pipeline, Supplier<PoolStatus> pool, StreamHub streams,
                         RiskDesk desk) {
        GaugeWithCallback.builder().name("optionchain_positions")
                .help("Positions the risk desk holds, by state (OPEN is watched on every tick)")
                .labelNames("state")
                .callback(callback -> {
                    Map<PositionState, Integer> counts = new EnumMap<>(PositionState.class);
                    for (PositionState state : PositionState.values()) {
                        counts.put(state, 0);
                    }
                    desk.positions().forEach(p -> counts.merge(p.state(), 1, Integer::sum));
                    counts.forEach((state, count) -> callback.call(count, state.name()));
                })
                .register(registry);
        CounterWithCallback.builder().name("optionchain_feed_frames")
                .help("Market-data WebSocket frames per connection by what they carried: tick (accepted into the "
                        + "ring), dropped (a tick refused by a full ring), malformed, oversized, unknown_symbol, "
                        + "control (auth, subscribe replies, errors)")
                .labelNames("connection", "kind")
                .callback(callback -> {
                    for (FeedStatus status : pool.get().connections()) {
                        String connection = status.connection();
                        callback.call(status.ticks(), connection, "tick");
                        callback.call(status.dropped(), connection, "dropped");
                        callback.call(status.malformed(), connection, "malformed");
                        callback.call(status.oversized(), connection, "oversized");
                        callback.call(status.unknownSymbols(), connection, "unknown_symbol");
                        callback.call(Math.max(0, status.frames() - status.ticks() - status.dropped()
                                - status.malformed() - status.oversized() - status.unknownSymbols()), connection,
                                "control");
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("optionchain_ticks_out_of_order")
                .help("Ticks older than the stored quote (by exchange time), skipped by the chain-state stage")
                .callback(callback -> callback.call(pipeline.outOfOrder()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_ticks_duplicate")
                .help("Copies of the stored quote (a hot standby socket's, a resend), skipped by the chain-state stage")
                .callback(callback -> callback.call(pipeline.duplicates()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_ticks")
                .help("Ticks the engine processed, by underlying (its index and all its options)")
                .labelNames("underlying")
                .callback(callback -> book.activities().forEach((name, activity) -> callback.call(activity.ticks(), name)))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_feed_reconnects")
                .help("Times a market-data connection set out to reconnect")
                .labelNames("connection")
                .callback(callback -> pool.get().connections().forEach(c -> callback.call(c.reconnects(), c.connection())))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_journal_records_skipped")
                .help("Journal records replay could not read and skipped when the desk opened it (0 for a whole journal)")
                .callback(callback -> callback.call(desk.journalHealth().recordsSkipped()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_journal_started_fresh")
                .help("1 when the journal was started afresh because the old one could not be read (moved aside)")
                .callback(callback -> callback.call(desk.journalHealth().startedFresh() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_journal_history_lost")
                .help("1 while the journal's lost history is unacknowledged: positions on what the broker holds beyond"
                        + " the journal are refused")
                .callback(callback -> {
                    HistoryLossReport loss = desk.historyLoss();
                    callback.call(loss != null && !loss.acknowledged() ? 1 : 0);
                })
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_journal_write_failing")
                .help("1 while the journal cannot be written: no exit is sent or acknowledged until it can")
                .callback(callback -> callback.call(desk.journalProblem() == null ? 0 : 1))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_risk_limits_fired")
                .help("MTM limits (max loss, max profit, locked profit) that fired and exited their scope")
                .callback(callback -> callback.call(desk.handler().limitsFired()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_risk_limits_write_failing")
                .help("1 while the MTM limits' state (a fired limit, a locked floor) cannot be written to disk")
                .callback(callback -> callback.call(desk.limitsProblem() == null ? 0 : 1))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_journal_bytes")
                .help("Size of the positions journal; a compaction brings it back to the positions in memory")
                .callback(callback -> callback.call(desk.journal().size()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_journal_dead_records")
                .help("Journal records of positions no longer in memory, which the next compaction drops")
                .callback(callback -> callback.call(desk.journal().deadRecords()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_journal_compactions")
                .help("Times the positions journal was rewritten without the records of positions no longer in memory")
                .callback(callback -> callback.call(desk.journal().compactions()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_journal_last_compaction_timestamp_seconds")
                .help("When the positions journal was last compacted (Unix time); absent before the first compaction")
                .callback(callback -> {
                    CompactionReport last = desk.journal().lastCompaction();
                    if (last != null) {
                        callback.call(last.atMillis() / 1e3);
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_exit_legs_unknown")
                .help("Legs whose exit order the broker has not reported for many look-ups (EXIT_UNKNOWN)")
                .callback(callback -> callback.call(desk.positions().stream().flatMap(p -> p.legs().stream())
                        .filter(leg -> leg.exit() == LegExit.EXIT_UNKNOWN).count()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_feed_connected")
                .help("1 while a market-data connection is authenticated and live, else 0")
                .labelNames("connection")
                .callback(callback -> pool.get().connections().forEach(c ->
                        callback.call(c.state() == ConnectionState.CONNECTED ? 1 : 0, c.connection())))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_feed_symbols")
                .help("Symbols each market-data connection holds")
                .labelNames("connection")
                .callback(callback -> pool.get().connections().forEach(c ->
                        callback.call(c.subscribedSymbols(), c.connection())))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_feed_last_recovery_seconds")
                .help("Drop to first tick again of each connection's last reconnect")
                .labelNames("connection")
                .callback(callback -> pool.get().connections().stream().filter(c -> c.lastRecovery() != null)
                        .forEach(c -> callback.call(c.lastRecovery().firstTickAfterMillis() / 1e3, c.connection())))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_ring_remaining_capacity")
                .help("Free slots in the ring buffer; near 0 the engine is falling behind the feed")
                .callback(callback -> callback.call(pipeline.remainingCapacity()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_ring_size")
                .help("Slots in the ring buffer")
                .callback(callback -> callback.call(pipeline.ringSize()))
                .register(registry);
        SummaryWithCallback.builder().name("optionchain_frame_to_decision_latency_seconds")
                .help("Time from a frame's arrival on the socket reader to the ring's last stage deciding on its tick")
                .unit(Unit.SECONDS)
                .callback(callback -> {
                    Histogram histogram = pipeline.latency().histogram();
                    long count = histogram.getTotalCount();
                    callback.call(count, count == 0 ? 0 : histogram.getMean() * count / NANOS_PER_SECOND,
                            Quantiles.of(quantile(histogram, 0.5), quantile(histogram, 0.99),
                                    quantile(histogram, 0.999)));
                })
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_sse_clients")
                .help("Server-Sent Events streams open (chains and status)")
                .callback(callback -> callback.call(streams.clients()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_sse_dropped_clients")
                .help("SSE clients dropped because they fell dashboard.client_queue_events behind")
                .callback(callback -> callback.call(streams.droppedClients()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_sse_events")
                .help("SSE events queued for clients, one per client")
                .callback(callback -> callback.call(streams.events()))
                .register(registry);
        JvmMemoryMetrics.builder().register(registry);
    }

    /**
     * The market's session and the lifecycle's state, each as a gauge that is 1 for the current value and 0
     * for the others, so a dashboard can graph when the feed was up and an alert can fire on {@code stopped}.
     */
    public PrometheusRoutes withMarket(Supplier<LifecycleStatus> market) {
        oneHot("optionchain_market_session",
                "The market's session now by the active trading-hours template: 1 for the current one", "session",
                MarketSession.values(), () -> market.get().session(), MarketSession::wireName);
        oneHot("optionchain_lifecycle_state",
                "Where unattended monitoring stands (waiting_for_account ... stopped): 1 for the current state",
                "state", LifecycleState.values(), () -> market.get().state(), LifecycleState::wireName);
        return this;
    }

    /**
     * Each account's standing as a one-hot gauge per account, the times market data moved to it, and whether
     * market data is stale because no account is left: an alert can fire on a failed primary or on staleness.
     */
    public PrometheusRoutes withAccounts(Supplier<FailoverStatus> accounts) {
        GaugeWithCallback.builder().name("optionchain_account_state")
                .help("Each account's state (active, standby, failed, cooling_down, suspended): 1 for its current one")
                .labelNames("account", "state")
                .callback(callback -> {
                    for (AccountView account : accounts.get().accounts()) {
                        for (AccountState state : AccountState.values()) {
                            callback.call(account.state() == state ? 1 : 0, account.name(), state.wire());
                        }
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("optionchain_account_switches")
                .help("Times market data moved to the account")
                .labelNames("account")
                .callback(callback -> accounts.get().accounts()
                        .forEach(account -> callback.call(account.switches(), account.name())))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_market_data_stale")
                .help("1 while no account is usable and the chains show their last quotes")
                .callback(callback -> callback.call(accounts.get().degraded() ? 1 : 0))
                .register(registry);
        return this;
    }

    /**
     * The REST-quote fallback: whether it polls now (the feed is stale), the legs it polled and the polls that failed,
     * so a stall that the fallback carries is seen, and one it cannot carry too.
     */
    public PrometheusRoutes withQuoteFallback(Supplier<QuoteFallback.Status> fallback) {
        GaugeWithCallback.builder().name("optionchain_rest_fallback_polling")
                .help("1 while the feed is stale and open positions' legs are polled over REST")
                .callback(callback -> callback.call(fallback.get().polling() ? 1 : 0))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_rest_fallback_polls")
                .help("Legs polled over REST depth while the feed was stale")
                .callback(callback -> callback.call(fallback.get().polls()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_rest_fallback_failures")
                .help("REST polls of the fallback that failed (rate limit, refusal, no answer)")
                .callback(callback -> callback.call(fallback.get().failures()))
                .register(registry);
        return this;
    }

    /**
     * Alerts out: those the full queue dropped (never waited for), what waits now, and per target (by its label,
     * never its URL) those sent, given up on and the retries made.
     */
    public PrometheusRoutes withAlerts(Supplier<AlertStatus> alerts) {
        CounterWithCallback.builder().name("optionchain_alerts_dropped")
                .help("Alerts dropped because the queue to the sender was full (alerts.queue_size)")
                .callback(callback -> callback.call(alerts.get().dropped()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_alerts_queued")
                .help("Alerts waiting for the sender")
                .callback(callback -> callback.call(alerts.get().queued()))
                .register(registry);
        perTarget(alerts, "optionchain_alerts_sent", "Alerts a target took (2xx)", AlertStatus.Target::sent);
        perTarget(alerts, "optionchain_alerts_failed", "Alerts given up on: retries spent, or refused with a 4xx"
                + " other than 408 and 429", AlertStatus.Target::failed);
        perTarget(alerts, "optionchain_alerts_retried", "Attempts after an alert's first", AlertStatus.Target::retried);
        return this;
    }

    private void perTarget(Supplier<AlertStatus> alerts, String name, String help,
                           ToLongFunction<AlertStatus.Target> count) {
        CounterWithCallback.builder().name(name).help(help + ", per target by its label").labelNames("target")
                .callback(callback -> alerts.get().targets()
                        .forEach(t -> callback.call(count.applyAsLong(t), t.name())))
                .register(registry);
    }

    /** A gauge with one series per value, 1 for the current one and 0 for the rest. */
    private <E> void oneHot(String name, String help, String label, E[] values, Supplier<E> current,
                            Function<E, String> wireName) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(label)
                .callback(callback -> {
                    E now = current.get();
                    for (E value : values) {
                        callback.call(value == now ? 1 : 0, wireName.apply(value));
                    }
                })
                .register(registry);
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(16_384);
        writer.write(text, registry.scrape());
        ctx.contentType(writer.getContentType()).result(text.toByteArray());
    }

    private static Quantile quantile(Histogram histogram, double quantile) {
        return new Quantile(quantile, histogram.getValueAtPercentile(quantile * 100) / NANOS_PER_SECOND);
    }
}
