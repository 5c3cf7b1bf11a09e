package io.optionchain.engine.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's decision matrix as a step function: the gateway reports what each account's server and socket
 * answered, and {@link #decide(Instant)} says which account market data should come from now, and why.
 * Nothing here waits or reads a clock; every report and decision carries its instant, so a test walks a
 * rate limit's fifteen-minute cool-down in microseconds.
 *
 * <ul>
 *   <li>A lost connection is Level 1, the pool's own reconnect; after {@code level1_attempts} losses within
 *       {@code level1_window}, market data also moves to the next account (Level 2) and this one cools down.</li>
 *   <li>A refused key fails the account until an operator re-enables it; a suspension takes it out for the
 *       exchange's day; a rate limit cools it down. Each moves market data at once (Level 2).</li>
 *   <li>No answer or 5xx from every account of a broker, while the active socket is not up, is the broker down:
 *       all its accounts cool down and market data moves to the next broker (Level 3).</li>
 *   <li>An account better placed than the active one takes its role back once it is usable and answering
 *       again (a rate-limited primary after its cool-down), recorded like any switch.</li>
 *   <li>With nothing usable left the failover is degraded: it stays where it is, keeps retrying, and says so.
 *       Then, and only then, an account failed for its key is taken back once its server accepts the key again
 *       (OpenAlgo refuses a key whose broker login is missing or expired, and the login comes back).</li>
 * </ul>
 *
 * <p>Thread-safe by one lock: reports come from the gateway's probe threads, decisions from its failover thread.
 */
public final class AccountFailover {
    private static final Logger LOG = LoggerFactory.getLogger(AccountFailover.class);
    private static final int HISTORY = 100;

    private final FailoverHierarchy hierarchy;
    private final FailoverSettings settings;
    private final ZoneId zone;
    private final Map<String, Health> health = new LinkedHashMap<>();
    private final Deque<FailoverRecord> history = new ArrayDeque<>();
    private AccountProfile active;
    /** Why the active account must be left, and when that was seen; null while it is fine. */
    private String leaveCause;
    private Instant leaveSince;
    private int leaveLevel;
    private boolean degraded;
    /** The last switch still waits for its first tick on the new account. */
    private boolean awaitingTick;

    public AccountFailover(FailoverHierarchy hierarchy, FailoverSettings settings, ZoneId zone) {
        this.hierarchy = Objects.requireNonNull(hierarchy, "hierarchy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.zone = Objects.requireNonNull(zone, "zone");
        for (AccountProfile account : hierarchy.order()) {
            health.put(account.name(), new Health(account));
        }
        this.active = hierarchy.primary();
        health(active.name()).state = AccountState.ACTIVE;
    }

    /** The account's server answered its ping. */
    public synchronized void answered(String account, Instant at) {
        Health h = health(account);
        h.heard = true;
        h.answering = true;
        h.unreachable = false;
    }

    /**
     * The account's server or socket refused or failed.
     *
     * @param words the server's words, shown in status; never a key
     */
    public synchronized void refused(String account, AccountFault fault, String words, Instant at) {
        Health h = health(account);
        h.heard = true;
        h.answering = false;
        // refused by REST too: an answer from REST later is the key accepted again (the broker's login done)
        h.streamOnlyRefusal = false;
        h.lastError = words;
        switch (fault) {
            case AUTH_REFUSED -> h.out(AccountState.FAILED, null);
            case SUSPENDED -> h.out(AccountState.SUSPENDED,
                    LocalDate.ofInstant(at, zone).plusDays(1).atStartOfDay(zone).toInstant());
            case RATE_LIMITED -> h.out(AccountState.COOLING_DOWN, at.plus(settings.rateLimitCooldown()));
            case UNREACHABLE -> h.unreachable = true;
        }
        if (fault == AccountFault.UNREACHABLE) {
            brokerDownCheck(h.profile.broker(), at);
        } else if (h.profile.equals(active)) {
            leave(2, describe(fault) + ": " + words, at);
        }
    }

    /**
     * The account's market-data socket refused it. A key the stream refuses while REST still takes it is not
     * taken back by a ping that REST answers, or a lone account would reconnect with it in a loop; it waits for
     * an operator's {@link #enable}, or for REST to refuse it too and later accept it.
     */
    public synchronized void streamRefused(String account, AccountFault fault, String words, Instant at) {
        refused(account, fault, words, at);
        health(account).streamOnlyRefusal = fault == AccountFault.AUTH_REFUSED;
    }

    /** The active account's market-data socket was lost and is reconnecting (Level 1). */
    public synchronized void connectionLost(String account, Instant at) {
        Health h = health(account);
        h.linkUp = false;
        if (!h.profile.equals(active)) {
            return;
        }
        h.losses.addLast(at);
        while (!h.losses.isEmpty() && h.losses.peekFirst().isBefore(at.minus(settings.level1Window()))) {
            h.losses.removeFirst();
        }
        // with no other account to go to, Level 1 goes on reconnecting: cooling the only usable one down would
        // leave nothing at all
        if (h.losses.size() >= settings.level1Attempts() && best(at, hierarchy.order().size()) != null) {
            h.losses.clear();
            h.lastError = "connection lost " + settings.level1Attempts() + " times within "
                    + settings.level1Window().toSeconds() + " s";
            h.out(AccountState.COOLING_DOWN, at.plus(settings.rateLimitCooldown()));
            leave(2, h.lastError, at);
        } else {
            brokerDownCheck(h.profile.broker(), at);
        }
    }

    /** The account's market-data socket authenticated. */
    public synchronized void connectionUp(String account, Instant at) {
        Health h = health(account);
        h.linkUp = true;
        h.streamOnlyRefusal = false;
    }

    /** The first tick arrived on an account since market data switched to it. */
    public synchronized void firstTick(String account, Instant at) {
        if (!awaitingTick || !active.name().equals(account)) {
            return;
        }
        history.addLast(history.removeLast().withFirstTick(at));
        awaitingTick = false;
    }

    /** Whether the last switch still waits for the first tick on its new account. */
    public synchronized boolean awaitingFirstTick() {
        return awaitingTick;
    }

    /** An operator, or a new key for it, puts a failed or suspended account back in the hierarchy. */
    public synchronized void enable(String account, Instant at) {
        Health h = health(account);
        h.state = h.profile.equals(active) ? AccountState.ACTIVE : AccountState.STANDBY;
        h.until = null;
        h.lastError = "";
        h.streamOnlyRefusal = false;
        LOG.info("account {} re-enabled", account);
    }

    /**
     * What market data should do now: an empty answer keeps the active account, a switch names the new one.
     * The switch is taken as made: the next call already sees the new account active.
     */
    public synchronized Optional<Switch> decide(Instant now) {
        for (Health h : health.values()) {
            if (h.until != null && !now.isBefore(h.until)) {
                h.state = h.profile.equals(active) ? AccountState.ACTIVE : AccountState.STANDBY;
                h.until = null;
            }
        }
        Health current = health(active.name());
        if (leaveCause != null && (usable(current, now)
                || lastResort(current) && best(now, hierarchy.order().size()) == null)) {
            // the active account came back (a cool-down over, an operator's re-enable, its key accepted again)
            // before any other could help
            LOG.info("account {} usable again; market data stays with it", active.name());
            current.state = AccountState.ACTIVE;
            current.lastError = "";
            leaveCause = null;
            degraded = false;
        }
        AccountProfile next = null;
        String cause = leaveCause;
        int level = leaveLevel;
        Instant since = leaveSince;
        if (leaveCause != null) {
            next = best(now, hierarchy.order().size());
            if (next == null) {
                next = firstLastResort();
            }
        } else {
            AccountProfile better = best(now, hierarchy.rank(active.name()));
            if (better != null) {
                next = better;
                cause = "back to a better account: " + better.name() + " answers again";
                level = FailoverHierarchy.level(active, better);
                since = now;
            }
        }
        if (next == null) {
            // at start-up the active account's refusal may come before the others' first answers: nothing is
            // known to be left until every account has been heard from
            if (leaveCause != null && !degraded && health.values().stream().allMatch(h -> h.heard)) {
                degraded = true;
                LOG.error("no usable account left; keeping {} and retrying every account: {}", active.name(),
                        leaveCause);
            }
            return Optional.empty();
        }
        Switch change = new Switch(active, next, level, cause, since);
        record(change);
        return Optional.of(change);
    }

    /** Whether the active account can be used now, or some other can. */
    public synchronized boolean anyUsable(Instant now) {
        return usable(health(active.name()), now) || best(now, hierarchy.order().size()) != null
                || lastResort(health(active.name())) || firstLastResort() != null;
    }

    public synchronized AccountProfile active() {
        return active;
    }

    public FailoverHierarchy hierarchy() {
        return hierarchy;
    }

    public synchronized FailoverStatus status() {
        List<AccountView> views = new ArrayList<>();
        for (Health h : health.values()) {
            views.add(new AccountView(h.profile.name(), h.profile.broker(), h.profile.role(), h.state, h.lastError,
                    h.switches));
        }
        return new FailoverStatus(active.name(), degraded, views, List.copyOf(history));
    }

    private void record(Switch change) {
        Health from = health(change.from().name());
        Health to = health(change.to().name());
        if (from.state == AccountState.ACTIVE) {
            from.state = AccountState.STANDBY;
        }
        to.state = AccountState.ACTIVE;
        to.lastError = "";
        to.switches++;
        to.losses.clear();
        active = change.to();
        leaveCause = null;
        leaveSince = null;
        degraded = false;
        history.addLast(new FailoverRecord(change.detectedAt(), change.from().name(), change.to().name(),
                change.level(), change.cause(), null));
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        awaitingTick = true;
        LOG.warn("market data moves from {} to {} (level {}): {}", change.from().name(), change.to().name(),
                change.level(), change.cause());
    }

    /** The first usable account ranked above {@code rank}, other than the active one. */
    private AccountProfile best(Instant now, int rank) {
        List<AccountProfile> order = hierarchy.order();
        for (int i = 0; i < Math.min(rank, order.size()); i++) {
            AccountProfile candidate = order.get(i);
            if (!candidate.equals(active) && usable(health(candidate.name()), now)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A failed account whose key the server accepts again (the broker's daily login done, a new key in its
     * place), or one cooling down whose server answers again: taken only when no account in good standing is
     * usable. A cool-down says which account to prefer, not that a lone account's data must stop; and a flapping
     * key cannot win back its role while a sound account streams.
     */
    private static boolean lastResort(Health h) {
        return (h.state == AccountState.FAILED && !h.streamOnlyRefusal || h.state == AccountState.COOLING_DOWN)
                && h.answering;
    }

    private AccountProfile firstLastResort() {
        for (AccountProfile candidate : hierarchy.order()) {
            if (!candidate.equals(active) && lastResort(health(candidate.name()))) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean usable(Health h, Instant now) {
        return h.answering && (h.state == AccountState.STANDBY || h.state == AccountState.ACTIVE);
    }

    private void leave(int level, String cause, Instant at) {
        if (leaveCause == null || level > leaveLevel) {
            leaveCause = cause;
            leaveSince = at;
            leaveLevel = level;
        }
    }

    /** Every account of the broker silent, and the active socket (if it is theirs) not up: the broker is down. */
    private void brokerDownCheck(String broker, Instant at) {
        if (!active.broker().equals(broker) || health(active.name()).linkUp) {
            return;
        }
        for (Health h : health.values()) {
            if (h.profile.broker().equals(broker) && !h.unreachable) {
                return;
            }
        }
        String cause = "broker " + broker + " down: no account of it answers";
        for (Health h : health.values()) {
            if (h.profile.broker().equals(broker)) {
                h.lastError = cause;
                h.out(AccountState.COOLING_DOWN, at.plus(settings.rateLimitCooldown()));
            }
        }
        leave(3, cause, at);
    }

    private Health health(String account) {
        Health h = health.get(account);
        if (h == null) {
            throw new IllegalArgumentException("no account named '" + account + "'");
        }
        return h;
    }

    private static String describe(AccountFault fault) {
        return switch (fault) {
            case AUTH_REFUSED -> "auth failure";
            case RATE_LIMITED -> "rate limit";
            case SUSPENDED -> "account suspended";
            case UNREACHABLE -> "unreachable";
        };
    }

    /**
     * A decision to move market data.
     *
     * @param detectedAt when its cause was seen: the start of the time to the first tick
     */
    public record Switch(AccountProfile from, AccountProfile to, int level, String cause, Instant detectedAt) {
    }

    /** What is known of one account. */
    private static final class Health {
        final AccountProfile profile;
        final Deque<Instant> losses = new ArrayDeque<>();
        AccountState state = AccountState.STANDBY;
        Instant until;
        boolean answering;
        boolean unreachable;
        boolean linkUp;
        boolean streamOnlyRefusal;
        /** Answered or refused at least once: until then its silence says nothing. */
        boolean heard;
        String lastError = "";
        int switches;

        Health(AccountProfile profile) {
            this.profile = profile;
        }

        void out(AccountState next, Instant returnAt) {
            state = next;
            until = returnAt;
        }
    }
}
