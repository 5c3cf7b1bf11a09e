package io.optionchain.engine.stops;

import com.lmax.disruptor.EventHandler;
import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.depth.DepthWalk;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.tick.TickEvent;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The ring's risk stage, after the window and before activity/latency: judges every position holding the
 * tick's instrument and, when a rule is reached, moves it to EXITING and hands it to the exit executor.
 *
 * <p>A position's mark is its exit-side price (a long's best bid, a short's best ask), summed over the legs
 * of a group. A position that triggers on depth ({@code trigger_on: depth}) takes instead, per leg, the average price
 * of its whole quantity walked through the five levels of that side; what they cannot fill is priced at the deepest
 * level shown, so a thin book makes the mark worse and can never hide a stop. The ticking instrument's book comes
 * from the tick when it carries depth, otherwise from chain state; a group's other legs come from chain state. A
 * position with a confirmation fires once a rule has been reached on that many evaluations in a row, or has stayed
 * reached that long by this stage's clock; an evaluation with every rule unreached starts it again, one that cannot
 * judge (a quote unusable) neither counts nor resets it. A zero or missing price, or one older than
 * {@code maxQuoteAge} (by the feed server's time, or arrival when it sends none), never triggers, and a tick
 * chain state skipped (out of order, or a duplicate) is not looked at. A leg with rules of its own is judged on its
 * own exit-side price when it ticks, before its position's combined rules, which sum a leg already out on its own at
 * its fill. Comparisons allow 1e-7 for binary rounding: premiums sit on a
 * 0.05 grid, so a mark at a stop is at it.
 *
 * <p>Allocation-free and non-blocking for every tick that triggers nothing; an alert makes one event.
 */
public final class RiskHandler implements EventHandler<TickEvent> {
    private static final double EPSILON = 1e-7;

    private final PositionIndex index;
    private final ChainStore store;
    private final Clock clock;
    private final long maxQuoteAgeMillis;
    private final double nearStopFraction;
    private final HandOff<LivePosition> exits;
    private final HandOff<AuditEvent> audits;
    /** When each instrument's book was last quoted (feed-server time, or arrival); 0 never. This stage only. */
    private final long[] bookMillis;
    private final QuoteRecord scratch = ChainStore.newRecord();
    // a leg's side of the book copied out of chain state for the depth walk, and the walk: reused on every tick
    private final double[] levelPrices = new double[DepthBook.LEVELS];
    private final long[] levelQuantities = new long[DepthBook.LEVELS];
    private final DepthWalk walk = new DepthWalk();

    private final AtomicLong triggers = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong alertsDropped = new AtomicLong();
    private final AtomicLong unusableQuotes = new AtomicLong();
    private final AtomicLong unusableMtm = new AtomicLong();
    private final AtomicLong limitsFired = new AtomicLong();

    /** The exit executor's thread, unparked after a trigger so the exit does not wait out its idle park. */
    private volatile Thread executorThread;
    // the ticking instrument's quote, captured while the mark is summed (this stage only)
    private double tickBid;
    private double tickAsk;

    public RiskHandler(PositionIndex index, ChainStore store, Clock clock, RiskSettings settings,
                HandOff<LivePosition> exits, HandOff<AuditEvent> audits) {
        this.index = index;
        this.store = store;
        this.clock = clock;
        this.maxQuoteAgeMillis = settings.maxQuoteAge().toMillis();
        this.nearStopFraction = settings.nearStopPercent() / 100;
        this.exits = exits;
        this.audits = audits;
        this.bookMillis = new long[index.capacity()];
    }

    @Override
    public void onEvent(TickEvent tick, long sequence, boolean endOfBatch) {
        int id = tick.instrumentId;
        if (tick.skipped() || id < 0 || id >= bookMillis.length) {
            return;
        }
        long now = clock.millis();
        if (tick.has(TickEvent.DEPTH)) {
            bookMillis[id] = tick.serverTimeMillis > 0 ? tick.serverTimeMillis : now;
        }
        LiveLeg[] legs = index.legsOf(id);
        for (int i = 0; i < legs.length; i++) {
            LivePosition position = legs[i].position;
            if (position.isOpen()) {
                evaluate(position, legs[i], tick, now);
            } else {
                markLeg(legs[i], tick);   // an exiting leg's price still counts in its scope's MTM until it fills
            }
        }
        for (int i = 0; i < legs.length; i++) {
            MtmScope[] scopes = legs[i].position.scopes;
            for (int k = 0; k < scopes.length; k++) {
                MtmScope scope = scopes[k];
                if (scope.judgedSequence != sequence) {   // once a tick, however many of its legs the tick moved
                    scope.judgedSequence = sequence;
                    judge(scope, legs[i], tick, now);
                }
            }
        }
    }

    private void markLeg(LiveLeg leg, TickEvent tick) {
        double price = exitPrice(leg, tick, leg.position.onDepth);
        if (price > 0) {
            reprice(leg, price);
        }
    }

    /** The leg's last exit-side price, and its change carried into each of its scopes' running MTM. */
    private static void reprice(LiveLeg leg, double price) {
        double moved = (price - leg.exitPrice) * leg.mtmWeight;   // NaN for a first price: the scope sums again
        leg.exitPrice = price;
        if (moved != 0) {
            MtmScope[] scopes = leg.position.scopes;
            for (int i = 0; i < scopes.length; i++) {
                scopes[i].estimate += moved;
            }
        }
    }

    /**
     * A scope's MTM limit, on the exit side of the book: max loss, max profit, then the locked floor (raised first
     * by this MTM, so a jump through lock_at and back in one tick is not missed). When one is reached it fires once
     * a day, and every open position of the scope moves to EXITING with it as the reason; a scope that fired today
     * exits any position that is open in it again (one taken back from review). Allocation-free unless it fires.
     */
    private void judge(MtmScope scope, LiveLeg ticking, TickEvent tick, long now) {
        ExitReason firedToday = scope.fired(now);
        if (firedToday != null) {
            exitScope(scope, firedToday, ticking, tick, now);
            return;
        }
        long basis = MtmScope.basis();
        long day = MtmScope.exchangeDay(now);
        if (scope.estimateBasis != basis || scope.estimateDay != day || scope.estimate != scope.estimate) {
            scope.estimate = scope.sumAgain(now);
            scope.estimateBasis = basis;
            scope.estimateDay = day;
        }
        if (!mayReach(scope, scope.estimate, now)) {
            return;
        }
        // the running sum says a limit may be reached: summed in full, on quotes fresh enough to act on
        double mtm = scope.mtm(now, maxQuoteAgeMillis, bookMillis);
        if (mtm != mtm) {   // NaN: some leg has no usable quote
            unusableMtm.lazySet(unusableMtm.get() + 1);
            return;
        }
        ExitReason reason = null;
        double level = Double.NaN;
        if (mtm <= -scope.maxLoss + EPSILON) {
            reason = ExitReason.MAX_LOSS;
            level = -scope.maxLoss;
        } else if (mtm >= scope.maxProfit - EPSILON) {
            reason = ExitReason.MAX_PROFIT;
            level = scope.maxProfit;
        } else {
            scope.raiseFloor(mtm, now);
            double floor = scope.floor(now);
            if (mtm <= floor + EPSILON) {
                reason = ExitReason.PROFIT_LOCK;
                level = floor;
            }
        }
        if (reason == null) {
            return;
        }
        scope.fire(reason, mtm, level, now);
        limitsFired.lazySet(limitsFired.get() + 1);
        long latency = tick.arrivalNanos > 0 ? System.nanoTime() - tick.arrivalNanos : -1;
        boolean depth = tick.has(TickEvent.DEPTH);
        AuditEvent fired = new AuditEvent(AuditKind.LIMIT_FIRED, now, -1, scope.name, null, null, reason, mtm, level,
                ticking.symbol, tick.exchangeTimeMillis, tick.serverTimeMillis,
                depth && tick.bidLevels > 0 ? tick.bidPrice[0] : null,
                depth && tick.askLevels > 0 ? tick.askPrice[0] : null, tick.has(TickEvent.LTP) ? tick.ltp : null,
                latency < 0 ? null : latency, null, null, null,
                scope.scope.describe(scope.name) + " " + reason.name().toLowerCase(java.util.Locale.ROOT)
                        + ": MTM " + mtm + " reached " + level, null);
        if (!audits.offer(fired)) {
            alertsDropped.lazySet(alertsDropped.get() + 1);
        }
        exitScope(scope, reason, ticking, tick, now);
    }

    /**
     * Whether the running MTM has reached a limit, or locks a higher floor: only then is the MTM summed in full.
     * An unknown MTM (a leg never priced) may reach anything; the full sum then says it is unknown.
     */
    private static boolean mayReach(MtmScope scope, double estimate, long now) {
        if (estimate != estimate) {
            return true;
        }
        double floor = scope.floor(now);
        double locks = scope.limit.floorAt(estimate);
        return estimate <= -scope.maxLoss + EPSILON || estimate >= scope.maxProfit - EPSILON
                || estimate <= floor + EPSILON || locks > floor || (floor != floor && locks == locks);
    }

    /** Every open position of the scope to EXITING for {@code reason}, each marked at its legs' last exit prices. */
    private void exitScope(MtmScope scope, ExitReason reason, LiveLeg ticking, TickEvent tick, long now) {
        LivePosition[] positions = scope.members().positions();
        boolean depth = tick.has(TickEvent.DEPTH);
        double bid = depth && tick.bidLevels > 0 ? tick.bidPrice[0] : Double.NaN;
        double ask = depth && tick.askLevels > 0 ? tick.askPrice[0] : Double.NaN;
        for (LivePosition position : positions) {
            if (!position.isOpen()) {
                continue;
            }
            double mark = 0;
            for (LiveLeg leg : position.legs) {
                mark += leg.exitPrice;
            }
            long latency = tick.arrivalNanos > 0 ? System.nanoTime() - tick.arrivalNanos : -1;
            if (position.trigger(reason, mark, Double.NaN, ticking.symbol, tick.exchangeTimeMillis,
                    tick.serverTimeMillis, bid, ask, tick.has(TickEvent.LTP) ? tick.ltp : Double.NaN, latency, now)) {
                handOff(position);
            }
        }
    }

    private void evaluate(LivePosition position, LiveLeg ticking, TickEvent tick, long now) {
        double mark = 0;
        double tickingPrice = 0;
        boolean usable = true;
        tickBid = Double.NaN;
        tickAsk = Double.NaN;
        for (LiveLeg leg : position.legs) {
            double price = exitPrice(leg, tick, position.onDepth);
            if (price > 0) {
                reprice(leg, price);   // the position's own exit price: its MTM counts what its rules judge
            }
            if (leg == ticking) {
                tickingPrice = price;
            }
            double filled = leg.fillPrice;
            if (filled == filled && leg.exitsOnItsOwn()) {
                mark += filled;   // out on its own rule: the combined premium counts what its exit fetched
                continue;
            }
            long quoted = bookMillis[leg.instrumentId];
            if (!(price > 0) || quoted == 0 || now - quoted > maxQuoteAgeMillis) {
                usable = false;
            }
            mark += price;
        }
        if (position.legRules && ticking.watched()) {
            long quoted = bookMillis[ticking.instrumentId];
            if (tickingPrice > 0 && quoted != 0 && now - quoted <= maxQuoteAgeMillis
                    && judgeLeg(position, ticking, tickingPrice, tick, now)) {
                return;
            }
        }
        if (!usable) {
            unusableQuotes.lazySet(unusableQuotes.get() + 1);
            return;
        }
        boolean isLong = position.longSide;
        double best = position.watermark;
        if (position.trailKind != 0 && (isLong ? mark > best : mark < best)) {
            best = mark;
            position.watermark = mark;
        }
        double trail = position.trailLevel(best);
        ExitReason reason = null;
        double level = Double.NaN;
        if (stopReached(isLong, mark, position.stopLevel)) {
            reason = ExitReason.STOP;
            level = position.stopLevel;
        } else if (stopReached(isLong, mark, position.percentStopLevel)) {
            reason = ExitReason.PERCENT_STOP;
            level = position.percentStopLevel;
        } else if (stopReached(isLong, mark, trail)) {
            reason = ExitReason.TRAILING_STOP;
            level = trail;
        } else if (targetReached(isLong, mark, position.targetLevel)) {
            reason = ExitReason.TARGET;
            level = position.targetLevel;
        }
        if (reason == null) {
            position.breachEnded();
        } else if (position.breachConfirmed(now)) {
            trigger(position, reason, mark, level, ticking, tick, now);
            return;
        }
        // a breach still waiting for its confirmation is nearer the stop than any approach: it may alert too
        if (nearStopFraction > 0) {
            watchApproach(position, mark, position.tighter(position.tighter(position.stopLevel,
                    position.percentStopLevel), trail), ticking, tick, now);
        }
    }

    /**
     * The ticking leg's own rules, on its price alone: its stops (moved to cost, perhaps), then its target, confirmed
     * as the position's rules are. When one fires, the leg alone exits (the position stays open), or with
     * {@code on_leg_stop: exit_all} the whole position does, through the one claim every way out takes. Only the
     * ticking leg is judged: its price is the one that moved. Allocation-free unless it fires.
     *
     * @return whether a rule fired
     */
    private boolean judgeLeg(LivePosition position, LiveLeg leg, double price, TickEvent tick, long now) {
        boolean isLong = leg.side == PositionSide.LONG;
        ExitReason reason = null;
        double level = Double.NaN;
        if (stopReached(isLong, price, leg.stopLevel)) {
            reason = ExitReason.LEG_STOP;
            level = leg.stopLevel;
        } else if (stopReached(isLong, price, leg.percentStopLevel)) {
            reason = ExitReason.LEG_PERCENT_STOP;
            level = leg.percentStopLevel;
        } else if (targetReached(isLong, price, leg.targetLevel)) {
            reason = ExitReason.LEG_TARGET;
            level = leg.targetLevel;
        }
        if (reason == null) {
            leg.breachCount = 0;
            return false;
        }
        if (!legBreachConfirmed(position, leg, now)) {
            return false;
        }
        long latency = tick.arrivalNanos > 0 ? System.nanoTime() - tick.arrivalNanos : -1;
        double ltp = tick.has(TickEvent.LTP) ? tick.ltp : Double.NaN;
        boolean claimed = position.onLegStop == OnLegStop.EXIT_ALL
                ? position.trigger(reason, price, level, leg.symbol, tick.exchangeTimeMillis, tick.serverTimeMillis,
                        tickBid, tickAsk, ltp, latency, now)
                : position.triggerLeg(leg, reason, price, level, tick.exchangeTimeMillis, tick.serverTimeMillis,
                        tickBid, tickAsk, ltp, latency, now);
        if (claimed) {
            handOff(position);
        }
        return true;
    }

    /** A leg's own breach, confirmed as its position's rules are: at once, or after so many evaluations or so long. */
    private static boolean legBreachConfirmed(LivePosition position, LiveLeg leg, long now) {
        if (position.confirmTicks <= 1 && position.confirmMillis == 0) {
            return true;
        }
        if (leg.breachCount == 0) {
            leg.breachSinceMillis = now;
        }
        if (leg.breachCount < Integer.MAX_VALUE) {
            leg.breachCount++;
        }
        return position.confirmTicks > 0 ? leg.breachCount >= position.confirmTicks
                : now - leg.breachSinceMillis >= position.confirmMillis;
    }

    /**
     * The leg's exit-side price: the best level, or with {@code onDepth} its whole quantity's average through the
     * levels; from the tick when it is this leg's and carries depth, else chain state. 0 when that side is empty.
     */
    private double exitPrice(LiveLeg leg, TickEvent tick, boolean onDepth) {
        boolean fromTick = leg.instrumentId == tick.instrumentId && tick.has(TickEvent.DEPTH);
        if (!fromTick && !store.read(leg.instrumentId, scratch)) {
            return 0;
        }
        double bid;
        double ask;
        if (fromTick) {
            bid = tick.bidLevels > 0 ? tick.bidPrice[0] : 0;
            ask = tick.askLevels > 0 ? tick.askPrice[0] : 0;
        } else {
            bid = scratch.getBidLevels() > 0 ? scratch.getBidPriceAt(0) : 0;
            ask = scratch.getAskLevels() > 0 ? scratch.getAskPriceAt(0) : 0;
        }
        if (leg.instrumentId == tick.instrumentId) {
            tickBid = bid;
            tickAsk = ask;
        }
        boolean sells = leg.side == PositionSide.LONG;
        if (!onDepth) {
            return sells ? bid : ask;
        }
        if (fromTick) {
            return sells ? walked(tick.bidPrice, tick.bidQuantity, tick.bidLevels, leg.quantity)
                    : walked(tick.askPrice, tick.askQuantity, tick.askLevels, leg.quantity);
        }
        int levels = Math.min(DepthBook.LEVELS, sells ? scratch.getBidLevels() : scratch.getAskLevels());
        for (int i = 0; i < levels; i++) {
            levelPrices[i] = sells ? scratch.getBidPriceAt(i) : scratch.getAskPriceAt(i);
            levelQuantities[i] = sells ? scratch.getBidQuantityAt(i) : scratch.getAskQuantityAt(i);
        }
        return walked(levelPrices, levelQuantities, levels, leg.quantity);
    }

    /**
     * {@code quantity} walked through one side: the average of what the levels fill, the rest at the deepest level
     * filled from (the best the book says of it; deeper is only worse). 0 when the side fills nothing.
     */
    private double walked(double[] prices, long[] quantities, int levels, long quantity) {
        if (quantity <= 0) {
            return 0;
        }
        walk.walk(prices, quantities, levels, quantity);
        long filled = walk.filled();
        if (filled == quantity || filled == 0) {
            return walk.averagePrice();
        }
        return (walk.averagePrice() * filled + walk.worstPrice() * (quantity - filled)) / quantity;
    }

    private static boolean stopReached(boolean isLong, double mark, double level) {
        return isLong ? mark <= level + EPSILON : mark >= level - EPSILON;
    }

    private static boolean targetReached(boolean isLong, double mark, double level) {
        return isLong ? mark >= level - EPSILON : mark <= level + EPSILON;
    }

    private void trigger(LivePosition position, ExitReason reason, double mark, double level, LiveLeg ticking,
                         TickEvent tick, long now) {
        long latency = tick.arrivalNanos > 0 ? System.nanoTime() - tick.arrivalNanos : -1;
        if (position.trigger(reason, mark, level, ticking.symbol, tick.exchangeTimeMillis, tick.serverTimeMillis,
                tickBid, tickAsk, tick.has(TickEvent.LTP) ? tick.ltp : Double.NaN, latency, now)) {
            handOff(position);
        }
    }

    private void handOff(LivePosition position) {
        triggers.lazySet(triggers.get() + 1);
        // sized for every position at once, so this cannot fail; the executor's sweep covers it if it did
        exits.offer(position);
        Thread executor = executorThread;
        if (executor != null) {
            LockSupport.unpark(executor);
        }
    }

    public void wakeOnTrigger(Thread executor) {
        executorThread = executor;
    }

    /** One alert per approach to the nearest stop; re-armed once the mark is twice the distance away. */
    private void watchApproach(LivePosition position, double mark, double stop, LiveLeg ticking, TickEvent tick,
                               long now) {
        if (Double.isNaN(stop)) {
            return;
        }
        double distance = position.longSide ? mark - stop : stop - mark;
        double near = stop * nearStopFraction;
        if (position.alertArmed) {
            if (distance <= near + EPSILON) {
                position.alertArmed = false;
                alerts.lazySet(alerts.get() + 1);
                long latency = tick.arrivalNanos > 0 ? System.nanoTime() - tick.arrivalNanos : -1;
                AuditEvent alert = new AuditEvent(AuditKind.ALERT, now, position.id, position.strategy, null,
                        ticking.symbol, null, mark, stop, ticking.symbol, tick.exchangeTimeMillis,
                        tick.serverTimeMillis, tickBid, tickAsk, tick.has(TickEvent.LTP) ? tick.ltp : null, latency,
                        null, null, null, "near stop", position.account);
                if (!audits.offer(alert)) {
                    alertsDropped.lazySet(alertsDropped.get() + 1);
                }
            }
        } else if (distance > 2 * near + EPSILON) {
            position.alertArmed = true;
        }
    }

    /** Positions this stage moved to EXITING. */
    public long triggers() {
        return triggers.get();
    }

    public long alerts() {
        return alerts.get();
    }

    /** Alerts lost because the audit hand-off queue was full. */
    public long alertsDropped() {
        return alertsDropped.get();
    }

    /** Judgements of an MTM limit skipped because some held leg of its scope had no usable quote. */
    public long unusableMtm() {
        return unusableMtm.get();
    }

    /** MTM limits that fired. */
    public long limitsFired() {
        return limitsFired.get();
    }

    /** Evaluations skipped for a zero, missing or stale quote on some leg. */
    public long unusableQuotes() {
        return unusableQuotes.get();
    }
}
