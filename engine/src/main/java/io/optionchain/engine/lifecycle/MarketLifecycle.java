package io.optionchain.engine.lifecycle;

import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.MarketSession;
import io.optionchain.engine.hours.SessionPeriod;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.ports.AccountProbe;
import io.optionchain.engine.ports.AccountProbe.AccountCheck;
import io.optionchain.engine.ports.MarketDataSwitch;
import io.optionchain.engine.ports.MarketDataSwitch.Link;
import io.optionchain.engine.ports.MarketDataSwitch.LinkState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs monitoring unattended: watches the primary account, follows the active trading-hours calendar, and
 * turns the feed on and off through a {@link MarketDataSwitch}. Connects {@code connect_before} the day's
 * first session, sends the subscriptions when that session (the pre-open on NSE) starts, and unsubscribes and
 * closes {@code cleanup_after} the last one ends; idle on weekends and holidays. The first time the account
 * answers, {@code onAccountReady} runs once (the chains open then, over REST).
 *
 * <p>It is a step function on one clock: every {@link #step()} reads the clock, the account and the feed, and
 * moves at most one way. Its own thread steps once a second; tests step it themselves on a clock they move,
 * so a whole day, a weekend or a lost account is walked minute by minute in milliseconds. Each change is
 * logged once and kept for status.
 */
public final class MarketLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketLifecycle.class);
    private static final int KEPT_TRANSITIONS = 50;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Clock clock;
    private final Supplier<TradingCalendar> calendar;
    private final AccountProbe account;
    private final MarketDataSwitch feed;
    private final LifecycleSettings settings;
    private final Runnable onAccountReady;
    private final Deque<LifecycleTransition> transitions = new ArrayDeque<>();
    private ScheduledExecutorService thread;

    private LifecycleState state = LifecycleState.WAITING_FOR_ACCOUNT;
    private String cause = "no answer from the primary account yet";
    private Instant since;
    private MarketSession session;
    private boolean accountUsable;
    private boolean everUsable;
    private String accountCause = "no answer from the primary account yet";
    private int failedChecks;
    private Instant lastCheck;
    private Instant refusedAt;
    private boolean connected;
    private boolean live;
    private boolean accountReadyTold;
    private volatile LifecycleStatus status;

    public MarketLifecycle(Clock clock, Supplier<TradingCalendar> calendar, AccountProbe account,
                           MarketDataSwitch feed, LifecycleSettings settings, Runnable onAccountReady) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.account = Objects.requireNonNull(account, "account");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.onAccountReady = Objects.requireNonNull(onAccountReady, "onAccountReady");
        this.since = clock.instant();
        TradingCalendar days = calendar.get();
        Instant now = clock.instant();
        this.status = snapshot(days, days.sessionAt(now), days.nextOpen(now));
    }

    /** Steps at once, then every second, on a thread of its own. */
    public synchronized MarketLifecycle start() {
        if (thread == null) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "market-lifecycle");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::stepSafely, 0, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    /** Re-plans at once, as after a template switch; returns without waiting. */
    public void replan() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.execute(this::stepSafely);
        }
    }

    public LifecycleStatus status() {
        return status;
    }

    /** One look at the clock, the account and the feed, and what follows from them. */
    public synchronized void step() {
        Instant now = clock.instant();
        TradingCalendar days = calendar.get();
        MarketSession nowSession = days.sessionAt(now);
        // a search up to two years ahead (a 24-hour template finds none): once a step, for the cause and status
        Optional<ZonedDateTime> nextOpen = days.nextOpen(now);
        if (nowSession != session) {
            session = nowSession;
            LOG.info("market session {} ({} template)", nowSession.wireName(), days.template().name());
            remember(now, "session " + nowSession.wireName());
        }
        Link link = feed.link();
        if (link.state() == LinkState.REFUSED && connected) {
            // the feed's own answer is the surest sign the account is gone: no need to wait for pings
            accountUsable = false;
            accountCause = "market-data authentication refused: " + link.detail();
            refusedAt = now;
        }
        checkAccount(now);
        if (accountUsable && !accountReadyTold) {
            // REST answers whatever the session: chains can open (and show the last state) on a holiday too
            accountReadyTold = true;
            onAccountReady.run();
        }

        LifecycleState next;
        String why;
        if (!accountUsable) {
            next = everUsable ? LifecycleState.STOPPED : LifecycleState.WAITING_FOR_ACCOUNT;
            why = everUsable ? "primary account lost: " + accountCause : accountCause;
            takeDown(why);
        } else if (!days.withinActivity(now, settings.connectBefore(), settings.cleanupAfter())) {
            Idle idle = idle(days, now, nextOpen);
            next = idle.state;
            why = idle.why;
            takeDown(why);
        } else {
            if (!connected) {
                feed.connect();
                connected = true;
            }
            if (!live && days.withinActivity(now, Duration.ZERO, settings.cleanupAfter())) {
                feed.goLive();
                live = true;
            }
            LinkState linkState = feed.link().state();
            if (linkState != LinkState.AUTHENTICATED) {
                next = LifecycleState.CONNECTING;
                why = "connecting the market-data feed";
            } else if (live) {
                next = LifecycleState.MONITORING;
                why = nowSession.ticksExpected() ? "session " + nowSession.wireName()
                        : "between sessions; cleaning up " + cleanupTime(days, now);
            } else {
                next = LifecycleState.SCHEDULED;
                why = "connected; subscribing at " + firstStart(days, days.date(now));
            }
        }
        if (next != state) {
            LOG.info("lifecycle {} -> {}: {}", state.wireName(), next.wireName(), why);
            since = now;
            state = next;
            cause = why;
            remember(now, why);
        } else if (!why.equals(cause)) {
            cause = why;
            if (significant(next)) {
                LOG.info("lifecycle {}: {}", next.wireName(), why);
                remember(now, why);
            }
        }
        status = snapshot(days, nowSession, nextOpen);
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

    /** A change of words within one state is kept only where the words matter: why monitoring stopped. */
    private static boolean significant(LifecycleState next) {
        return next == LifecycleState.STOPPED || next == LifecycleState.WAITING_FOR_ACCOUNT;
    }

    private void checkAccount(Instant now) {
        boolean refusalOver = refusedAt != null && !now.isBefore(refusedAt.plus(settings.refusedRetryAfter()));
        if (lastCheck != null && now.isBefore(lastCheck.plus(settings.accountCheckEvery())) && !refusalOver) {
            return;
        }
        lastCheck = now;
        AccountCheck check;
        try {
            check = account.check();
        } catch (RuntimeException e) {
            check = AccountCheck.refused("account check failed: " + e.getMessage());
        }
        if (check.usable() && refusedAt != null && now.isBefore(refusedAt.plus(settings.refusedRetryAfter()))) {
            // the feed refused the key and ping has not failed since: a server whose stream refuses what its
            // REST accepts is not reconnected every few seconds, only once the minute is out
            return;
        }
        if (!check.usable()) {
            refusedAt = null; // ping confirms the loss, so its answering again is news worth acting on at once
        }
        if (check.usable()) {
            if (!accountUsable) {
                LOG.info("primary account answers");
            }
            failedChecks = 0;
            accountUsable = true;
            everUsable = true;
            refusedAt = null;
            accountCause = "";
            return;
        }
        failedChecks++;
        if (!accountUsable || failedChecks >= settings.failuresBeforeLost()) {
            if (accountUsable) {
                LOG.warn("primary account lost after {} failed checks: {}", failedChecks, check.cause());
            }
            accountUsable = false;
            accountCause = check.cause();
        }
    }

    private void takeDown(String why) {
        if (connected) {
            feed.disconnect(why);
            connected = false;
            live = false;
        }
    }

    private record Idle(LifecycleState state, String why) {
    }

    private Idle idle(TradingCalendar days, Instant now, Optional<ZonedDateTime> nextOpen) {
        LocalDate today = days.date(now);
        List<SessionPeriod> periods = days.day(today);
        String next = nextOpen.map(open -> "next open " + open.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .orElse("no open known");
        if (!periods.isEmpty() && now.isBefore(periods.get(0).start().toInstant())) {
            return new Idle(LifecycleState.SCHEDULED, "connecting at "
                    + periods.get(0).start().minus(settings.connectBefore()).toLocalTime().format(HH_MM) + "; " + next);
        }
        String why = days.template().holiday(today).filter(Holiday::closesTrading)
                .map(h -> "holiday" + (h.description().isEmpty() ? "" : ": " + h.description()))
                .orElse(periods.isEmpty() ? "not a trading day" : "today's sessions are over");
        return new Idle(LifecycleState.IDLE_CLOSED, why + "; " + next);
    }

    private static String firstStart(TradingCalendar days, LocalDate date) {
        List<SessionPeriod> periods = days.day(date);
        return periods.isEmpty() ? "the next session" : periods.get(0).start().toLocalTime().format(HH_MM);
    }

    private String cleanupTime(TradingCalendar days, Instant now) {
        List<SessionPeriod> periods = days.day(days.date(now));
        if (periods.isEmpty()) {
            return "soon";
        }
        LocalTime at = periods.get(periods.size() - 1).end().plus(settings.cleanupAfter()).toLocalTime();
        return "at " + at.format(HH_MM);
    }

    private void remember(Instant now, String why) {
        transitions.addLast(new LifecycleTransition(now, state, session, why));
        while (transitions.size() > KEPT_TRANSITIONS) {
            transitions.removeFirst();
        }
    }

    private LifecycleStatus snapshot(TradingCalendar days, MarketSession nowSession, Optional<ZonedDateTime> nextOpen) {
        return new LifecycleStatus(days.template().name(), days.zone(), nowSession, nextOpen.orElse(null), state, cause,
                since, List.copyOf(transitions));
    }

    private void stepSafely() {
        try {
            step();
        } catch (RuntimeException e) {
            LOG.error("lifecycle step failed; trying again in a second", e);
        }
    }
}
