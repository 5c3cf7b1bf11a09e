package io.optionchain.engine.exits;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.AuditSink;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.stops.HandOff;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;
import io.optionchain.engine.stops.LiveSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * The exit executor: everything slow about an exit, on its own thread, for every exiting position at once.
 * A duty cycle ({@link #doWork}) drains triggers handed off by the ring, journals each one (EXITING, synced)
 * before any of its orders is sent, then has the {@link ExitOrderWorker} step every exit order whose next action
 * is due. Each leg's exit is one order, or for a leg above the exchange's freeze quantity one order per slice,
 * and each of those goes its own way through the same states:
 *
 * <pre>
 *   PLACING ──place──> WORKING ──status: complete──> FILLED
 *      │   ^             │  └──unfilled after repriceWait──> modify same order (at most maxReprices)
 *      │   │             └──status: rejected / cancelled──> FAILED (alert; never re-sent)
 *      │   └── none found ──┐
 *      └─unknown outcome──> LOOKING_UP ──found in the order book──> WORKING (adopted)
 * </pre>
 *
 * A send whose outcome is unknown (timeout, 5xx, no answer) is never repeated blindly: after
 * {@code ambiguousSettle} the broker's order book is searched, and only when no order matches is the exit
 * sent again. A restart enters the same way: an exiting leg or slice without a journalled order starts
 * LOOKING_UP. A leg shows its slices together ({@link LiveLeg#aggregate}): working while any works, FILLED when
 * all filled, FAILED when one failed.
 *
 * <p>Each order goes through the account holding its position, never another ({@link HoldingAccounts}): while
 * that account cannot take orders the exit waits for it, queued where it stood, and an {@code EXIT_QUEUED} alert
 * says so at once.
 *
 * <p>Every step is journalled and audited. Time comes from the injected clock, so a test can drive the cycle
 * by hand and replay a run from its seed.
 */
public final class ExitExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ExitExecutor.class);
    private static final long SWEEP_MILLIS = 500;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final Journal journal;
    private final AuditSink sink;
    private final Clock clock;
    private final HandOff<LivePosition> exits;
    private final HandOff<AuditEvent> audits;
    private final HoldingAccounts holding;
    private final Collection<LivePosition> positions;
    private final Consumer<LivePosition> finished;
    private final long trailMillis;
    /** Writes the MTM limits' state (a fired limit, a raised floor) when it changed: see {@link #accept}. */
    private final Runnable limitsCheckpoint;
    private final SquareOffTimes squareOffs;

    /** The last journal write failure's cause, null once a write succeeds; read by status. */
    private volatile String journalProblem;
    private long journalProblemLoggedMillis = Long.MIN_VALUE / 2;
    private final ExitRecords records;
    private final ExitOrderWorker worker;
    private final List<LivePosition> active = new ArrayList<>();
    private final List<JournalRecord> marks = new ArrayList<>();
    private final List<LivePosition> marked = new ArrayList<>();
    private final List<LiveLeg> legsFired = new ArrayList<>();
    private final List<JournalRecord> legRecords = new ArrayList<>();
    private static final Comparator<LiveLeg> BY_CLAIM = Comparator.comparingInt(leg -> leg.claimOrder);
    private final Consumer<LivePosition> acceptor = this::accept;
    private final Consumer<AuditEvent> deliverer = this::deliver;
    private long now;
    private long nextSweepMillis;
    private long nextTrailMillis;
    private Thread thread;
    private volatile boolean running;

    /**
     * @param accounts  each account's order API: a position's orders go through the account holding it only
     * @param tickSizes the price step of an instrument id, as its contract data says: exit limits are whole steps
     * @param bands     the limit price protection band of an instrument id's underlying: exit limits stay inside it
     */
    public ExitExecutor(Journal journal, OrderAccounts accounts, AuditSink sink, ChainStore store, Clock clock,
                 RiskSettings settings, IntToDoubleFunction tickSizes, IntFunction<PriceBand> bands,
                 HandOff<LivePosition> exits,
                 HandOff<AuditEvent> audits, Collection<LivePosition> positions,
                 Consumer<LivePosition> finished, Runnable limitsCheckpoint, SquareOffTimes squareOffs) {
        this.journal = journal;
        this.sink = sink;
        this.clock = clock;
        this.records = new ExitRecords(journal);
        this.holding = new HoldingAccounts(accounts, settings.statusPollInterval().toMillis(), this::deliver);
        this.worker = new ExitOrderWorker(records, holding, store, settings, tickSizes, bands, this::deliver);
        this.exits = exits;
        this.audits = audits;
        this.positions = positions;
        this.finished = finished;
        this.trailMillis = settings.trailJournalInterval().toMillis();
        this.limitsCheckpoint = limitsCheckpoint;
        this.squareOffs = squareOffs;
    }

    /**
     * Why {@code account} cannot take orders now, as the last exit through it found, until it takes one again; null
     * when nothing says it cannot. Any thread.
     */
    public String accountProblem(String account) {
        return holding.problem(account);
    }

    /** Runs the duty cycle on a daemon thread of its own, once; returns that thread. */
    public synchronized Thread start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "risk-exit-executor");
            thread.setDaemon(true);
            thread.start();
        }
        return thread;
    }

    /** Ends the thread after its current cycle, waiting up to 10 s for a broker call in flight. */
    public void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
            this.running = false;
        }
        if (running == null) {
            return;
        }
        LockSupport.unpark(running);
        try {
            running.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warn("exit executor still busy after {} ms (a broker call?); going on without it", STOP_WAIT_MILLIS);
        }
    }

    /** Cycles until stopped, parking up to a millisecond when idle; a trigger unparks it at once. */
    private void run() {
        int idle = 0;
        while (running) {
            int work;
            try {
                work = doWork();
            } catch (RuntimeException | Error e) {
                LOG.error("exit executor failed a cycle", e);
                work = 0;
            }
            if (work > 0) {
                idle = 0;
            } else if (++idle < 20) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
    }

    /** Before the thread starts: an order id in {@code account}'s book that the journal gives some leg. */
    public void claim(String account, String orderId, String ownerTag) {
        worker.claim(account, orderId, ownerTag);
    }

    /**
     * Before the thread starts: a position the journal left exiting, or open with a leg exiting on its own, to be
     * worked from where it stopped.
     */
    public void resume(LivePosition position) {
        work(position);
    }

    /** Into the list of positions whose exits are worked, once. */
    private void work(LivePosition position) {
        if (!position.beingWorked) {
            position.beingWorked = true;
            active.add(position);
        }
    }

    /** One duty cycle; returns how much it did, 0 when idle. */
    public int doWork() {
        now = clock.millis();
        int work = records.flush();
        work += audits.drain(deliverer);
        work += exits.drain(acceptor);
        if (now >= nextSweepMillis) {
            nextSweepMillis = now + SWEEP_MILLIS;
            work += sweep();
        }
        for (int i = 0; i < active.size(); i++) {
            LivePosition position = active.get(i);
            for (LiveLeg leg : position.legs) {
                if (!leg.working()) {
                    continue;
                }
                for (LiveSlice slice : leg.slices) {
                    if (slice.working() && now >= slice.nextActionMillis) {
                        worker.step(slice, now);
                        work++;
                    }
                }
                leg.aggregate();
            }
            if (settle(position)) {
                position.beingWorked = false;
                active.remove(i--);
                work++;
            }
        }
        if (now >= nextTrailMillis) {
            nextTrailMillis = now + trailMillis;
            work += journalTrailMarks();
        }
        return work;
    }

    /** Exiting legs still being worked, for status. */
    int activePositions() {
        return active.size();
    }

    private void deliver(AuditEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("audit sink failed on a {} event of position {}", event.kind(), event.positionId(), e);
        }
    }

    /**
     * A trigger the queue did not bring (it cannot be full, but a missed hand-off must not lose an exit), and the
     * positions whose square-off time has come: every {@value #SWEEP_MILLIS} ms, so a square-off is at most that late.
     */
    private int sweep() {
        limitsCheckpoint.run();   // a floor the ring raised since: kept at most a sweep late, as trailing marks are
        int found = 0;
        for (LivePosition position : positions) {
            if (position.state() == PositionState.OPEN && position.squareOffIfDue(now, squareOffs.dueMillis(position))) {
                found++;   // accepted just below, as a trigger the queue did not bring is
            }
            found += acceptLegs(position);
            if (!position.accepted && position.triggerPublished && position.state() == PositionState.EXITING) {
                accept(position);
                found++;
            }
        }
        return found;
    }

    /**
     * The legs whose own rule fired since: their LEG_EXITING records in the order they fired, in one synced write,
     * then each leg's slices started; until the records are on disk nothing of theirs is sent (the sweep tries again).
     *
     * @return how many legs it started
     */
    private int acceptLegs(LivePosition position) {
        legsFired.clear();
        for (LiveLeg leg : position.legs) {
            if (leg.triggerPublished && !leg.accepted && leg.exitsOnItsOwn()) {
                legsFired.add(leg);
            }
        }
        if (legsFired.isEmpty()) {
            return 0;
        }
        legsFired.sort(BY_CLAIM);
        legRecords.clear();
        for (LiveLeg leg : legsFired) {
            legRecords.add(leg.exitingRecord());
        }
        try {
            journal.appendAll(legRecords);
            journalProblem = null;
        } catch (RuntimeException e) {
            journalFailed(position, e);
            return 0;
        }
        for (LiveLeg leg : legsFired) {
            leg.accepted = true;
            deliver(new AuditEvent(AuditKind.TRIGGER, leg.triggeredMillis, position.id, position.strategy, leg.index,
                    leg.symbol, leg.reason, finite(leg.triggerPrice), finite(leg.triggerLevel), leg.symbol,
                    leg.tickExchangeMillis, leg.tickServerMillis, finite(leg.tickBid), finite(leg.tickAsk),
                    finite(leg.tickLtp), leg.latencyNanos < 0 ? null : leg.latencyNanos, null, null, leg.quantity,
                    "leg " + leg.index + " exits on its own rule" + (leg.othersToCost
                            ? "; the other legs' stops moved to cost" : "; the other legs stay watched"),
                    position.account));
            startSlices(position, leg);
        }
        work(position);
        return legsFired.size();
    }

    private void startSlices(LivePosition position, LiveLeg leg) {
        for (LiveSlice slice : leg.slices) {
            // a position a person took back from review may have had an exit the lost records knew of: ask first
            slice.exit = position.lookUpFirst ? LegExit.LOOKING_UP : LegExit.PLACING;
            slice.nextActionMillis = now;
        }
        leg.aggregate();
    }

    /**
     * Journals the trigger (synced) and starts its legs; until the record is on disk, nothing is sent. A leg that
     * exits on its own already is left to that exit: the position's sends only the legs still watched.
     */
    private void accept(LivePosition position) {
        acceptLegs(position);   // a leg's own exit that fired first is on disk before the position's is acted on
        if (position.accepted || !position.triggerPublished || position.state() != PositionState.EXITING) {
            return;
        }
        if (!position.exitJournalled) {
            if (position.reason != null && position.reason.isMtmLimit()) {
                limitsCheckpoint.run();   // the limit's firing on disk before the exit it caused
            }
            try {
                journal.append(position.exitingRecord());
                journalProblem = null;
            } catch (RuntimeException e) {
                journalFailed(position, e);
                return;
            }
        }
        position.accepted = true;
        deliver(new AuditEvent(AuditKind.TRIGGER, position.triggeredMillis, position.id, position.strategy, null,
                null, position.reason, finite(position.triggerMark), finite(position.triggerLevel),
                position.tickSymbol, position.tickExchangeMillis, position.tickServerMillis, finite(position.tickBid),
                finite(position.tickAsk), finite(position.tickLtp),
                position.latencyNanos < 0 ? null : position.latencyNanos, null, null, null,
                byMark(position.reason) ? position.rules.triggerRulesText() : null, position.account));
        for (LiveLeg leg : position.legs) {
            if (leg.claimWithPosition()) {
                startSlices(position, leg);
            }
        }
        work(position);
    }

    /** Whether the ring's stops or target fired it, judged on the mark by the position's trigger rules. */
    private static boolean byMark(ExitReason reason) {
        return reason == ExitReason.STOP || reason == ExitReason.PERCENT_STOP || reason == ExitReason.TRAILING_STOP
                || reason == ExitReason.TARGET || reason != null && reason.isLegRule();
    }

    /**
     * The sweep retries an unjournalled trigger every cycle; the failure is logged when its cause changes or once a
     * minute, not on every retry, and stays readable in {@link #journalProblem()} until a write succeeds.
     */
    private void journalFailed(LivePosition position, RuntimeException e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!cause.equals(journalProblem) || now - journalProblemLoggedMillis >= 60_000) {
            journalProblemLoggedMillis = now;
            LOG.error("cannot journal the exit of position {}; no order is sent until it is journalled: {}",
                    position.id, cause);
        }
        journalProblem = cause;
    }

    /** Why the last journal write failed, while the journal cannot be written; null when it can. */
    public String journalProblem() {
        String trigger = journalProblem;
        return trigger != null ? trigger : records.problem();
    }

    /**
     * Once no leg is working: CLOSED when all filled, EXIT_FAILED when one failed (one of its slices did). An open
     * position whose legs out on their own are done leaves the list while another is watched, and ends the same way
     * once every leg has left on its own. A leg claimed whose exit has not started (its record not yet on disk) keeps
     * it in the list.
     */
    private boolean settle(LivePosition position) {
        boolean failed = false;
        boolean watched = false;
        for (LiveLeg leg : position.legs) {
            if (leg.working() || leg.exit == LegExit.NONE && !leg.watched()) {
                return false;
            }
            failed |= leg.exit == LegExit.FAILED;
            watched |= leg.watched();
        }
        PositionState state = position.state();
        if (state == PositionState.OPEN) {
            if (watched || !position.finishFromOpen(failed ? PositionState.EXIT_FAILED : PositionState.CLOSED, now)) {
                return true;   // watched on; a later exit of a leg or of the position brings it back
            }
            if (!failed) {
                records.append(new JournalRecord.Closed(position.id, now));
                deliver(new AuditEvent(AuditKind.CLOSED, now, position.id, position.strategy, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null,
                        "every leg exited on its own rule", position.account));
            }
            finished.accept(position);
            return true;
        }
        if (state != PositionState.EXITING) {
            return true;   // cancelled while a leg's exit worked: that exit is done
        }
        if (failed) {
            position.finish(PositionState.EXIT_FAILED, now);
        } else {
            records.append(new JournalRecord.Closed(position.id, now));
            position.finish(PositionState.CLOSED, now);
            deliver(new AuditEvent(AuditKind.CLOSED, now, position.id, position.strategy, null, null, position.reason,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, position.account));
        }
        finished.accept(position);
        return true;
    }

    /** Journals watermarks that moved since last time, with one sync for all. */
    private int journalTrailMarks() {
        marks.clear();
        marked.clear();
        for (LivePosition position : positions) {
            if (position.trailKind != 0 && position.isOpen()) {
                double best = position.watermark;
                if (best != position.journalledWatermark) {
                    marks.add(new TrailMark(position.id, best));
                    marked.add(position);
                }
            }
        }
        if (marks.isEmpty()) {
            return 0;
        }
        try {
            journal.appendAll(marks);
        } catch (RuntimeException e) {
            // a full disk: the trigger and exit records say so once per cause; the marks just try again
            LOG.debug("cannot journal {} trailing marks; trying again next time: {}", marks.size(), e.getMessage());
            return 0;
        }
        for (int i = 0; i < marked.size(); i++) {
            marked.get(i).journalledWatermark = ((TrailMark) marks.get(i)).watermark();
        }
        return marks.size();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
