package io.optionchain.engine.desk;

import io.optionchain.engine.exits.SquareOffTimes;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.journal.JournalUnavailableException;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.LimitScope;
import io.optionchain.engine.positions.LimitState;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.engine.stops.LivePosition;
import io.optionchain.engine.stops.MtmScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The desk's side of the MTM limits: the set in force, one {@link MtmScope} per limited scope (the ring judges
 * them), which positions each covers, the file that keeps them ({@link LimitsFile}), and the refusal of new
 * positions in a scope whose limit fired today.
 *
 * <p>Changes of membership (a position opened, taken back from review, or forgotten) rebuild each scope's members
 * as one value, off the ring. The state each scope keeps today (floor, firing) is written by the ring; the exit
 * executor has it written to disk before it journals an exit a limit caused ({@link #checkpoint}), and every sweep
 * after a floor rose.
 */
final class MtmLimits {
    private static final Logger LOG = LoggerFactory.getLogger(MtmLimits.class);

    private final LimitsFile file;
    private final Clock clock;
    /** The primary account's name: the holder of a position or tally that names none. */
    private final String primary;
    /** The strategies' square-off times go here, where the exit executor reads them. */
    private final SquareOffTimes squareOffs;
    private volatile RiskLimits limits = RiskLimits.none();
    private volatile List<MtmScope> scopes = List.of();
    /** The sum of the scopes' changes the file holds; guarded by this. */
    private long written;
    private volatile String problem;

    MtmLimits(Path dataDirectory, Clock clock, String primary, SquareOffTimes squareOffs) {
        this.file = new LimitsFile(dataDirectory);
        this.clock = clock;
        this.primary = primary;
        this.squareOffs = squareOffs;
    }

    SquareOffTimes squareOffs() {
        return squareOffs;
    }

    /** Reads the file, if there is one: the limits and their state today come back as they were. */
    synchronized void restore() {
        LimitsFile.Contents contents = file.read();
        List<MtmScope> restored = scopesOf(contents.limits());
        for (LimitsFile.SavedState saved : contents.states()) {
            for (MtmScope scope : restored) {
                if (scope.sameScope(saved.scope(), saved.name())) {
                    saved.applyTo(scope);
                }
            }
        }
        limits = contents.limits();
        scopes = restored;
        squareOffs.strategies(contents.limits().squareOffs());
        written = changes(restored);
        if (!contents.limits().isEmpty()) {
            LOG.info("MTM limits from {}: {}", file.path(), describe(contents.limits()));
        }
    }

    RiskLimits limits() {
        return limits;
    }

    /** The scopes in force, the account's first: for tests that look at the ring's side of them. */
    List<MtmScope> scopes() {
        return scopes;
    }

    /**
     * Replaces the whole set: on disk first (synced), then in force. A scope kept from the set before keeps its
     * floor and firing today, so setting the limits again cannot undo a fired limit.
     *
     * @throws JournalUnavailableException when the file cannot be written: nothing changes
     */
    synchronized void replace(RiskLimits next, Collection<LivePosition> positions, List<StrategyTally> forgotten) {
        List<MtmScope> built = scopesOf(next);
        for (MtmScope scope : built) {
            for (MtmScope earlier : scopes) {
                if (scope.sameScope(earlier.scope, earlier.name)) {
                    scope.carryFrom(earlier);
                }
            }
        }
        try {
            file.write(next, built);
        } catch (IOException | RuntimeException e) {
            throw new JournalUnavailableException("the limits were not changed: " + file.path()
                    + " cannot be written (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")", e);
        }
        written = changes(built);
        problem = null;
        limits = next;
        scopes = built;
        squareOffs.strategies(next.squareOffs());
        refresh(positions, forgotten);
        LOG.info("MTM limits set: {}", describe(next));
    }

    /**
     * Rebuilds each scope's members from the desk's positions and today's forgotten P&amp;L, and gives each position
     * the scopes that hold it. Call under the desk's monitor whenever a position joins or leaves the desk.
     */
    synchronized void refresh(Collection<LivePosition> positions, List<StrategyTally> forgotten) {
        List<MtmScope> current = scopes;
        for (MtmScope scope : current) {
            List<LivePosition> members = new ArrayList<>();
            double left = 0;
            for (LivePosition position : positions) {
                if (covers(scope, position)) {
                    members.add(position);
                }
            }
            for (StrategyTally tally : forgotten) {
                if (scope.holds(tally.strategy(), tally.account() == null ? primary : tally.account())) {
                    left += tally.realisedPnl();
                }
            }
            scope.members(new MtmScope.Members(members.toArray(LivePosition[]::new), left));
        }
        for (LivePosition position : positions) {
            List<MtmScope> holding = new ArrayList<>(2);
            for (MtmScope scope : current) {
                if (covers(scope, position)) {
                    holding.add(scope);
                }
            }
            position.scopes = holding.toArray(MtmScope[]::new);
        }
    }

    private static boolean covers(MtmScope scope, LivePosition position) {
        return scope.holds(position.strategy, position.account);
    }

    /**
     * Why a new position of {@code strategy} held by {@code account} is refused now (a limit of a scope that would
     * hold it fired today); null if not.
     */
    String refusal(String strategy, String account) {
        long now = clock.millis();
        for (MtmScope scope : scopes) {
            ExitReason fired = scope.fired(now);
            if (fired != null && scope.holds(strategy, account)) {
                return scope.scope.describe(scope.name) + "'s " + fired.name().toLowerCase(Locale.ROOT)
                        + " limit fired at " + Instant.ofEpochMilli(scope.firedMillis())
                        .atZone(ExpiryDates.EXCHANGE_ZONE).toLocalTime() + " (MTM " + rupees(scope.firedMtm())
                        + " reached " + rupees(scope.firedLevel()) + "): no new position in it until tomorrow";
            }
        }
        return null;
    }

    /** Each scope now: its limit, MTM (null while a held leg has no quote), floor and firing today. */
    List<LimitState> states() {
        long now = clock.millis();
        List<LimitState> states = new ArrayList<>();
        for (MtmScope scope : scopes) {
            double mtm = scope.mtm(now, 0, null);
            double floor = scope.floor(now);
            ExitReason fired = scope.fired(now);
            states.add(new LimitState(scope.scope, scope.name, scope.limit, finite(mtm), finite(floor), fired,
                    fired == null ? null : Instant.ofEpochMilli(scope.firedMillis()).atZone(ExpiryDates.EXCHANGE_ZONE),
                    fired == null ? null : finite(scope.firedMtm()), fired == null ? null : finite(scope.firedLevel())));
        }
        return states;
    }

    /**
     * The exit executor's thread: writes the scopes' state when the ring changed it since the last write. Before an
     * exit a limit caused is journalled, so a restart knows the limit fired (and refuses new positions) whenever it
     * knows of the exit. A file that cannot be written is said once per cause and tried again next time; the exits
     * go on regardless (their own records are what make them exactly once).
     */
    synchronized void checkpoint() {
        List<MtmScope> current = scopes;
        long changes = changes(current);
        if (changes == written) {
            return;
        }
        try {
            file.write(limits, current);
            written = changes;
            problem = null;
        } catch (IOException | RuntimeException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!cause.equals(problem)) {
                LOG.error("cannot write the MTM limits' state to {}; trying again: {}", file.path(), cause);
            }
            problem = cause;
        }
    }

    /** Why the limits' state could not be written last time; null when it could. */
    String problem() {
        return problem;
    }

    private static List<MtmScope> scopesOf(RiskLimits limits) {
        List<MtmScope> built = new ArrayList<>();
        if (limits.account() != null) {
            built.add(new MtmScope(LimitScope.ACCOUNT, null, limits.account()));
        }
        limits.accounts().forEach((name, limit) -> built.add(new MtmScope(LimitScope.HOLDING_ACCOUNT, name, limit)));
        limits.strategies().forEach((name, limit) -> built.add(new MtmScope(LimitScope.STRATEGY, name, limit)));
        return List.copyOf(built);
    }

    private static long changes(List<MtmScope> scopes) {
        long sum = 0;
        for (MtmScope scope : scopes) {
            sum += scope.changes();
        }
        return sum;
    }

    private static String describe(RiskLimits limits) {
        List<String> parts = new ArrayList<>();
        if (limits.account() != null) {
            parts.add("account " + words(limits.account()));
        }
        limits.accounts().forEach((name, limit) -> parts.add("account " + name + " " + words(limit)));
        limits.strategies().forEach((name, limit) -> parts.add("strategy " + name + " " + words(limit)));
        limits.squareOffs().forEach((name, time) -> parts.add("strategy " + name + " squares off at " + time));
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String words(MtmLimit limit) {
        return limit.toString().replace("MtmLimit", "");
    }

    private static String rupees(double amount) {
        return String.format(Locale.ROOT, "%.2f", amount);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
