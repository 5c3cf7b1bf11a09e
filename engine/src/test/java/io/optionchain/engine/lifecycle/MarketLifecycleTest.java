package io.optionchain.engine.lifecycle;

import io.optionchain.engine.hours.DaySessions;
import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.hours.MarketSession;
import io.optionchain.engine.hours.SessionWindow;
import io.optionchain.engine.hours.SpecialSession;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.hours.TradingTemplate;
import io.optionchain.engine.ports.AccountProbe;
import io.optionchain.engine.ports.MarketDataSwitch;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.optionchain.engine.lifecycle.LifecycleState.CONNECTING;
import static io.optionchain.engine.lifecycle.LifecycleState.IDLE_CLOSED;
import static io.optionchain.engine.lifecycle.LifecycleState.MONITORING;
import static io.optionchain.engine.lifecycle.LifecycleState.SCHEDULED;
import static io.optionchain.engine.lifecycle.LifecycleState.STOPPED;
import static io.optionchain.engine.lifecycle.LifecycleState.WAITING_FOR_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler walked minute by minute on a clock the test moves. The account and the feed are stand-ins
 * here because the state machine is the subject (its ports); {@code TradingLifecycleTest} in admin-web walks
 * the same transitions with the real simulator, WebSocket and ping behind them.
 */
class MarketLifecycleTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final TradingTemplate NSE = nse(List.of(
            new Holiday(LocalDate.of(2026, 12, 25), "Christmas", HolidayType.TRADING_HOLIDAY, HolidaySource.TEMPLATE)),
            List.of(new SpecialSession(LocalDate.of(2026, 11, 8), "Muhurat trading",
                    new SessionWindow(LocalTime.of(18, 0), LocalTime.of(19, 0)))));

    private final MovingClock clock = new MovingClock(ist(2026, 12, 28, 8, 0));
    private final AtomicReference<TradingCalendar> calendar = new AtomicReference<>(new TradingCalendar(NSE));
    private final Account account = new Account();
    private final Feed feed = new Feed();
    private final AtomicInteger accountReady = new AtomicInteger();
    private final MarketLifecycle lifecycle = new MarketLifecycle(clock, calendar::get, account, feed,
            LifecycleSettings.defaults(), accountReady::incrementAndGet);

    @Test
    void shouldWalkANormalDayWithEveryTransitionAtItsExactMinute() {
        Map<LocalTime, String> seen = walk(ist(2026, 12, 28, 8, 50), ist(2026, 12, 28, 16, 10));

        assertThat(seen).containsExactly(
                Map.entry(LocalTime.of(8, 50), "scheduled/closed/down"),
                Map.entry(LocalTime.of(8, 55), "scheduled/closed/connected"), // connected, subscribing at 09:00
                Map.entry(LocalTime.of(9, 0), "monitoring/pre_open/live"),
                Map.entry(LocalTime.of(9, 8), "monitoring/closed/live"),
                Map.entry(LocalTime.of(9, 15), "monitoring/open/live"),
                Map.entry(LocalTime.of(15, 30), "monitoring/closed/live"),
                Map.entry(LocalTime.of(15, 40), "monitoring/post_close/live"),
                Map.entry(LocalTime.of(16, 0), "monitoring/closed/live"),
                Map.entry(LocalTime.of(16, 5), "idle_closed/closed/down"));
        assertThat(feed.calls).containsExactly("connect@08:55", "live@09:00", "disconnect@16:05");
        assertThat(accountReady).hasValue(1);
        assertThat(lifecycle.status().nextOpen().toString()).startsWith("2026-12-29T09:15+05:30");
    }

    @Test
    void shouldConnectBeforeThePreOpenButSubscribeOnlyWhenItStarts() {
        feed.authenticateOnConnect = true;
        clock.set(ist(2026, 12, 28, 8, 56));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(SCHEDULED);
        assertThat(lifecycle.status().cause()).isEqualTo("connected; subscribing at 09:00");
        assertThat(feed.calls).containsExactly("connect@08:56");
    }

    @Test
    void shouldStayIdleOverAWeekendAndKnowTheNextOpen() {
        Map<LocalTime, String> seen = walk(ist(2026, 12, 26, 0, 0), ist(2026, 12, 27, 23, 59));

        assertThat(seen.values()).containsOnly("idle_closed/closed/down");
        assertThat(feed.calls).isEmpty();
        assertThat(lifecycle.status().cause()).isEqualTo("not a trading day; next open 2026-12-28T09:15:00+05:30");
    }

    @Test
    void shouldStayIdleOnAHolidayAndSayWhich() {
        Map<LocalTime, String> seen = walk(ist(2026, 12, 25, 0, 0), ist(2026, 12, 25, 23, 59));

        assertThat(seen.values()).containsOnly("idle_closed/holiday/down");
        assertThat(feed.calls).isEmpty();
        assertThat(lifecycle.status().session()).isEqualTo(MarketSession.HOLIDAY);
        assertThat(lifecycle.status().cause()).isEqualTo("holiday: Christmas; next open 2026-12-28T09:15:00+05:30");
    }

    @Test
    void shouldMonitorAMuhuratEveningOnASunday() {
        Map<LocalTime, String> seen = walk(ist(2026, 11, 8, 17, 0), ist(2026, 11, 8, 19, 30));

        assertThat(seen).containsExactly(
                Map.entry(LocalTime.of(17, 0), "scheduled/closed/down"),
                Map.entry(LocalTime.of(17, 55), "scheduled/closed/connected"),
                Map.entry(LocalTime.of(18, 0), "monitoring/special/live"),
                Map.entry(LocalTime.of(19, 0), "monitoring/closed/live"),
                Map.entry(LocalTime.of(19, 5), "idle_closed/closed/down"));
        assertThat(lifecycle.status().marketOpen()).isFalse();
    }

    @Test
    void shouldReplanAtOnceWhenATemplateIsAppliedLive() {
        clock.set(ist(2026, 12, 28, 11, 0));
        calendar.set(new TradingCalendar(NSE.withHoliday(new Holiday(LocalDate.of(2026, 12, 28), "declared today",
                HolidayType.TRADING_HOLIDAY, HolidaySource.API))));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(IDLE_CLOSED);

        calendar.set(new TradingCalendar(NSE)); // the holiday removed: the market is open now
        feed.authenticateOnConnect = true;
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(MONITORING);
        assertThat(feed.calls).containsExactly("connect@11:00", "live@11:00");
    }

    @Test
    void shouldBeBackWithinOneStepAfterARestartInTheMiddleOfASession() {
        clock.set(ist(2026, 12, 28, 11, 37));
        feed.authenticateOnConnect = true;
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(MONITORING);
        assertThat(feed.calls).containsExactly("connect@11:37", "live@11:37");
    }

    @Test
    void shouldWaitForALateAccountThenStopWhenItIsLostAndComeBackWhenItReturns() {
        account.usable = false;
        account.cause = "Invalid openalgo apikey";
        clock.set(ist(2026, 12, 28, 9, 30));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(WAITING_FOR_ACCOUNT);
        assertThat(lifecycle.status().cause()).isEqualTo("Invalid openalgo apikey");
        assertThat(feed.calls).isEmpty();
        assertThat(accountReady).as("no chain opens before the account answers").hasValue(0);

        account.usable = true; // the broker login happens at 09:31
        clock.set(ist(2026, 12, 28, 9, 31));
        feed.authenticateOnConnect = true;
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(MONITORING);

        account.usable = false; // one failed ping is a blip, two are a loss
        clock.advance(Duration.ofSeconds(10));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(MONITORING);
        clock.advance(Duration.ofSeconds(10));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(STOPPED);
        assertThat(lifecycle.status().cause()).isEqualTo("primary account lost: Invalid openalgo apikey");
        assertThat(feed.calls).containsExactly("connect@09:31", "live@09:31", "disconnect@09:31");

        account.usable = true;
        clock.advance(Duration.ofSeconds(10));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(MONITORING);
        assertThat(accountReady).as("chains are opened once, when the account first answers").hasValue(1);
    }

    @Test
    void shouldStopAtOnceWhenTheFeedRefusesTheKeyAndNotRetryForAMinute() {
        clock.set(ist(2026, 12, 28, 10, 0));
        feed.authenticateOnConnect = true;
        lifecycle.step();
        feed.link = new MarketDataSwitch.Link(MarketDataSwitch.LinkState.REFUSED, "Invalid API key");
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(STOPPED);
        assertThat(lifecycle.status().cause())
                .isEqualTo("primary account lost: market-data authentication refused: Invalid API key");

        clock.advance(Duration.ofSeconds(59)); // ping still answers, but the feed refused: wait out the minute
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(STOPPED);
        clock.advance(Duration.ofSeconds(1));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(MONITORING);
        assertThat(feed.calls).containsExactly("connect@10:00", "live@10:00", "disconnect@10:00",
                "connect@10:01", "live@10:01");
    }

    @Test
    void shouldReconnectAtOnceWhenTheAccountThatTheFeedRefusedFailsAPingAndThenAnswers() {
        clock.set(ist(2026, 12, 28, 10, 0));
        feed.authenticateOnConnect = true;
        lifecycle.step();
        feed.link = new MarketDataSwitch.Link(MarketDataSwitch.LinkState.REFUSED, "Invalid API key");
        account.usable = false; // the broker session really is gone: ping fails too
        account.cause = "Invalid openalgo apikey";
        clock.advance(Duration.ofSeconds(10));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(STOPPED);

        account.usable = true; // the login again, well inside the minute
        clock.advance(Duration.ofSeconds(10));
        lifecycle.step();
        assertThat(lifecycle.status().state()).isEqualTo(MONITORING);
        assertThat(feed.calls).containsExactly("connect@10:00", "live@10:00", "disconnect@10:00",
                "connect@10:00", "live@10:00");
    }

    /** Steps every minute from {@code from} to {@code to}; returns each minute whose picture changed. */
    private Map<LocalTime, String> walk(Instant from, Instant to) {
        feed.authenticateOnConnect = true;
        Map<LocalTime, String> changes = new java.util.LinkedHashMap<>();
        String last = null;
        for (Instant at = from; !at.isAfter(to); at = at.plus(Duration.ofMinutes(1))) {
            clock.set(at);
            lifecycle.step();
            LifecycleStatus status = lifecycle.status();
            String picture = status.state().wireName() + "/" + status.session().wireName() + "/" + feed.picture();
            if (!picture.equals(last)) {
                changes.put(at.atZone(IST).toLocalTime(), picture);
                last = picture;
            }
        }
        return changes;
    }

    static TradingTemplate nse(List<Holiday> holidays, List<SpecialSession> specials) {
        Map<DayOfWeek, DaySessions> days = new EnumMap<>(DayOfWeek.class);
        DaySessions day = new DaySessions(new SessionWindow(LocalTime.of(9, 0), LocalTime.of(9, 8)),
                new SessionWindow(LocalTime.of(9, 15), LocalTime.of(15, 30)),
                new SessionWindow(LocalTime.of(15, 40), LocalTime.of(16, 0)));
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            days.put(d, day);
        }
        return new TradingTemplate("nse-fo", IST, days, holidays, specials);
    }

    private static Instant ist(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(IST).toInstant();
    }

    private final class Account implements AccountProbe {
        volatile boolean usable = true;
        volatile String cause = "";

        @Override
        public AccountCheck check() {
            return usable ? AccountCheck.ok() : AccountCheck.refused(cause);
        }
    }

    private final class Feed implements MarketDataSwitch {
        final List<String> calls = new ArrayList<>();
        boolean authenticateOnConnect;
        Link link = Link.down();
        boolean live;

        @Override
        public void connect() {
            calls.add("connect@" + hhmm());
            link = authenticateOnConnect ? new Link(LinkState.AUTHENTICATED, "") : new Link(LinkState.CONNECTING, "");
        }

        @Override
        public void goLive() {
            calls.add("live@" + hhmm());
            live = true;
        }

        @Override
        public void disconnect(String why) {
            calls.add("disconnect@" + hhmm());
            link = Link.down();
            live = false;
        }

        @Override
        public Link link() {
            return link;
        }

        String picture() {
            return live ? "live" : link.state() == LinkState.DOWN ? "down" : "connected";
        }

        private String hhmm() {
            return clock.instant().atZone(IST).toLocalTime().toString().substring(0, 5);
        }
    }

    /** The one fake a scheduler test needs: time that moves when the test says. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void set(Instant at) {
            now = at;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
