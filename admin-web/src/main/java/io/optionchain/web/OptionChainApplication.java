package io.optionchain.web;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.entries.EntryPlanner;
import io.optionchain.engine.entries.EntryPricer;
import io.optionchain.engine.chain.ChainMonitor;
import io.optionchain.engine.chain.SymbolBudget;
import io.optionchain.engine.desk.RiskContext;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.lifecycle.LifecycleSettings;
import io.optionchain.engine.lifecycle.MarketLifecycle;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.pipeline.StageThreads;
import io.optionchain.engine.series.SeriesRecorder;
import io.optionchain.engine.series.SeriesStore;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.accounts.AccountFailover;
import io.optionchain.engine.accounts.FailoverHierarchy;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.AuditSink;
import io.optionchain.engine.ports.FeedHealth;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.gateway.accounts.AccountEndpoint;
import io.optionchain.gateway.accounts.AccountPing;
import io.optionchain.gateway.accounts.FailoverFeed;
import io.optionchain.gateway.feed.pool.MarketDataPool;
import io.optionchain.gateway.feed.pool.SessionFeed;
import io.optionchain.gateway.orders.OpenAlgoOrderClient;
import io.optionchain.gateway.rest.OpenAlgoMarketCalendar;
import io.optionchain.gateway.rest.OpenAlgoReferenceData;
import io.optionchain.gateway.rest.OpenAlgoRestClient;
import io.optionchain.gateway.rest.QuoteFallback;
import io.optionchain.gateway.rest.RestPolicy;
import io.optionchain.simulator.AccountSpec;
import io.optionchain.simulator.SimulatedAccount;
import io.optionchain.simulator.SimulatedBrokers;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.web.accounts.AccountRoutes;
import io.optionchain.web.alerts.AlertNotifier;
import io.optionchain.web.alerts.AlertTarget;
import io.optionchain.web.alerts.FeedWatch;
import io.optionchain.web.alerts.TelegramTarget;
import io.optionchain.web.alerts.WebhookTarget;
import io.optionchain.web.api.AdminServer;
import io.optionchain.web.api.ApiToken;
import io.optionchain.web.audit.JsonLinesAuditLog;
import io.optionchain.web.config.AlertsConfig;
import io.optionchain.web.config.ApplicationConfig;
import io.optionchain.web.config.EngineSettings;
import io.optionchain.web.execution.ExecutionRoutes;
import io.optionchain.web.orders.OrderRoutes;
import io.optionchain.web.hours.ServerCalendarImport;
import io.optionchain.web.hours.TradingHoursRoutes;
import io.optionchain.web.hours.TradingHoursStore;
import io.optionchain.web.json.AccountsJson;
import io.optionchain.web.json.AlertsJson;
import io.optionchain.web.json.MarketJson;
import io.optionchain.web.json.JournalJson;
import io.optionchain.web.json.LimitsJson;
import io.optionchain.web.page.PageRoutes;
import io.optionchain.web.positions.JournalRoutes;
import io.optionchain.web.positions.PositionRoutes;
import io.optionchain.web.positions.RiskLimitRoutes;
import io.optionchain.web.prometheus.PrometheusRoutes;
import io.optionchain.web.series.HistoryRoutes;
import io.optionchain.web.stream.ChainPublisher;
import io.optionchain.web.stream.PositionsPublisher;
import io.optionchain.web.stream.RiskDecisions;
import io.optionchain.web.stream.StatusPublisher;
import io.optionchain.web.stream.StreamHub;
import io.optionchain.web.stream.StreamRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The running product, wired top to bottom in the order data flows: market (embedded simulator or a
 * real OpenAlgo), feed client, ring pipeline and chain state, chain monitor, HTTP server, and the publishers
 * that stream chains, status and positions to dashboards at a fixed rate off the engine. Last, the lifecycle:
 * it opens the chains when the primary account first answers and turns the feed on and off by the trading
 * calendar, so nothing here connects to the market by itself.
 */
public final class OptionChainApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OptionChainApplication.class);

    /** Everything started, newest last: closed in reverse, also when start-up fails half way. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final ChainBook book;
    private final SymbolBudget budget;
    private final Thread opener;
    private final CountDownLatch chainsOpened = new CountDownLatch(1);
    private final MarketLifecycle lifecycle;
    private final RiskDesk desk;
    private final AdminServer server;

    private OptionChainApplication(LaunchOptions options, ApplicationConfig config, Clock clock,
                                   Map<String, String> environment) {
        try {
            DataDirectory.create(options.dataDir());
            List<AccountEndpoint> accounts = accounts(options, config, clock, environment);
            // orders stay with the account that holds the position; market data may come from any
            Map<String, OrderGateway> orderGateways = new LinkedHashMap<>();
            accounts.forEach(a -> orderGateways.put(a.name(), new OpenAlgoOrderClient(a.restUrl(), a.key(),
                    Duration.ofSeconds(10))));
            AccountEndpoint primaryAccount = accounts.stream().filter(a -> a.profile().primary()).findFirst()
                    .orElseThrow();
            String primary = primaryAccount.name();
            // alerts out on their own thread: every source below only offers to its bounded queue
            AlertNotifier notifier = started(notifier(config.alerts(), primaryAccount, clock)).start();
            AuditSink alerts = event -> notifier.offer(event.kind().name(), () -> AlertsJson.decision(event));

            // looked at before this start makes any: a journal missing beside them lost its history
            List<Path> earlierUse = DataDirectory.earlierUse(options.dataDir());
            EngineSettings engine = config.engine();
            InstrumentRegistry registry = new InstrumentRegistry(engine.instrumentCapacity());
            // before anything registers: restored instruments take back their ids, new ones go above them
            ChainStore store = started(ChainStore.open(options.dataDir(), registry, clock));
            List<String> names = config.underlyings().stream().map(Underlying::name).toList();
            book = new ChainBook(registry, names);
            book.useInterestRate(config.optionChain().interestRate()); // IVs and Greeks, as OpenAlgo's interest_rate
            // the exchange's calendar before the desk: a square-off time follows a shortened day's close
            TradingHoursStore hours = TradingHoursStore.open(options.configDir(), options.dataDir(),
                    options.tradingHours(), config.tradingHours().template(),
                    options.simulated() ? "always-open" : "nse-fo");
            // positions come back from the journal before the first tick can judge them
            JsonLinesAuditLog auditLog = started(JsonLinesAuditLog.open(options.dataDir()));
            RiskDecisions decisions = new RiskDecisions();
            desk = started(RiskDesk.open(new RiskContext(options.dataDir(), config.risk().riskSettings(), registry,
                    store, book.pins(), config.underlyings(),
                    new OrderAccounts(orderGateways, primary),
                    event -> {
                        auditLog.accept(event);
                        decisions.accept(event);
                        alerts.accept(event);
                    }, clock, earlierUse).withContracts(book.contracts()).withChains(book)
                    .withMisSquareOff(config.risk().misSquareOff()).withCalendar(hours::active)));
            DataDirectory.tightenEngineFiles(options.dataDir()); // the journal and chain state, as the engine made them
            Pipeline pipeline = started(new Pipeline(store, book, desk.handler(), clock,                        // 1.
                    new RingSettings(engine.ringSize(), waitStrategy(engine),
                            "per-stage".equals(engine.stageThreads()) ? StageThreads.PER_STAGE : StageThreads.ONE)));
            desk.start();
            // per account a fresh pool each trading day, up only between the lifecycle's connect and clean-up; the
            // silence alarm rings only in a session where the exchange publishes prices
            FailoverSettings failoverSettings = config.feed().failoverSettings();
            AccountFailover failover = new AccountFailover(FailoverHierarchy.of(
                    accounts.stream().map(AccountEndpoint::profile).toList()), failoverSettings, hours.active().zone());
            FailoverFeed feed = started(new FailoverFeed(accounts, failover, failoverSettings,                   // 2.
                    account -> new SessionFeed(account.name(), () -> new MarketDataPool(account.name(),
                            account.wsUrl(), account.apiKey(), registry, pipeline, config.feed().feedSettings(),
                            config.feed().poolSettings(),
                            () -> hours.active().sessionAt(clock.instant()).ticksExpected(), clock)),
                    account -> new AccountPing(new OpenAlgoRestClient(account.restUrl(), account.key(),
                            Duration.ofSeconds(2), RestPolicy.defaults().withRetries(1, Duration.ofMillis(100),
                            Duration.ofMillis(100))), failoverSettings),
                    clock, change -> {
                        AuditEvent switched = new AuditEvent(AuditKind.FAILOVER, clock.millis(), -1, null, null, null,
                                null, null, null, null, null, null, null, null, null, null, null, null, null,
                                change.from().name() + " -> " + change.to().name() + " (level " + change.level() + "): "
                                        + change.cause());
                        auditLog.accept(switched);
                        alerts.accept(switched);
                    }).start()); // pings from now on: the lifecycle waits for one
            started(new FeedWatch(() -> feed.failover().degraded(), AlertsJson::feed, notifier, clock)
                    .start(Duration.ofSeconds(1)));
            // market data is stale once no tick came for max_quote_age: no stop could trust a quote then
            FeedHealth feedHealth = () -> feed.staleness(config.risk().riskSettings().maxQuoteAge());
            desk.watchFeed(feedHealth);
            budget = new SymbolBudget(feed, engine.symbolBudget(), book::priority);
            ChainMonitor monitor = new ChainMonitor(config.underlyings(), registry, store, book, clock,     // 3.
                    engine.spareStrikes());
            // the day's series are read off chain state on a thread of their own: a slow disk never holds up a tick
            SeriesStore series = SeriesStore.open(options.dataDir(), config.optionChain().seriesDays());
            started(new SeriesRecorder(book, series, clock).start());
            // one client an account for the slow market facts, so the chains' look-ups and the calendar's share one
            // rate limit for its key, asked of whichever account market data comes from
            Map<String, OpenAlgoRestClient> facts = new HashMap<>();
            accounts.forEach(a -> facts.put(a.name(), new OpenAlgoRestClient(a.restUrl(), a.key(),
                    Duration.ofSeconds(10))));
            Supplier<OpenAlgoRestClient> rest = () -> facts.get(feed.activeAccount().name());
            OpenAlgoReferenceData reference = new OpenAlgoReferenceData(rest);
            // while the feed is stale, open positions' legs are polled over REST into the ring, within the same limit
            QuoteFallback fallback = started(new QuoteFallback(feedHealth, desk::watchedInstruments, rest, pipeline,
                    Duration.ofSeconds(1)).start());
            opener = new Thread(() -> {
                monitor.openUntilAllOpen(reference, budget, Duration.ofSeconds(1), Duration.ofMinutes(1));
                chainsOpened.countDown();
            }, "chain-opener");
            opener.setDaemon(true);
            ServerCalendarImport calendarImport = started(new ServerCalendarImport(
                    new OpenAlgoMarketCalendar(rest), hours, clock));
            int port = options.port() != null ? options.port() : config.server().port();
            ApiToken token = ApiToken.resolve(config.server().token(), System.getenv(ApiToken.ENVIRONMENT_VARIABLE),
                    options.dataDir());
            StreamHub streams = new StreamHub(config.dashboard());
            ChainPublisher chains = new ChainPublisher(book, config.dashboard().thresholds(), clock, streams);
            lifecycle = started(new MarketLifecycle(clock, hours::active, feed, feed,
                    new LifecycleSettings(Duration.ofMillis(config.tradingHours().connectBeforeMs()),
                            Duration.ofMillis(config.tradingHours().cleanupAfterMs()), Duration.ofSeconds(5), 2,
                            Duration.ofMinutes(1)),
                    () -> {
                        opener.start();
                        calendarImport.start();
                    }));
            StatusPublisher status = new StatusPublisher(() -> feed.status().total(), lifecycle::status, clock,
                    streams).withAccounts(feed::failover, () -> hours.active().zone());
            PositionsPublisher positions = new PositionsPublisher(decisions, desk::positions, desk::pnlByStrategy,
                    streams);
            server = started(new AdminServer(book, pipeline, feed::status, store.restoreReport(), budget, clock, // 4.
                    token, config.dashboard().maxClients(),
                    new PageRoutes(config.underlyings(), config.dashboard(), book.contracts()),
                    new StreamRoutes(book, streams, chains, status, positions),
                    new HistoryRoutes(book, series, clock),
                    new ExecutionRoutes(book, store, config.underlyings(), config.dashboard().thresholds()),
                    new PrometheusRoutes(book, pipeline, feed::status, streams, desk).withMarket(lifecycle::status)
                            .withAccounts(feed::failover).withAlerts(notifier::status)
                            .withQuoteFallback(fallback::status),
                    new TradingHoursRoutes(hours, clock),
                    new PositionRoutes(desk), // after the streams: /stream is not an id
                    new OrderRoutes(new EntryPlanner(book, store, config.underlyings(),
                            new EntryPricer(config.dashboard().thresholds()))), // dry run only
                    new JournalRoutes(desk),
                    new RiskLimitRoutes(desk),
                    new AccountRoutes(feed::failover, feed::enable, () -> hours.active().zone())))
                    .statusSection("journal", () -> JournalJson.of(desk))
                    .statusSection("risk_limits", () -> LimitsJson.status(desk.limitStates(),
                            desk.limits().squareOffs(), desk.limitsProblem()))
                    .statusSection("market", () -> MarketJson.of(lifecycle.status()))
                    .statusSection("active_account", () -> feed.failover().activeAccount())
                    .statusSection("market_data_stale", () -> feed.failover().degraded())
                    .statusSection("accounts", () -> AccountsJson.of(feed.failover(), hours.active().zone())
                            .get("accounts"))
                    .statusSection("alerts", () -> AlertsJson.status(notifier.status()))
                    .statusSection("rest_fallback", () -> MarketJson.fallback(fallback.status(),
                            feedHealth.staleness()))
                    .statusSection("failover_history", () -> AccountsJson.of(feed.failover(),
                            hours.active().zone()).get("failover_history"))
                    .start(config.server().host(), port);
            started(streams.start(chains, positions, status)); // 5. its streams end before the server stops
            hours.onCalendar(calendar -> lifecycle.replan()); // a template applied or edited: re-plan at once
            lifecycle.start(); // 6. closed first: no step turns the feed on while the rest shuts down
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T started(T component) {
        started.push(component);
        return component;
    }

    /** On the system clock, or the one {@code --clock} shifts. */
    public static OptionChainApplication start(LaunchOptions options, ApplicationConfig config) {
        return start(options, config, System.getenv());
    }

    /** On a clock of the caller's, at whatever speed it runs (tests). */
    public static OptionChainApplication start(LaunchOptions options, ApplicationConfig config, Clock clock) {
        return new OptionChainApplication(options, config, clock, System.getenv());
    }

    /**
     * With the environment the accounts' keys are read from ({@code api_key_env}) given, not the process's:
     * tests start several applications, each with keys of its own.
     */
    public static OptionChainApplication start(LaunchOptions options, ApplicationConfig config,
                                               Map<String, String> environment) {
        return new OptionChainApplication(options, config, options.clock(Clock.systemUTC()), environment);
    }

    public int port() {
        return server.port();
    }

    /** The in-process API for executors: open positions with their exits, read P&amp;L. */
    public RiskDesk riskDesk() {
        return desk;
    }

    public ChainBook book() {
        return book;
    }

    /**
     * Waits until every underlying's chains are open (REST look-ups done, subscriptions asked for); that starts
     * once the primary account first answers.
     */
    public boolean awaitChainsOpened(Duration timeout) throws InterruptedException {
        return chainsOpened.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Unattended monitoring's state: the market's session, the account, the feed. */
    public MarketLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void close() {
        if (opener != null) {
            opener.interrupt();
        }
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", component.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * The accounts market data may come from, as the command line and the accounts file name them. With the
     * embedded market, one simulated OpenAlgo server per account over one market, each with a fresh key and
     * reachable on loopback only, by this process.
     */
    private List<AccountEndpoint> accounts(LaunchOptions options, ApplicationConfig config, Clock clock,
                                           Map<String, String> environment) {
        List<AccountEndpoint> accounts = options.accounts(environment);
        if (!options.simulated()) {
            return accounts;
        }
        List<AccountSpec> specs = new ArrayList<>();
        for (AccountEndpoint account : accounts) {
            specs.add(new AccountSpec(account.name(), account.profile().broker(),
                    HexFormat.of().formatHex(new SecureRandom().generateSeed(16)), port(account.restUrl()),
                    port(account.wsUrl())));
        }
        SimulatedBrokers market = started(SimulatedBrokers.start(SimulatorConfig.defaults(specs.get(0).apiKey())
                .withClock(clock) // a --clock moves the embedded market's day with the engine's
                .withSeed(config.simulator().seed())
                .withTicksPerSecond(config.simulator().ticksPerSecond()), specs));
        List<AccountEndpoint> embedded = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            SimulatedAccount account = market.account(specs.get(i).name());
            embedded.add(new AccountEndpoint(accounts.get(i).profile(), account.restUrl(), account.wsUrl(),
                    specs.get(i).apiKey()));
            LOG.info("embedded simulated OpenAlgo account {} ({}): REST {} WebSocket {}", account.name(),
                    account.broker(), account.restUrl(), account.wsUrl());
        }
        return embedded;
    }

    /** Each configured webhook, and OpenAlgo's Telegram service through the primary account when enabled. */
    private static AlertNotifier notifier(AlertsConfig alerts, AccountEndpoint primary, Clock clock) {
        List<AlertTarget> targets = new ArrayList<>();
        alerts.webhooks().forEach(webhook -> targets.add(new WebhookTarget(webhook.name(), webhook.uri(),
                webhook.kindSet(), alerts.timeout())));
        if (alerts.telegram().enabled()) {
            targets.add(new TelegramTarget(primary.restUrl(), primary.key(), alerts.telegram().username(),
                    alerts.telegram().kindSet(), alerts.timeout()));
        }
        return new AlertNotifier(targets, alerts.queueSize(), alerts.retryPolicy(), clock);
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    private static WaitStrategy waitStrategy(EngineSettings engine) {
        return "busy-spin".equals(engine.waitStrategy()) ? new BusySpinWaitStrategy() : new BlockingWaitStrategy();
    }
}
