package io.optionchain.engine.series;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.market.ExpiryDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records the day of every open chain into a {@link SeriesStore}: a point when the clock crosses a minute (if the
 * chain's underlying ticked in that minute: a closed market records nothing), and a point whenever the chain's ATM
 * moves; each point from one snapshot.
 *
 * <p>A step function on one clock, as the lifecycle is: each {@link #step()} reads the clock and each chain's ATM
 * move counter and tick counter (volatile reads; nothing on the ring waits for it), and reads a snapshot for the
 * chains due a point. Its own thread steps every {@link #POLL}, so an ATM point is at most that late and several
 * moves within one poll make one point; tests step it themselves on a clock they move. It also deletes the days
 * past those kept, at its first step and when the exchange's day changes.
 */
public final class SeriesRecorder implements AutoCloseable {
    public static final Duration POLL = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(SeriesRecorder.class);

    private final ChainBook book;
    private final SeriesStore store;
    private final Clock clock;
    private final Map<OptionChain, Seen> seen = new HashMap<>();
    private ScheduledExecutorService thread;
    private Instant minute;
    private LocalDate day;
    private long recorded;
    private long dropped;

    public SeriesRecorder(ChainBook book, SeriesStore store, Clock clock) {
        this.book = book;
        this.store = store;
        this.clock = clock;
    }

    /** Steps at once, then every {@link #POLL}, on a thread of its own. */
    public synchronized SeriesRecorder start() {
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "series-recorder");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::stepSafely, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One look at the clock and every chain; records the points due. */
    public synchronized void step() {
        Instant now = Instant.ofEpochMilli(clock.millis());
        LocalDate today = SeriesStore.dayOf(now);
        if (!today.equals(day)) {
            day = today;
            store.prune(today);
        }
        Instant thisMinute = now.truncatedTo(ChronoUnit.MINUTES);
        boolean minuteTurned = minute != null && thisMinute.isAfter(minute);
        minute = thisMinute;
        for (String underlying : book.underlyings()) {
            long ticks = book.activity(underlying).ticks();
            for (OptionChain chain : book.chains(underlying)) {
                long moves = chain.atmMoves();
                Seen last = seen.get(chain);
                if (last == null) {
                    seen.put(chain, new Seen(moves, ticks)); // first sight: nothing is due until something happens
                    continue;
                }
                if (minuteTurned && ticks != last.ticksAtMinute) {
                    record(chain, now, PointReason.MINUTE);
                } else if (moves != last.atmMoves) {
                    record(chain, now, PointReason.ATM);
                }
                last.atmMoves = moves;
                if (minuteTurned) {
                    last.ticksAtMinute = ticks;
                }
            }
        }
    }

    /** Points written since the start. */
    public synchronized long recorded() {
        return recorded;
    }

    /** Points a cap or the disk refused since the start. */
    public synchronized long dropped() {
        return dropped;
    }

    private void record(OptionChain chain, Instant now, PointReason reason) {
        SeriesPoint point = SeriesPoint.of(chain.snapshot(ZonedDateTime.ofInstant(now, ExpiryDates.EXCHANGE_ZONE)),
                now);
        AppendOutcome outcome = store.append(chain.underlying().name(), chain.expiry(), point, reason);
        if (outcome == AppendOutcome.WRITTEN) {
            recorded++;
        } else {
            dropped++;
        }
    }

    private void stepSafely() {
        try {
            step();
        } catch (RuntimeException e) {
            LOG.error("series step failed; trying again in {} ms", POLL.toMillis(), e);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = thread;
            thread = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A chain's ATM move counter at the last step, and its underlying's tick counter at the last minute turned. */
    private static final class Seen {
        long atmMoves;
        long ticksAtMinute;

        Seen(long atmMoves, long ticksAtMinute) {
            this.atmMoves = atmMoves;
            this.ticksAtMinute = ticksAtMinute;
        }
    }
}
