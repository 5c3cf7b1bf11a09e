package io.optionchain.benchmarks.failover;

import io.optionchain.engine.accounts.AccountFailover;
import io.optionchain.engine.accounts.AccountProfile;
import io.optionchain.engine.accounts.AccountRole;
import io.optionchain.engine.accounts.FailoverHierarchy;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.tick.TickSink;
import io.optionchain.gateway.accounts.AccountEndpoint;
import io.optionchain.gateway.accounts.AccountPing;
import io.optionchain.gateway.accounts.FailoverFeed;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.ReconnectReport;
import io.optionchain.gateway.feed.pool.MarketDataPool;
import io.optionchain.gateway.feed.pool.PoolSettings;
import io.optionchain.gateway.feed.pool.SessionFeed;
import io.optionchain.gateway.rest.OpenAlgoRestClient;
import io.optionchain.gateway.rest.RestPolicy;
import io.optionchain.simulator.AccountSpec;
import io.optionchain.simulator.SimulatedAccount;
import io.optionchain.simulator.SimulatedBrokers;
import io.optionchain.simulator.SimulatorConfig;
import org.HdrHistogram.Histogram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code bin/failover}: how long market data is blind when an account or a broker fails, over real sockets.
 * Three simulated OpenAlgo servers over one market (two of broker zerodha, one of dhan) and the application's
 * own {@link FailoverFeed} with the shipped feed settings. Each level's fault is injected {@code --runs} times
 * (50 by default) and timed from the call that injects it to the first tick on the account that then streams:
 *
 * <ul>
 *   <li>Level 1: every socket of the active account dropped by the server; the same account reconnects.</li>
 *   <li>Level 2: the active account logged out (REST 403, the socket's key refused); its broker's backup takes
 *       over. Undone by logging in and re-enabling it, after which it takes its role back.</li>
 *   <li>Level 3: broker zerodha down (REST 503, sockets dropped, upgrades refused); dhan takes over. Undone by
 *       bringing it up; zerodha's primary takes its role back after a one-second cool-down.</li>
 * </ul>
 */
public final class FailoverTimes {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SimulatedBrokers market;
    private final FailoverFeed feed;

    private final Clock clock;

    private FailoverTimes(SimulatedBrokers market, FailoverFeed feed, Clock clock) {
        this.market = market;
        this.feed = feed;
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length >= 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 50;
        List<AccountSpec> specs = List.of(new AccountSpec("zerodha-main", "zerodha", "key-main-5e1d", 0, 0),
                new AccountSpec("zerodha-spare", "zerodha", "key-spare-77ab", 0, 0),
                new AccountSpec("dhan-spare", "dhan", "key-dhan-c3f0", 0, 0));
        // the shipped feed section's settings, but a cool-down of a second so each run can be undone at once, and
        // no Level 2 after three drops in 30 s: Level 1's runs come closer together than that on purpose
        FailoverSettings settings = new FailoverSettings(1_000, Duration.ofSeconds(30), Duration.ofSeconds(1),
                FailoverSettings.SUSPENDED_MESSAGES);
        // one clock for the client's reconnect reports and the fault times, so Level 1 compares like with like
        Clock clock = Clock.systemUTC();
        FeedSettings feedSettings = new FeedSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 100,
                Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30));
        try (SimulatedBrokers market = SimulatedBrokers.start(SimulatorConfig.defaults(specs.get(0).apiKey())
                .withSeed(5).withTicksPerSecond(4_000), specs)) {
            List<AccountEndpoint> accounts = new ArrayList<>();
            for (AccountSpec spec : specs) {
                SimulatedAccount account = market.account(spec.name());
                accounts.add(new AccountEndpoint(new AccountProfile(spec.name(), spec.broker(),
                        accounts.isEmpty() ? AccountRole.PRIMARY : AccountRole.BACKUP, 1), account.restUrl(),
                        account.wsUrl(), spec.apiKey()));
            }
            InstrumentRegistry registry = new InstrumentRegistry(256);
            TickSink sink = tick -> true;
            AccountFailover failover = new AccountFailover(FailoverHierarchy.of(
                    accounts.stream().map(AccountEndpoint::profile).toList()), settings, ZoneId.of("Asia/Kolkata"));
            try (FailoverFeed feed = new FailoverFeed(accounts, failover, settings,
                    a -> new SessionFeed(a.name(), () -> new MarketDataPool(a.name(), a.wsUrl(), a.apiKey(),
                            registry, sink, feedSettings, new PoolSettings(3, 1000), () -> true, clock)),
                    a -> new AccountPing(new OpenAlgoRestClient(a.restUrl(), a.apiKey(), Duration.ofSeconds(2),
                            RestPolicy.defaults().withRetries(1, Duration.ofMillis(100), Duration.ofMillis(100))),
                            settings),
                    clock, change -> { }).start()) {
                FailoverTimes times = new FailoverTimes(market, feed, clock);
                times.subscribe(registry);
                System.out.printf("failover times over %d runs a level (fault to first tick on the account that"
                        + " streams next), ms%n", runs);
                System.out.printf("%-8s %6s %6s %6s %6s%n", "level", "runs", "p50", "p99", "max");
                print("1", times.level1(runs));
                print("2", times.level2(runs));
                print("3", times.level3(runs));
            }
        }
        // everything is closed; a thread still alive here would hold the JVM after the figures are out, so it is
        // named and the run ends
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
                .forEach(t -> System.err.println("failover: still running at exit: " + t.getName()));
        System.exit(0);
    }

    private void subscribe(InstrumentRegistry into) throws InterruptedException {
        List<Instrument> instruments = new ArrayList<>();
        instruments.add(into.registerIndex("NIFTY", "NSE_INDEX"));
        LocalDate expiry = market.expiries("NIFTY").get(0);
        double atm = Math.round(market.indexPrice("NIFTY") / 50) * 50.0;
        for (int i = -20; i <= 20; i++) {
            for (OptionType type : OptionType.values()) {
                double strike = atm + 50 * i;
                instruments.add(into.register(OptionSymbol.of("NIFTY", expiry, strike, type), "NFO", "NIFTY",
                        expiry, strike, type));
            }
        }
        await(() -> feed.check().usable());
        feed.subscribe(instruments, FeedMode.DEPTH);
        feed.connect();
        feed.goLive();
        await(() -> streaming("zerodha-main"));
    }

    /** Server drops every socket of the active account; timed to the first tick of the reconnect. */
    private Histogram level1(int runs) throws InterruptedException {
        Histogram histogram = new Histogram(3);
        SimulatedAccount main = market.account("zerodha-main");
        for (int run = 0; run < runs; run++) {
            ReconnectReport before = feed.status().total().lastRecovery();
            Instant fault = clock.instant();
            main.faults().dropConnections();
            await(() -> {
                ReconnectReport now = feed.status().connections().stream().map(FeedStatus::lastRecovery)
                        .filter(r -> r != null && r.recoveredAt().isAfter(fault)).findFirst().orElse(null);
                return now != null && now != before;
            });
            Instant recovered = feed.status().connections().stream().map(FeedStatus::lastRecovery)
                    .filter(r -> r != null && r.recoveredAt().isAfter(fault)).map(ReconnectReport::recoveredAt)
                    .max(Instant::compareTo).orElseThrow();
            histogram.recordValue(Math.max(0, Duration.between(fault, recovered).toMillis()));
            Thread.sleep(300);
        }
        return histogram;
    }

    /** The primary logged out: timed to the first tick on its broker's backup; then undone. */
    private Histogram level2(int runs) throws InterruptedException {
        Histogram histogram = new Histogram(3);
        SimulatedAccount main = market.account("zerodha-main");
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            main.faults().loggedOut(true);
            await(() -> streaming("zerodha-spare"));
            histogram.recordValue((System.nanoTime() - start) / 1_000_000);
            main.faults().loggedOut(false);
            feed.enable("zerodha-main");
            await(() -> streaming("zerodha-main"));
        }
        return histogram;
    }

    /** Broker zerodha down: timed to the first tick on dhan; then brought up, and the primary takes over again. */
    private Histogram level3(int runs) throws InterruptedException {
        Histogram histogram = new Histogram(3);
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            market.brokerDown("zerodha", true);
            await(() -> streaming("dhan-spare"));
            histogram.recordValue((System.nanoTime() - start) / 1_000_000);
            market.brokerDown("zerodha", false);
            await(() -> streaming("zerodha-main"));
        }
        return histogram;
    }

    /** Market data comes from {@code account} and a tick has arrived on its connections. */
    private boolean streaming(String account) {
        FeedStatus total = feed.status().total();
        return feed.activeAccount().name().equals(account) && total.account().equals(account) && total.ticks() > 0;
    }

    private static void print(String level, Histogram histogram) {
        System.out.printf("%-8s %6d %6d %6d %6d%n", level, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no failover within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(1);
        }
    }
}
