package io.optionchain.gateway.rest;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedHealth;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.engine.tick.TickSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The REST-quote fallback: while the market-data feed is stale ({@link FeedHealth}), the legs of every open
 * position are polled over OpenAlgo's {@code depth} and what comes back is offered to the ring as a Depth tick,
 * through the same {@link TickSink} the WebSocket decoder offers to, so a stop still sees prices through a silent
 * stall (openalgo #810). It stops polling as soon as the feed is live again. Requests go through the active
 * account's REST client, within its rate limiter; a poll that fails is counted and tried again next round.
 *
 * <p>A polled tick carries no exchange time (OpenAlgo's {@code depth} has none), so chain state neither drops it as
 * late nor as a copy, and the risk stage takes it as quoted on arrival. One thread of its own, {@code
 * rest-quote-fallback}; the counts are read on any.
 */
public final class QuoteFallback implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuoteFallback.class);

    private final FeedHealth feed;
    private final Supplier<? extends Collection<Instrument>> legs;
    private final Supplier<OpenAlgoRestClient> rest;
    private final TickSink sink;
    private final Duration every;
    private final TickEvent tick = new TickEvent();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean polling;
    private volatile String lastFailure;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param legs  the instruments to poll: every open or exiting position's legs
     * @param rest  the REST client of the account market data comes from now
     * @param every how often a round of polls starts while the feed is stale
     */
    public QuoteFallback(FeedHealth feed, Supplier<? extends Collection<Instrument>> legs,
                         Supplier<OpenAlgoRestClient> rest, TickSink sink, Duration every) {
        this.feed = feed;
        this.legs = legs;
        this.rest = rest;
        this.sink = sink;
        this.every = every;
    }

    /** Starts its daemon thread, once. */
    public synchronized QuoteFallback start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "rest-quote-fallback");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                LOG.warn("REST-quote fallback round failed", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(every.toMillis()));
        }
    }

    /**
     * One round: nothing while the feed is live; otherwise each leg polled once and offered to the ring.
     *
     * @return the ticks offered
     */
    public int pollOnce() {
        String stale = feed.staleness();
        if (stale == null) {
            if (polling) {
                polling = false;
                LOG.info("market data is live again; REST-quote fallback stops after {} polls", polls.get());
            }
            return 0;
        }
        Collection<Instrument> wanted = legs.get();
        if (!polling && !wanted.isEmpty()) {
            polling = true;
            LOG.warn("market data is stale ({}); polling {} legs over REST until it is live", stale, wanted.size());
        }
        if (wanted.isEmpty()) {
            return 0;
        }
        rounds.incrementAndGet();
        OpenAlgoRestClient client = rest.get();
        int offered = 0;
        for (Instrument instrument : wanted) {
            DepthQuote quote;
            polls.incrementAndGet();
            try {
                quote = client.depth(instrument.symbol(), instrument.exchange());
            } catch (OpenAlgoException e) {
                failures.incrementAndGet();
                lastFailure = instrument.symbol() + ": " + e.getMessage();
                continue;
            }
            fill(instrument.id(), quote);
            if (sink.offer(tick)) {
                offered++;
            } else {
                dropped.incrementAndGet();
            }
        }
        return offered;
    }

    /** A Depth-mode tick of the snapshot: last price, five levels each side, totals; no exchange or server time. */
    private void fill(int instrumentId, DepthQuote quote) {
        tick.clear();
        tick.instrumentId = instrumentId;
        tick.mode = 3;
        tick.fields = TickEvent.DEPTH | TickEvent.TOTALS | (quote.ltp() > 0 ? TickEvent.LTP : 0);
        tick.ltp = quote.ltp();
        tick.totalBuyQuantity = quote.totalBuyQuantity();
        tick.totalSellQuantity = quote.totalSellQuantity();
        tick.arrivalNanos = System.nanoTime();
        tick.bidLevels = levels(quote.bids(), tick.bidPrice, tick.bidQuantity);
        tick.askLevels = levels(quote.asks(), tick.askPrice, tick.askQuantity);
    }

    private static int levels(List<DepthLevel> side, double[] prices, long[] quantities) {
        int levels = Math.min(side.size(), TickEvent.DEPTH_LEVELS);
        for (int i = 0; i < levels; i++) {
            prices[i] = side.get(i).price();
            quantities[i] = side.get(i).quantity();
        }
        return levels;
    }

    /** What the fallback has done, for status and metrics. */
    public Status status() {
        return new Status(polling, rounds.get(), polls.get(), failures.get(), dropped.get(), lastFailure);
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
        }
        if (running != null) {
            LockSupport.unpark(running);
            try {
                running.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @param polling     whether it polls now: the feed is stale and some position is open
     * @param rounds      rounds of polls since start
     * @param polls       {@code depth} requests asked for, one per leg a round
     * @param failures    of them, those that failed (the rate limiter gave up, the server refused or did not answer)
     * @param dropped     polled ticks the ring had no room for
     * @param lastFailure the last failure's leg and cause; null before any
     */
    public record Status(boolean polling, long rounds, long polls, long failures, long dropped, String lastFailure) {
    }
}
