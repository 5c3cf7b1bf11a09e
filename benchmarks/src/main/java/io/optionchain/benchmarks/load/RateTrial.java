package io.optionchain.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Offers one consumer one rate, open loop: the market paces frames by its own clock whatever the
 * consumer does. Warm-up, then latencies are reset and the window measured; then the market pauses,
 * the consumer drains, and every tick the market offered in the trial is accounted for.
 *
 * <pre>
 *   market  paused ─ rate R ──────────────────────────────────── paused
 *   harness   counts │ warm-up │ reset ── window ── snapshot │ drain │ counts
 * </pre>
 */
final class RateTrial {
    private static final Duration DRAIN_QUIET = Duration.ofMillis(300);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);
    private static final long RSS_SAMPLE_MILLIS = 200;

    private final SimulatorProcess market;
    private final Duration warmUp;
    private final Duration window;
    private final ResourceMeter meter;

    RateTrial(SimulatorProcess market, Duration warmUp, Duration window) {
        this.market = market;
        this.warmUp = warmUp;
        this.window = window;
        this.meter = new ResourceMeter(market.pid());
    }

    RateResult run(LoadConsumer consumer, String setup, int rate) throws InterruptedException {
        SimulatorProcess.Counts before = market.counts();
        long processedBefore = consumer.processed();
        long refusedBefore = consumer.refused();

        market.rate(rate);
        Thread.sleep(warmUp.toMillis());
        consumer.resetLatency();
        long processedAtStart = consumer.processed();
        SimulatorProcess.Counts offeredAtStart = market.counts();
        meter.start();
        long start = System.nanoTime();
        double rss = sampleResidentMemory(start + window.toNanos());
        long processedAtEnd = consumer.processed();
        SimulatorProcess.Counts offeredAtEnd = market.counts();
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram latency = consumer.latency();
        ResourceMeter.Usage usage = meter.stop();

        market.rate(0);
        long processed = drain(consumer) - processedBefore;
        SimulatorProcess.Counts after = market.counts();
        long refused = consumer.refused() - refusedBefore;
        // Refused ticks are never processed, so they are already inside offered - processed.
        long dropped = Math.max(after.offered() - before.offered() - processed, refused);
        long windowTicks = processedAtEnd - processedAtStart;
        double offeredRate = (offeredAtEnd.offered() - offeredAtStart.offered()) / seconds;
        long withheld = after.withheld() - before.withheld();
        long bytesPerTick = windowTicks == 0 ? 0 : usage.allocatedBytes() / windowTicks;
        return new RateResult(consumer.name(), setup, rate, offeredRate, windowTicks / seconds, dropped, withheld,
                refused, latency, rss, usage.harnessCores(), usage.marketCores(), bytesPerTick, usage.threadCores());
    }

    /** Sleeps until {@code endNanos}, sampling this process's resident set; returns the largest seen. */
    private static double sampleResidentMemory(long endNanos) throws InterruptedException {
        double largest = ResidentMemory.megabytes();
        for (long now = System.nanoTime(); now < endNanos; now = System.nanoTime()) {
            Thread.sleep(Math.min(RSS_SAMPLE_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(endNanos - now))));
            largest = Math.max(largest, ResidentMemory.megabytes());
        }
        return largest;
    }

    /**
     * Runs the market at {@code rate} until the consumer has seen every instrument it subscribed, so
     * each trial starts from a populated chain, then for {@code hold} more so the JIT has compiled the
     * hot path before any trial counts a lost tick; then pauses and drains.
     */
    void prime(LoadConsumer consumer, int rate, Duration hold, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        market.rate(rate);
        while (consumer.instrumentsSeen() < consumer.instruments()) {
            if (System.nanoTime() > deadline) {
                market.rate(0);
                throw new IllegalStateException(consumer.name() + " saw " + consumer.instrumentsSeen() + " of "
                        + consumer.instruments() + " instruments within " + limit + "; are all subscriptions listed?");
            }
            Thread.sleep(50);
        }
        Thread.sleep(hold.toMillis());
        market.rate(0);
        drain(consumer);
    }

    /** Waits until the consumer's count has stood still for a while; returns it. */
    private static long drain(LoadConsumer consumer) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long last = consumer.processed();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < DRAIN_QUIET.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            long now = consumer.processed();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
        return last;
    }
}
