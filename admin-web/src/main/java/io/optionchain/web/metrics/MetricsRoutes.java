package io.optionchain.web.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.gateway.ConnectionState;
import io.optionchain.gateway.FeedStatus;
import io.optionchain.web.api.Routes;
import io.optionchain.web.stream.ChainPublisher;
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
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: Prometheus text. Every value is read when scraped from the counters the feed, the
 * ring, the publisher and the JVM already keep, so metrics cost the engine nothing between scrapes.
 */
public final class MetricsRoutes implements Routes {
    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsRoutes(ChainBook book, Pipeline pipeline, Supplier<FeedStatus> feed, ChainPublisher publisher) {
        CounterWithCallback.builder().name("optionchain_feed_frames")
                .help("Market-data WebSocket frames by what they carried: tick (accepted into the ring), dropped "
                        + "(a tick refused by a full ring), malformed, unknown_symbol, control (auth, subscribe "
                        + "replies, errors)")
                .labelNames("kind")
                .callback(callback -> {
                    FeedStatus status = feed.get();
                    callback.call(status.ticks(), "tick");
                    callback.call(status.dropped(), "dropped");
                    callback.call(status.malformed(), "malformed");
                    callback.call(status.unknownSymbols(), "unknown_symbol");
                    callback.call(Math.max(0, status.frames() - status.ticks() - status.dropped() - status.malformed()
                            - status.unknownSymbols()), "control");
                })
                .register(registry);
        CounterWithCallback.builder().name("optionchain_ticks")
                .help("Ticks the engine processed, by underlying (its index and all its options)")
                .labelNames("underlying")
                .callback(callback -> book.activities().forEach((name, activity) -> callback.call(activity.ticks(), name)))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_feed_reconnects")
                .help("Times the market-data client set out to reconnect")
                .callback(callback -> callback.call(feed.get().reconnects()))
                .register(registry);
        GaugeWithCallback.builder().name("optionchain_feed_connected")
                .help("1 while the market-data connection is authenticated and live, else 0")
                .callback(callback -> callback.call(feed.get().state() == ConnectionState.CONNECTED ? 1 : 0))
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
                .callback(callback -> callback.call(publisher.clients()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_sse_dropped_clients")
                .help("SSE clients dropped because they fell dashboard.client_queue_events behind")
                .callback(callback -> callback.call(publisher.droppedClients()))
                .register(registry);
        CounterWithCallback.builder().name("optionchain_sse_events")
                .help("SSE events queued for clients, one per client")
                .callback(callback -> callback.call(publisher.events()))
                .register(registry);
        JvmMemoryMetrics.builder().register(registry);
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
