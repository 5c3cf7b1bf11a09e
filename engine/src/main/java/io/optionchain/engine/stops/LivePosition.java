package io.optionchain.engine.stops;

import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.TrailingStop;
import io.optionchain.engine.positions.TriggerOn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A watched position as the ring sees it: rule levels resolved once at open into primitives, the state
 * behind one compare-and-set, the trailing watermark kept by the risk handler.
 *
 * <p>Threads: the risk handler (ring) evaluates and may trigger; an API thread may trigger (close by hand)
 * or cancel; whichever compare-and-set wins {@code OPEN -> EXITING} writes the trigger details, then raises
 * {@link #triggerPublished}, then hands the position to the exit executor. Nothing else ever leaves OPEN
 * towards an order, so a position is exited at most once per process; the journal carries that across
 * restarts.
 *
 * <p>A leg with rules of its own may leave alone while the position stays OPEN ({@link #triggerLeg}): its own
 * compare-and-set ({@link LiveLeg#claimWithPosition} against the ring's own claim) decides whether the leg exits on
 * its own or with the position, so an exit of the whole position later sends orders only for the legs still
 * watched. A position whose legs have all left on their own ends by {@link #finishFromOpen}.
 */
public final class LivePosition {
    public final long id;
    /** The account that holds it at the broker: every order of its exit goes through this account alone. */
    public final String account;
    public final String strategy;
    public final String product;
    public final ExitRules rules;
    public final long openedMillis;
    final boolean longSide;
    public final LiveLeg[] legs;
    /** Sum of the legs' entry prices: the mark at entry. */
    public final double entryMark;
    /** Resolved levels on the mark; NaN when the rule is not set. */
    final double stopLevel;
    final double percentStopLevel;
    public final double targetLevel;
    /** 0 none, 1 points, 2 percent. */
    public final int trailKind;
    final double trailAmount;
    /** Each leg's exit price is its whole quantity walked through the depth, not the touch ({@code trigger_on}). */
    final boolean onDepth;
    /** What it does when one leg's own rule fires. */
    final OnLegStop onLegStop;
    /** Whether some leg has rules of its own: only then does the ring judge legs one by one. */
    final boolean legRules;
    /** Ring only: leg exits claimed so far, numbering each one's {@link LiveLeg#claimOrder}. */
    private int legClaims;
    /** Consecutive evaluations in breach before a rule fires; 0 none. */
    final int confirmTicks;
    /** How long a breach must hold before a rule fires, by the risk stage's clock; 0 none. */
    final long confirmMillis;

    private final AtomicReference<PositionState> state;
    /** The MTM limits whose scope holds it (the account's, its strategy's); read by the ring, set by the desk. */
    public volatile MtmScope[] scopes = MtmScope.NONE;

    /** Best mark since entry; written by the risk handler only (and by replay before the ring sees it). */
    public volatile double watermark;
    /** Risk handler only: whether the next approach to a stop alerts. */
    boolean alertArmed = true;
    /** Risk handler only: evaluations in breach in a row, and when the first of them was; 0 while none is. */
    int breachCount;
    long breachSinceMillis;

    // Trigger details: written once by the compare-and-set winner, then published by triggerPublished.
    public ExitReason reason;
    public double triggerMark = Double.NaN;
    public double triggerLevel = Double.NaN;
    public String tickSymbol;
    public long tickExchangeMillis;
    public long tickServerMillis;
    public double tickBid = Double.NaN;
    public double tickAsk = Double.NaN;
    public double tickLtp = Double.NaN;
    public long latencyNanos = -1;
    public long triggeredMillis;
    public volatile boolean triggerPublished;

    /** Executor only: its EXITING record is journalled and its legs are being worked. */
    public boolean accepted;
    /** Executor only: in the executor's list of positions with exits to work (its own, or some leg's). */
    public boolean beingWorked;
    /** Taken back from NEEDS_REVIEW: its exit looks the broker's book up before it sends anything. */
    public volatile boolean lookUpFirst;
    /** Set before publication when the desk journalled a manual exit itself; read by the executor after. */
    public boolean exitJournalled;
    /** Executor only: the watermark last journalled. */
    public double journalledWatermark;
    public volatile long endedMillis;

    /**
     * @param epoch          the journal's random id, part of every exit order's tag so tags never repeat across
     *                       journals
     * @param sliceQuantities per leg, the largest exit order it may be sent in (the exchange's freeze quantity in
     *                       whole lots); the leg's quantity or more, or 0, sends it whole
     * @param primary        the primary account's name: the holder of a position journalled before accounts
     */
    public LivePosition(JournalRecord.Opened opened, int[] instrumentIds, PositionState initial, String epoch,
                        long[] sliceQuantities, String primary) {
        this.id = opened.positionId();
        this.account = opened.account() == null ? primary : opened.account();
        this.strategy = opened.strategy();
        this.product = opened.product();
        this.rules = opened.rules();
        this.openedMillis = opened.openedMillis();
        this.longSide = opened.legs().isEmpty() || opened.legs().get(0).side() == PositionSide.LONG;
        this.legs = new LiveLeg[opened.legs().size()];
        double entry = 0;
        boolean anyLegRules = false;
        for (int i = 0; i < legs.length; i++) {
            legs[i] = new LiveLeg(this, i, instrumentIds[i], opened.legs().get(i), epoch, sliceQuantities[i]);
            entry += legs[i].entryPrice;
            anyLegRules |= legs[i].rules.any();
        }
        this.legRules = anyLegRules;
        this.onLegStop = rules.onLegStop();
        this.entryMark = entry;
        this.stopLevel = orNaN(rules.stop());
        this.percentStopLevel = rules.stopPercent() == null ? Double.NaN
                : entry * (longSide ? 1 - rules.stopPercent() / 100 : 1 + rules.stopPercent() / 100);
        this.targetLevel = orNaN(rules.target());
        TrailingStop trail = rules.trailing();
        this.trailKind = trail == null ? 0 : trail.by() == TrailingStop.By.POINTS ? 1 : 2;
        this.trailAmount = trail == null ? 0 : trail.amount();
        this.onDepth = rules.triggerOn() == TriggerOn.DEPTH;
        this.confirmTicks = rules.confirmTicks();
        this.confirmMillis = rules.confirmMillis();
        this.watermark = entry;
        this.journalledWatermark = entry;
        this.state = new AtomicReference<>(initial);
    }

    public PositionState state() {
        return state.get();
    }

    public boolean isOpen() {
        return state.get() == PositionState.OPEN;
    }

    /** The trailing stop level behind {@code mark}'s best; NaN without a trailing stop. */
    double trailLevel(double best) {
        if (trailKind == 0) {
            return Double.NaN;
        }
        if (trailKind == 1) {
            return longSide ? best - trailAmount : best + trailAmount;
        }
        return longSide ? best * (1 - trailAmount / 100) : best * (1 + trailAmount / 100);
    }

    /** The stop nearest the mark now (the highest for a long, the lowest for a short); NaN when none is set. */
    public double nearestStop() {
        double nearest = tighter(stopLevel, percentStopLevel);
        return tighter(nearest, trailLevel(watermark));
    }

    double tighter(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return longSide ? Math.max(a, b) : Math.min(a, b);
    }

    /**
     * Risk handler only: one more evaluation with a rule reached. True when the breach is confirmed (at once without
     * a confirmation; else on the {@code confirmTicks}-th evaluation in a row, or once it has held
     * {@code confirmMillis}).
     */
    boolean breachConfirmed(long nowMillis) {
        if (confirmTicks <= 1 && confirmMillis == 0) {
            return true;
        }
        if (breachCount == 0) {
            breachSinceMillis = nowMillis;
        }
        if (breachCount < Integer.MAX_VALUE) {
            breachCount++;
        }
        return confirmTicks > 0 ? breachCount >= confirmTicks : nowMillis - breachSinceMillis >= confirmMillis;
    }

    /** Risk handler only: an evaluation with every rule unreached; a confirmation starts again from the next breach. */
    void breachEnded() {
        breachCount = 0;
    }

    /**
     * Moves OPEN to EXITING and records why. Allocation-free: called on the ring.
     *
     * @return false when the position was not open (already triggered, closed by hand, cancelled)
     */
    public boolean trigger(ExitReason why, double mark, double level, String symbol, long exchangeMillis,
                    long serverMillis, double bid, double ask, double ltp, long latency, long nowMillis) {
        if (!state.compareAndSet(PositionState.OPEN, PositionState.EXITING)) {
            return false;
        }
        noteTrigger(why, mark, level, symbol, exchangeMillis, serverMillis, bid, ask, ltp, latency, nowMillis);
        triggerPublished = true;
        return true;
    }

    /**
     * One leg's own rule fired: that leg alone to exiting, by its own compare-and-set, while the position stays OPEN;
     * with {@code exit_leg_and_move_others_to_cost} every leg still watched has its stop moved to its entry price at
     * once (the leg's LEG_EXITING record says so, so a restart keeps them). Allocation-free: called on the ring.
     *
     * @return false when the position is not open or the leg's exit was claimed already
     */
    boolean triggerLeg(LiveLeg leg, ExitReason why, double price, double level, long exchangeMillis,
                       long serverMillis, double bid, double ask, double ltp, long latency, long nowMillis) {
        if (!isOpen() || !leg.claimOwn()) {
            return false;
        }
        leg.reason = why;
        leg.triggerPrice = price;
        leg.triggerLevel = level;
        leg.tickExchangeMillis = exchangeMillis;
        leg.tickServerMillis = serverMillis;
        leg.tickBid = bid;
        leg.tickAsk = ask;
        leg.tickLtp = ltp;
        leg.latencyNanos = latency;
        leg.triggeredMillis = nowMillis;
        leg.claimOrder = ++legClaims;
        if (onLegStop == OnLegStop.EXIT_LEG_AND_MOVE_OTHERS_TO_COST) {
            for (LiveLeg other : legs) {
                if (other != leg && other.watched()) {
                    other.moveStopToCost();
                }
            }
            leg.othersToCost = true;
        }
        leg.triggerPublished = true;
        return true;
    }

    /** Whether some leg is still watched: an exit of the whole position has something to send. */
    public boolean anyLegWatched() {
        for (LiveLeg leg : legs) {
            if (leg.watched()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Executor only: every leg left on its own rule and none is working, so nothing of the position is held; OPEN to
     * {@code end} (CLOSED, or EXIT_FAILED when a leg's exit failed). False when another claim took the position first
     * (its exit then finds no leg to send and ends it).
     */
    public boolean finishFromOpen(PositionState end, long nowMillis) {
        if (!state.compareAndSet(PositionState.OPEN, end)) {
            return false;
        }
        endedMillis = nowMillis;
        return true;
    }

    /**
     * The executor's clock check: when the square-off time ({@code dueMillis}, from {@code exits.SquareOffTimes})
     * has come and the position is still open, OPEN to EXITING with reason {@code SQUARE_OFF}, published as a stop's
     * trigger is (the executor journals it before any order). The same claim as every other way out, so only one of
     * them ever wins.
     */
    public boolean squareOffIfDue(long nowMillis, long dueMillis) {
        return nowMillis >= dueMillis && trigger(ExitReason.SQUARE_OFF, Double.NaN, Double.NaN, null, 0, 0,
                Double.NaN, Double.NaN, Double.NaN, -1, nowMillis);
    }

    /**
     * A manual exit's first half: OPEN to EXITING with its reason, but not yet published to the executor, so the
     * desk can journal it before acknowledging and {@link #reopen} it if the journal cannot be written. The ring
     * leaves an EXITING position alone, so nothing else acts on it meanwhile.
     */
    public boolean claimForManualExit(double mark, long nowMillis) {
        return claimForManualExit(ExitReason.MANUAL, mark, nowMillis);
    }

    /** {@link #claimForManualExit(double, long)} for a person's exit of another kind ({@code EXIT_ALL}). */
    public boolean claimForManualExit(ExitReason why, double mark, long nowMillis) {
        if (!state.compareAndSet(PositionState.OPEN, PositionState.EXITING)) {
            return false;
        }
        noteTrigger(why, mark, Double.NaN, null, 0, 0, Double.NaN, Double.NaN, Double.NaN, -1,
                nowMillis);
        return true;
    }

    /** A manual exit whose record is on disk: the executor sends it without journalling it again. */
    public void publishJournalledExit() {
        exitJournalled = true;
        triggerPublished = true;
    }

    /** A manual exit that could not be journalled goes back to being watched, as if never asked for. */
    public void reopen() {
        state.compareAndSet(PositionState.EXITING, PositionState.OPEN);
    }

    /**
     * The record that puts this position's trigger on disk, written before any exit order, with how each leg's
     * exit is sliced when any is (a restart then slices it the same way, whatever the config says by then).
     */
    public JournalRecord.Exiting exitingRecord() {
        List<Long> sliceQuantities = new ArrayList<>(legs.length);
        boolean sliced = false;
        for (LiveLeg leg : legs) {
            sliceQuantities.add(leg.sliceQuantity());
            sliced |= leg.slices.length > 1;
        }
        return new JournalRecord.Exiting(id, triggeredMillis, reason, triggerMark, triggerLevel,
                tickSymbol == null ? "" : tickSymbol, tickExchangeMillis, tickServerMillis, tickBid, tickAsk, tickLtp,
                latencyNanos, sliced ? sliceQuantities : List.of());
    }

    /** OPEN to CANCELLED; false when it had already left OPEN. */
    public boolean cancel() {
        boolean cancelled = state.compareAndSet(PositionState.OPEN, PositionState.CANCELLED);
        if (cancelled) {
            MtmScope.basisChanged();   // it counts nothing in its scopes' MTM from now on
        }
        return cancelled;
    }

    /** Executor (or replay) only: EXITING to an end state. */
    public void finish(PositionState end, long nowMillis) {
        endedMillis = nowMillis;
        state.set(end);
        MtmScope.basisChanged();
    }

    /** Replay only, before the position is visible: the trigger the journal recorded. */
    public void restoreTrigger(JournalRecord.Exiting exiting) {
        noteTrigger(exiting.reason(), exiting.mark(), exiting.level(), exiting.tickSymbol(),
                exiting.tickExchangeMillis(), exiting.tickServerMillis(), exiting.bid(), exiting.ask(), exiting.ltp(),
                exiting.latencyNanos(), exiting.triggeredMillis());
        triggerPublished = true;
        accepted = true;
    }

    /** The trigger's details, written by whoever moved the position to EXITING, before it is published. */
    private void noteTrigger(ExitReason why, double mark, double level, String symbol, long exchangeMillis,
                             long serverMillis, double bid, double ask, double ltp, long latency, long nowMillis) {
        reason = why;
        triggerMark = mark;
        triggerLevel = level;
        tickSymbol = symbol;
        tickExchangeMillis = exchangeMillis;
        tickServerMillis = serverMillis;
        tickBid = bid;
        tickAsk = ask;
        tickLtp = ltp;
        latencyNanos = latency;
        triggeredMillis = nowMillis;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
