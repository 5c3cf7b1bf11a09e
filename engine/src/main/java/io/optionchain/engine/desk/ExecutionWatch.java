package io.optionchain.engine.desk;

import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExecutionCheck;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.stops.HandOff;
import io.optionchain.engine.stops.LivePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The desk's checker: judges every open position's "can this stop execute now?" once a {@link #EVERY} on a thread
 * of its own, off the ring, and keeps the latest for readers (views on API threads read it, never judge). When a
 * position's badge turns red an {@link AuditKind#ALERT} goes out with the reasons, once per turn: it must turn
 * green or amber again before another.
 */
final class ExecutionWatch implements AutoCloseable {
    /** How often each open position is judged. */
    static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionWatch.class);

    private final ExecutionJudge judge;
    private final Collection<LivePosition> positions;
    private final HandOff<AuditEvent> audits;
    private final Clock clock;
    private final Map<Long, ExecutionCheck> checks = new ConcurrentHashMap<>();
    private final AtomicLong redTurns = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    ExecutionWatch(ExecutionJudge judge, Collection<LivePosition> positions, HandOff<AuditEvent> audits, Clock clock) {
        this.judge = judge;
        this.positions = positions;
        this.audits = audits;
        this.clock = clock;
    }

    /** The position's latest check; null when it is not open or has not been judged yet. */
    ExecutionCheck check(long positionId) {
        return checks.get(positionId);
    }

    /** Times a position's badge turned red. */
    long redTurns() {
        return redTurns.get();
    }

    /** Judges every open position now; the checker's thread, or a test's in its stead. */
    synchronized void checkAll() {
        long now = clock.millis();
        Set<Long> open = new HashSet<>();
        for (LivePosition position : positions) {
            if (position.state() != PositionState.OPEN) {
                continue;
            }
            open.add(position.id);
            ExecutionCheck check = judge.judge(position, now);
            ExecutionCheck before = checks.put(position.id, check);
            if (check.badge() == ExecutionCheck.Badge.RED
                    && (before == null || before.badge() != ExecutionCheck.Badge.RED)) {
                redTurns.incrementAndGet();
                audits.offer(new AuditEvent(AuditKind.ALERT, now, position.id, position.strategy, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null,
                        "this stop cannot execute now: " + check.problems(), position.account));
            }
        }
        checks.keySet().retainAll(open);
    }

    /** Starts the checker's daemon thread, once. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "execution-check");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                checkAll();
            } catch (RuntimeException e) {
                LOG.warn("execution check failed; trying again in {} ms", EVERY.toMillis(), e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(EVERY.toMillis()));
        }
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
}
