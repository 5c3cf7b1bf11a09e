package io.optionchain.engine.stops;

import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.LimitScope;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.PositionState;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scope's MTM limit as the ring judges it: the positions it covers and what those that left memory today
 * realised (one immutable {@link Members}, replaced whole by the desk, so the ring never counts a position's
 * P&amp;L twice or not at all while it leaves), the levels as primitives, and today's state: the locked floor and
 * whether a limit fired. The ring is the only writer of the state; it is volatile so the desk (refusals), the exit
 * executor (which writes it to disk before the exits it caused) and readers see it whole.
 *
 * <p>State belongs to an exchange day: a floor or a firing of an earlier day reads as none.
 */
public final class MtmScope {
    static final MtmScope[] NONE = new MtmScope[0];
    private static final long DAY_MILLIS = 86_400_000L;
    /** India keeps one offset all year: the exchange day is a division, with no zone rules on the ring. */
    private static final long EXCHANGE_OFFSET_MILLIS = ExpiryDates.EXCHANGE_ZONE.getRules()
            .getOffset(Instant.EPOCH).getTotalSeconds() * 1_000L;

    public final LimitScope scope;
    /** The strategy's name; null for the account. */
    public final String name;
    public final MtmLimit limit;
    final double maxLoss;
    final double maxProfit;

    private volatile Members members = new Members(new LivePosition[0], 0);

    // today's state: written by the ring only (and by the desk before the scope is published)
    private volatile long floorDay = Long.MIN_VALUE;
    private volatile double floor = Double.NaN;
    private volatile long firedDay = Long.MIN_VALUE;
    private volatile ExitReason fired;
    private volatile double firedMtm = Double.NaN;
    private volatile double firedLevel = Double.NaN;
    private volatile long firedMillis;
    /** Bumped on every change of the state, so its writer to disk knows when there is something to write. */
    private volatile long changes;
    /** Ring only: the ring sequence this scope was last judged at, so a tick judges it once however many legs. */
    long judgedSequence = -1;
    /**
     * Ring only: the MTM as the running sum has it (every leg at its last price, stale or not), kept by adding each
     * price change times its leg's weight, and summed again in full whenever the basis moved ({@link #basisChanged}),
     * the day changed or it is not known. Only when it says a limit may be reached is the MTM summed in full on fresh
     * quotes ({@link #mtm}) and acted on: a tick costs the ring a few additions, not a pass over every held leg.
     */
    double estimate = Double.NaN;
    long estimateBasis = -1;
    long estimateDay = Long.MIN_VALUE;

    /**
     * Moves whenever what the running sums stand on changes off the ring: a fill (realised now at its price), a
     * position cancelled or ended, a scope's members replaced. One counter for every desk in the process: a move a
     * scope did not need costs it one full sum, never a wrong one.
     */
    private static final AtomicLong BASIS = new AtomicLong();

    public MtmScope(LimitScope scope, String name, MtmLimit limit) {
        this.scope = scope;
        this.name = name;
        this.limit = limit;
        this.maxLoss = limit.maxLoss() == null ? Double.NaN : limit.maxLoss();
        this.maxProfit = limit.maxProfit() == null ? Double.NaN : limit.maxProfit();
    }

    /** The positions a scope covers and the P&amp;L today of those of it no longer in memory, replaced as one. */
    public record Members(LivePosition[] positions, double forgottenRealised) {
    }

    public void members(Members next) {
        members = next;
        basisChanged();
    }

    /**
     * The ring's running MTM as it stands, or NaN while it waits to be summed again (its basis or day moved since):
     * for a test that holds it against the full sum, {@link #mtm} without a staleness check. Read on the ring's
     * thread (or with the ring stopped).
     */
    public double runningMtm(long nowMillis) {
        return estimateBasis == basis() && estimateDay == exchangeDay(nowMillis) ? estimate : Double.NaN;
    }

    /** See {@link #BASIS}: the ring's running MTM sums are summed again in full on their next judgement. */
    public static void basisChanged() {
        BASIS.incrementAndGet();
    }

    static long basis() {
        return BASIS.get();
    }

    /**
     * Ring only: the MTM summed in full at each leg's last price, whether fresh or not (what {@link #mtm} sums
     * without its staleness check), setting each held leg's weight for the running sum; NaN while a held leg has no
     * price yet.
     */
    double sumAgain(long nowMillis) {
        return sum(nowMillis, 0, null, true);
    }

    /**
     * The one sum behind {@link #mtm} and {@link #sumAgain}: with {@code weigh} (the ring's full sum) every held leg's
     * weight is set and an unpriced leg makes the result NaN only at the end; without, the first unpriced or stale
     * leg ends it.
     */
    private double sum(long nowMillis, long maxAgeMillis, long[] bookMillis, boolean weigh) {
        Members current = members;
        long dayStart = dayStartMillis(exchangeDay(nowMillis));
        double sum = current.forgottenRealised;
        boolean priced = true;
        for (LivePosition position : current.positions) {
            PositionState state = position.state();
            boolean counted = !(state == PositionState.CANCELLED
                    || state == PositionState.CLOSED && position.endedMillis < dayStart);
            if (!counted && !weigh) {
                continue;
            }
            boolean open = state == PositionState.OPEN;
            for (LiveLeg leg : position.legs) {
                double price = leg.exitPrice;
                double weight = 0;
                for (LiveSlice slice : leg.slices) {
                    double fill = slice.fillPrice;
                    if (!counted) {
                        continue;
                    }
                    if (fill == fill) {   // not NaN: filled
                        sum += (fill - leg.entryPrice) * slice.quantity * leg.sign;
                    } else if (state != PositionState.CLOSED) {
                        boolean usable = price > 0 && !(open && bookMillis != null
                                && stale(bookMillis, leg.instrumentId, nowMillis, maxAgeMillis));
                        if (!usable && !weigh) {
                            return Double.NaN;
                        }
                        priced &= usable;
                        weight += slice.quantity * leg.sign;
                        sum += (price - leg.entryPrice) * slice.quantity * leg.sign;
                    }
                }
                if (weigh) {
                    leg.mtmWeight = weight;
                }
            }
        }
        return priced ? sum : Double.NaN;
    }

    /** The exchange day (days since the epoch in India) of an instant. */
    public static long exchangeDay(long millis) {
        return Math.floorDiv(millis + EXCHANGE_OFFSET_MILLIS, DAY_MILLIS);
    }

    /** The first instant of an exchange day. */
    static long dayStartMillis(long day) {
        return day * DAY_MILLIS - EXCHANGE_OFFSET_MILLIS;
    }

    /**
     * Realised today plus unrealised at each leg's last exit-side price: a filled exit slice at its fill, the rest
     * at {@link LiveLeg#exitPrice}; a closed position that ended before today and a cancelled one count nothing
     * (cancelled: no order of ours ended it). NaN when some held leg has no price, or, with {@code bookMillis},
     * when an open position's leg was not quoted within {@code maxAgeMillis}: a limit is never judged on a price
     * the position could not exit at now. Allocation-free.
     *
     * @param bookMillis when each instrument's book was last quoted (the ring's); null to sum as things stand
     */
    public double mtm(long nowMillis, long maxAgeMillis, long[] bookMillis) {
        return sum(nowMillis, maxAgeMillis, bookMillis, false);
    }

    private static boolean stale(long[] bookMillis, int id, long nowMillis, long maxAgeMillis) {
        long quoted = id >= 0 && id < bookMillis.length ? bookMillis[id] : 0;
        return quoted == 0 || nowMillis - quoted > maxAgeMillis;
    }

    Members members() {
        return members;
    }

    /** The floor locked today; NaN before the MTM reached {@code lock_at} today. */
    public double floor(long nowMillis) {
        double locked = floor;
        return floorDay == exchangeDay(nowMillis) ? locked : Double.NaN;
    }

    /** Ring: raises today's floor to what {@code mtm} locks, never lowering it; true when it rose. */
    boolean raiseFloor(double mtm, long nowMillis) {
        double next = limit.floorAt(mtm);
        if (next != next) {   // NaN: nothing locked at this MTM
            return false;
        }
        long day = exchangeDay(nowMillis);
        double current = floorDay == day ? floor : Double.NaN;
        if (current == current && next <= current) {
            return false;
        }
        floor = next;
        floorDay = day;
        changes++;
        return true;
    }

    /** The limit that fired today; null while none has. */
    public ExitReason fired(long nowMillis) {
        ExitReason reason = fired;
        return reason != null && firedDay == exchangeDay(nowMillis) ? reason : null;
    }

    public double firedMtm() {
        return firedMtm;
    }

    public double firedLevel() {
        return firedLevel;
    }

    public long firedMillis() {
        return firedMillis;
    }

    /** Ring: the limit fired; its details are written before the reason that publishes them. */
    void fire(ExitReason reason, double mtm, double level, long nowMillis) {
        firedMtm = mtm;
        firedLevel = level;
        firedMillis = nowMillis;
        firedDay = exchangeDay(nowMillis);
        fired = reason;
        changes++;
    }

    /**
     * Before the scope is published (the desk restoring it from disk, or carrying it over when the limits are
     * replaced): today's floor and firing as they were.
     */
    public void restore(long floorDay, double floor, long firedDay, ExitReason fired, double firedMtm,
                        double firedLevel, long firedMillis) {
        this.floorDay = floorDay;
        this.floor = floor;
        this.firedDay = firedDay;
        this.firedMtm = firedMtm;
        this.firedLevel = firedLevel;
        this.firedMillis = firedMillis;
        this.fired = fired;
    }

    /** {@link #restore} from another scope's state: the same scope under limits replaced. */
    public void carryFrom(MtmScope earlier) {
        restore(earlier.floorDay, earlier.floor, earlier.firedDay, earlier.fired, earlier.firedMtm,
                earlier.firedLevel, earlier.firedMillis);
    }

    /** The floor as stored, of {@link #floorDay()}, whatever day it is now: for its writer to disk. */
    public double storedFloor() {
        return floor;
    }

    /** The limit that fired on {@link #firedDay()}, whatever day it is now; null for none. */
    public ExitReason storedFired() {
        return fired;
    }

    public long floorDay() {
        return floorDay;
    }

    public long firedDay() {
        return firedDay;
    }

    /** How often the state changed: its writer to disk compares it with what it last wrote. */
    public long changes() {
        return changes;
    }

    /** Whether a position of {@code strategy} held by {@code account} counts in this scope. */
    public boolean holds(String strategy, String account) {
        return switch (scope) {
            case ACCOUNT -> true;
            case HOLDING_ACCOUNT -> name.equals(account);
            case STRATEGY -> name.equals(strategy);
        };
    }

    /** The same scope: a strategy's by name, or the account. */
    public boolean sameScope(LimitScope otherScope, String otherName) {
        return scope == otherScope && java.util.Objects.equals(name, otherName);
    }
}
