package io.optionchain.engine.desk;

import io.optionchain.engine.journal.CompactionReport;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalCompaction;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.stops.LivePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Closed and cancelled positions on their way out: {@code retain_ended} after they end they leave the desk's map,
 * leaving behind today's count and realised P&amp;L of their strategy ({@link ForgottenToday}) and their records
 * in the journal as dead weight, which a compaction ({@link JournalCompaction}) drops once the file is over
 * {@value #COMPACT_ABOVE_BYTES} bytes and more than half its records are dead, and at start-up whenever any are.
 *
 * <p>Compactions run on a thread of their own ({@code journal-compactor}), never on the ring nor on an API thread;
 * that thread also forgets and checks every {@value #CHECK_MILLIS} ms once the desk has started, so memory stays
 * bounded when nobody reads the positions.
 */
final class EndedPositions implements AutoCloseable {
    /** Below this the whole journal replays in milliseconds and compaction is not worth a rewrite. */
    static final long COMPACT_ABOVE_BYTES = 256 * 1024;
    static final long CHECK_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(EndedPositions.class);

    private final Object desk;
    private final ConcurrentSkipListMap<Long, LivePosition> positions;
    private final Journal journal;
    private final Clock clock;
    private final long retainMillis;
    private final LongSupplier nextId;
    /** Called under the desk's monitor after positions left: the MTM limits' members are rebuilt without them. */
    private final Runnable onForgotten;
    private final String primary;
    private final ForgottenToday forgotten;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** One compaction at a time: the one at start-up and those on the compactor's thread. */
    private final Object compacting = new Object();
    private ScheduledExecutorService compactor;
    private boolean closed;

    /**
     * @param desk   the desk's monitor, under which positions are added and ids given out
     * @param nextId the desk's next position id, read under {@code desk}
     */
    EndedPositions(Object desk, ConcurrentSkipListMap<Long, LivePosition> positions, Journal journal, Clock clock,
                   long retainMillis, LongSupplier nextId, Runnable onForgotten, String primary) {
        this.desk = desk;
        this.positions = positions;
        this.journal = journal;
        this.clock = clock;
        this.retainMillis = retainMillis;
        this.nextId = nextId;
        this.onForgotten = onForgotten;
        this.primary = primary;
        this.forgotten = new ForgottenToday(clock);
    }

    ForgottenToday forgotten() {
        return forgotten;
    }

    /**
     * Drops from memory every closed or cancelled position that ended {@code retain_ended} ago, each counted once
     * in its strategy's day, and has the journal compacted when it is due. A position whose exit failed stays: it
     * may still be open at the broker.
     */
    void forget() {
        long cutoff = clock.millis() - retainMillis;
        boolean any = false;
        synchronized (desk) {
            for (LivePosition position : positions.values()) {
                PositionState state = position.state();
                if (position.endedMillis > 0 && position.endedMillis < cutoff
                        && (state == PositionState.CLOSED || state == PositionState.CANCELLED)
                        && positions.remove(position.id, position)) {
                    // the primary's as null: a snapshot of one account stays as it was written before accounts
                    forgotten.add(position.strategy, position.account.equals(primary) ? null : position.account,
                            PositionViews.realized(position), position.endedMillis);
                    journal.retire(position.id);
                    any = true;
                }
            }
            if (any) {
                onForgotten.run();
            }
        }
        if (any && due() && queued.compareAndSet(false, true)) {
            ScheduledExecutorService thread = compactor();
            if (thread == null) {
                return;
            }
            thread.execute(() -> {
                queued.set(false);
                if (due()) {
                    compact();
                }
            });
        }
    }

    /** At start-up, before the ring runs: forgets, and compacts right away if the journal holds any dead record. */
    void compactAtStart() {
        forget();
        if (journal.deadRecords() > 0) {
            compact();
        }
    }

    /** Forgets and checks on the compactor's thread from now on. */
    void start() {
        ScheduledExecutorService thread = compactor();
        if (thread == null) {
            return;
        }
        thread.scheduleWithFixedDelay(() -> {
            try {
                forget();
            } catch (RuntimeException e) {
                LOG.error("forgetting ended positions failed; trying again in {} ms", CHECK_MILLIS, e);
            }
        }, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Rewrites the journal with the positions in memory now; those opened while it runs are kept too (their ids are
     * at or above the next id it read), and those forgotten while it runs are kept one compaction longer.
     */
    CompactionReport compact() {
        synchronized (compacting) {
            Set<Long> keep;
            long next;
            ForgottenToday.Day day;
            synchronized (desk) {
                keep = new HashSet<>(positions.keySet());
                next = nextId.getAsLong();
                day = forgotten.today();
            }
            CompactionReport report = new JournalCompaction(journal, next, day.date(), day.strategies(), keep)
                    .run(clock.millis());
            if (report != null) {
                synchronized (desk) {
                    keep.stream().filter(id -> !positions.containsKey(id)).forEach(journal::retire);
                }
            }
            return report;
        }
    }

    /** The compactor's thread, started on first use; null once closed. */
    private synchronized ScheduledExecutorService compactor() {
        if (compactor == null && !closed) {
            compactor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "journal-compactor");
                thread.setDaemon(true);
                return thread;
            });
        }
        return compactor;
    }

    private boolean due() {
        return journal.size() > COMPACT_ABOVE_BYTES && journal.deadRecords() * 2 > journal.records();
    }

    /**
     * Lets a compaction under way or queued finish (up to 10 s), so the journal is not closed under it; not
     * interrupted, since an interrupt closes the file channel it writes.
     */
    @Override
    public void close() {
        ExecutorService running;
        synchronized (this) {
            running = compactor;
            compactor = null;
            closed = true;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a journal compaction is still running after 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
