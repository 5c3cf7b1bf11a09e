package io.optionchain.gateway.accounts;

import io.optionchain.engine.accounts.AccountFailover;
import io.optionchain.engine.accounts.AccountProfile;
import io.optionchain.engine.accounts.AccountRole;
import io.optionchain.engine.accounts.AccountState;
import io.optionchain.engine.accounts.AccountView;
import io.optionchain.engine.accounts.FailoverHierarchy;
import io.optionchain.engine.accounts.FailoverRecord;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataSwitch.LinkState;
import io.optionchain.gateway.feed.Eventually;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.RecordingSink;
import io.optionchain.gateway.feed.pool.MarketDataPool;
import io.optionchain.gateway.feed.pool.PoolSettings;
import io.optionchain.gateway.feed.pool.SessionFeed;
import io.optionchain.gateway.rest.OpenAlgoRestClient;
import io.optionchain.gateway.rest.RestPolicy;
import io.optionchain.simulator.stream.FeedConnection;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failover over real sockets: three simulated OpenAlgo servers, each its own account and key, two of
 * broker "zerodha" and one of "dhan". Each test breaks the active account the way a real server would and
 * checks that market data moved with every subscription, and was recorded.
 */
class FailoverFeedTest {
    private static final FeedSettings FAST = new FeedSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 100,
            Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofSeconds(5));

    private final InstrumentRegistry registry = new InstrumentRegistry(64);
    private final RecordingSink sink = new RecordingSink();
    private final List<OpenAlgoSimulator> servers = new ArrayList<>();
    private final List<AccountFailover.Switch> told = new CopyOnWriteArrayList<>();
    private FailoverFeed feed;
    private List<Instrument> instruments;

    @BeforeEach
    void threeAccounts() {
        for (int i = 0; i < 3; i++) {
            servers.add(OpenAlgoSimulator.start(SimulatorConfig.defaults("key-" + i + "-5a1f9c").withSeed(71)
                    .withTicksPerSecond(400)));
        }
        instruments = List.of(registry.registerIndex("NIFTY", "NSE_INDEX"),
                registry.registerIndex("BANKNIFTY", "NSE_INDEX"));
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        servers.forEach(OpenAlgoSimulator::close);
    }

    @Test
    void shouldMoveEverySubscriptionToTheSameBrokersBackupWhenThePrimarysKeyIsRefused() throws Exception {
        start(FailoverSettings.defaults());
        servers.get(0).faults().loggedOut(true); // REST 403 "Invalid openalgo apikey" from now on

        Eventually.await(() -> feed.activeAccount().name().equals("zerodha-backup"));
        FailoverRecord record = awaitFirstTick(0);
        assertThat(record.from()).isEqualTo("zerodha-main");
        assertThat(record.level()).isEqualTo(2);
        // whichever saw it first: the REST ping's 403 or the socket's AUTHENTICATION_ERROR on reconnecting
        assertThat(record.cause()).startsWith("auth failure: ").containsIgnoringCase("invalid");
        assertThat(told).hasSize(1);
        assertSubscribedOnlyAt(1);
        assertThat(state("zerodha-main")).isEqualTo(AccountState.FAILED);
        assertThat(feed.check().usable()).as("the lifecycle still sees a usable account").isTrue();
        assertThat(feed.link().state()).isEqualTo(LinkState.AUTHENTICATED);
    }

    @Test
    void shouldOpenTheNewAccountsFeedAfreshOnceWhenItSendsNoTickWithinThreeSecondsOfTheSwitch() throws Exception {
        start(FailoverSettings.defaults());
        servers.get(1).faults().stall(true); // the backup's server authenticates and subscribes, and sends nothing
        servers.get(0).faults().loggedOut(true);
        Eventually.await(() -> feed.activeAccount().name().equals("zerodha-backup")
                && servers.get(1).connections().stream().anyMatch(FeedConnection::authenticated));
        List<String> first = connectionIds(1);

        Thread.sleep(FailoverFeed.FIRST_TICK_PATIENCE.toMillis() + 1_500);
        List<String> second = connectionIds(1);
        assertThat(second).as("opened afresh").isNotEmpty().doesNotContainAnyElementsOf(first);
        Thread.sleep(FailoverFeed.FIRST_TICK_PATIENCE.toMillis() + 1_500);
        assertThat(connectionIds(1)).as("once: a quiet market is not reconnected in a loop").isEqualTo(second);

        servers.get(1).faults().stall(false);
        FailoverRecord record = awaitFirstTick(0);
        assertThat(record.to()).isEqualTo("zerodha-backup");
        assertSubscribedOnlyAt(1);
    }

    private List<String> connectionIds(int server) {
        return servers.get(server).connections().stream().filter(FeedConnection::authenticated)
                .map(FeedConnection::id).sorted().toList();
    }

    @Test
    void shouldLeaveARateLimitedPrimaryAndGiveItBackItsRoleAfterTheCoolDown() throws Exception {
        start(new FailoverSettings(3, Duration.ofSeconds(30), Duration.ofSeconds(2), FailoverSettings.SUSPENDED_MESSAGES));
        servers.get(0).faults().rateLimitRest(2); // the next two calls answer 429

        FailoverRecord away = awaitFirstTick(0);
        assertThat(away.to()).isEqualTo("zerodha-backup");
        assertThat(away.cause()).startsWith("rate limit");

        FailoverRecord back = awaitFirstTick(1);
        assertThat(back.to()).isEqualTo("zerodha-main");
        assertThat(back.cause()).startsWith("back to a better account");
        assertThat(Duration.between(away.at(), back.at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertSubscribedOnlyAt(0);
    }

    @Test
    void shouldMoveToTheOtherBrokerWhenEveryServerOfTheActiveBrokerIsGone() throws Exception {
        start(FailoverSettings.defaults());
        servers.get(0).close();
        servers.get(1).close();

        // the primary's third lost reconnect may come before the pings show its broker's backup silent too:
        // market data then tries the backup first, and moves on to the other broker from there
        FailoverRecord record = awaitFirstTickOn("dhan-backup");
        assertThat(record.level()).isEqualTo(3);
        assertThat(record.cause()).isEqualTo("broker zerodha down: no account of it answers");
        assertThat(state("zerodha-main")).isEqualTo(AccountState.COOLING_DOWN);
        assertThat(state("zerodha-backup")).isEqualTo(AccountState.COOLING_DOWN);
        assertSubscribedOnlyAt(2);
    }

    @Test
    void shouldAskAgainInHalfASecondWhenAnAccountsVeryFirstPingFailsWhileTheFeedIsDown() throws Exception {
        // Time is the one fake here, as below: the lifecycle waits for this answer to start the day
        HandClock clock = new HandClock(Instant.parse("2026-12-07T03:40:00Z"));
        feed = failoverFeed(FailoverSettings.defaults(), clock);
        servers.get(0).faults().slowRest(Duration.ofMillis(3_500)); // a server still starting: no answer in time
        feed.pingWhenDue("zerodha-main");
        assertThat(feed.check().usable()).isFalse();
        servers.get(0).faults().slowRest(Duration.ZERO);

        clock.advance(Duration.ofMillis(500));
        feed.pingWhenDue("zerodha-main");
        assertThat(feed.check().usable()).as("asked again at the live cadence, not the night's 5 s").isTrue();
    }

    @Test
    void shouldGiveBackTheRoleSoonAfterTheCoolDownWhenTheDaysFirstPingOfThePrimaryIsRateLimited() throws Exception {
        // Time is the one fake here: the pings and the failover's steps are called in a fixed order on a clock
        // moved by hand, so the night's ping is known to have been answered before the limit and the connect.
        HandClock clock = new HandClock(Instant.parse("2026-12-07T03:40:00Z"));
        feed = failoverFeed(new FailoverSettings(3, Duration.ofSeconds(30), Duration.ofSeconds(2),
                FailoverSettings.SUSPENDED_MESSAGES), clock);
        feed.subscribe(instruments, FeedMode.QUOTE);
        pingEveryAccount(); // at night: every account answers, and is asked again in five seconds
        servers.get(0).faults().rateLimitRest(2); // the next two calls answer 429
        feed.connect();
        feed.goLive();

        pingEveryAccount(); // the day's first ping, at once: the primary is rate-limited
        feed.step();
        FailoverRecord away = feed.failover().history().get(0);
        assertThat(away.to()).isEqualTo("zerodha-backup");
        for (int i = 0; i < 20 && feed.failover().history().size() < 2; i++) {
            clock.advance(Duration.ofMillis(500));
            pingEveryAccount();
            feed.step();
        }

        assertThat(feed.failover().history()).as("the primary's role given back within 10 s").hasSize(2);
        FailoverRecord back = feed.failover().history().get(1);
        assertThat(back.to()).isEqualTo("zerodha-main");
        // the second 429 restarts the 2 s cool-down; a live cadence asks again within a second each time
        assertThat(Duration.between(away.at(), back.at())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertSubscribedOnlyAt(0);
    }

    private void start(FailoverSettings settings) throws Exception {
        feed = failoverFeed(settings, Clock.systemUTC()).start();
        feed.subscribe(instruments, FeedMode.QUOTE);
        Eventually.await(() -> feed.check().usable());
        feed.connect();
        feed.goLive();
        CountDownLatch ticking = sink.each(instruments.stream().map(Instrument::id).toList(), tick -> true);
        assertThat(ticking.await(20, TimeUnit.SECONDS)).isTrue();
        assertSubscribedOnlyAt(0);
    }

    /** The three accounts' failover, not started: its pings and steps run when called. */
    private FailoverFeed failoverFeed(FailoverSettings settings, Clock clock) {
        List<AccountEndpoint> accounts = List.of(
                endpoint(0, new AccountProfile("zerodha-main", "zerodha", AccountRole.PRIMARY, 1)),
                endpoint(1, new AccountProfile("zerodha-backup", "zerodha", AccountRole.BACKUP, 1)),
                endpoint(2, new AccountProfile("dhan-backup", "dhan", AccountRole.BACKUP, 1)));
        AccountFailover failover = new AccountFailover(
                FailoverHierarchy.of(accounts.stream().map(AccountEndpoint::profile).toList()), settings,
                ZoneId.of("Asia/Kolkata"));
        return new FailoverFeed(accounts, failover, settings,
                account -> new SessionFeed(account.name(), () -> new MarketDataPool(account.name(), account.wsUrl(),
                        account.apiKey(), registry, sink, FAST, new PoolSettings(2, 50), () -> true, Clock.systemUTC())),
                account -> new AccountPing(new OpenAlgoRestClient(account.restUrl(), account.apiKey(),
                        Duration.ofSeconds(3), RestPolicy.defaults().withRetries(1, Duration.ofMillis(50),
                        Duration.ofMillis(50))), settings),
                clock, told::add);
    }

    private void pingEveryAccount() {
        for (String account : List.of("zerodha-main", "zerodha-backup", "dhan-backup")) {
            feed.pingWhenDue(account);
        }
    }

    private AccountEndpoint endpoint(int server, AccountProfile profile) {
        OpenAlgoSimulator simulator = servers.get(server);
        return new AccountEndpoint(profile, simulator.restUrl(), simulator.wsUrl(), simulator.config().apiKey());
    }

    /** The {@code n}th switch, once the new account's first tick has arrived. */
    private FailoverRecord awaitFirstTick(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Eventually.PATIENCE.toNanos();
        while (!(feed.failover().history().size() > n && feed.failover().history().get(n).msToFirstTick() != null)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(feed.failover().history()).as("switch %d with its first tick; feed %s", n, feed.status().total())
                .hasSizeGreaterThan(n).element(n).extracting(FailoverRecord::msToFirstTick).isNotNull();
        FailoverRecord record = feed.failover().history().get(n);
        System.out.printf("failover %s -> %s (level %d): first tick %d ms after detection%n", record.from(),
                record.to(), record.level(), record.msToFirstTick());
        return record;
    }

    /** The last switch to {@code account}, once its first tick has arrived. */
    private FailoverRecord awaitFirstTickOn(String account) throws InterruptedException {
        Eventually.await(() -> feed.failover().history().stream()
                .anyMatch(r -> r.to().equals(account) && r.msToFirstTick() != null));
        List<FailoverRecord> history = feed.failover().history();
        FailoverRecord record = history.get(history.size() - 1);
        assertThat(record.to()).as("the last switch, of %s", history).isEqualTo(account);
        return record;
    }

    /** Every symbol streams from server {@code at} only, in its mode, and no other server holds a symbol. */
    private void assertSubscribedOnlyAt(int at) throws InterruptedException {
        Eventually.await(() -> {
            for (int i = 0; i < servers.size(); i++) {
                int symbols = servers.get(i).connections().stream().mapToInt(FeedConnection::symbols).sum();
                if (i == at ? symbols != instruments.size() : symbols != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    private AccountState state(String account) {
        return feed.failover().accounts().stream().filter(a -> a.name().equals(account)).findFirst()
                .map(AccountView::state).orElseThrow();
    }

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
