package io.optionchain.gateway.feed;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The market-data client against the simulated OpenAlgo over a real loopback WebSocket. */
class MarketDataClientTest {
    private static final String KEY = "sim-key-91c3aa";
    private static final long WAIT_SECONDS = 20;
    private static final FeedSettings SETTINGS = FeedSettings.defaults()
            .withReconnect(Duration.ofMillis(50), Duration.ofMillis(500));

    private final InstrumentRegistry registry = new InstrumentRegistry(64);
    private final RecordingSink sink = new RecordingSink();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Instrument nifty;
    private List<Instrument> options;

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void shouldStreamTheIndexInQuoteAndOptionsInDepthUnderTheirOwnIds() throws Exception {
        OpenAlgoSimulator simulator = simulator(market());
        registerNiftyAndNearestOptions(simulator);
        MarketDataClient client = client(simulator.wsUrl(), KEY);
        client.subscribe(List.of(nifty), FeedMode.QUOTE); // before start: remembered, sent once authenticated

        CountDownLatch index = sink.each(ids(List.of(nifty)), tick -> tick.mode == 2 && tick.has(TickEvent.LTP)
                && tick.ltp > 0 && tick.has(TickEvent.OHLC) && !tick.has(TickEvent.DEPTH));
        CountDownLatch books = sink.each(ids(options), fullBook());
        client.start();
        awaitState(client, ConnectionState.CONNECTED);
        client.subscribe(options, FeedMode.DEPTH);

        assertThat(index.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("a Quote tick of NIFTY").isTrue();
        assertThat(books.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("a five-level Depth tick of every option").isTrue();
        FeedStatus status = client.status();
        assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.subscribedSymbols()).isEqualTo(1 + options.size());
        assertThat(status.failedSubscriptions()).isEmpty();
        assertThat(status.ticks()).isPositive();
        assertThat(status.malformed()).isZero();
        assertThat(status.dropped()).isZero();
        assertThat(status.lastTickEpochMillis()).isCloseTo(System.currentTimeMillis(), within(60_000L));
        assertThat(status.toString()).doesNotContain(KEY);
        assertThat(client.toString()).doesNotContain(KEY);
    }

    @Test
    void shouldStopFeedingWhatWasUnsubscribed() throws Exception {
        OpenAlgoSimulator simulator = simulator(market());
        registerNiftyAndNearestOptions(simulator);
        MarketDataClient client = client(simulator.wsUrl(), KEY);
        CountDownLatch both = sink.each(ids(List.of(nifty, options.get(0))), tick -> true);
        client.subscribe(List.of(nifty), FeedMode.LTP);
        client.subscribe(options, FeedMode.DEPTH);
        client.start();
        assertThat(both.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        client.unsubscribe(options, FeedMode.DEPTH);
        // The index ticks ten times a second; while any option was subscribed, 20 in a row could not happen.
        CountDownLatch onlyIndex = sink.run(20, tick -> tick.instrumentId == nifty.id());

        assertThat(onlyIndex.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("20 NIFTY ticks in a row").isTrue();
        assertThat(client.status().subscribedSymbols()).isEqualTo(1);
    }

    @Test
    void shouldMoveASymbolToANewMode() throws Exception {
        OpenAlgoSimulator simulator = simulator(market());
        registerNiftyAndNearestOptions(simulator);
        MarketDataClient client = client(simulator.wsUrl(), KEY);
        Instrument call = options.get(0);
        CountDownLatch ltp = sink.each(ids(List.of(call)), tick -> tick.mode == 1);
        client.subscribe(List.of(call), FeedMode.LTP);
        client.start();
        assertThat(ltp.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        client.subscribe(List.of(call), FeedMode.DEPTH);
        CountDownLatch depthOnly = sink.run(50, fullBook());

        assertThat(depthOnly.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("50 Depth ticks in a row").isTrue();
        assertThat(client.status().subscribedSymbols()).isEqualTo(1);
    }

    @Test
    void shouldFailOnAWrongKeyAndSayWhyWithoutTheKey() throws Exception {
        OpenAlgoSimulator simulator = simulator(market());
        String wrong = "wrong-key-1f2e3d";
        MarketDataClient client = client(simulator.wsUrl(), wrong);
        client.start();

        awaitState(client, ConnectionState.FAILED);

        FeedStatus status = client.status();
        assertThat(status.detail()).isEqualTo("authentication failed: Invalid API key");
        assertThat(status.toString()).doesNotContain(wrong);
        assertThat(client.toString()).doesNotContain(wrong);
        Thread.sleep(300); // a FAILED client must not be retrying behind our back
        assertThat(client.status().reconnects()).isZero();
        assertThat(client.status().state()).isEqualTo(ConnectionState.FAILED);
    }

    @Test
    void shouldRecordSymbolsTheServerDoesNotList() throws Exception {
        OpenAlgoSimulator simulator = simulator(market());
        registerNiftyAndNearestOptions(simulator);
        Instrument unlisted = registry.register("NIFTY01JAN2099000CE", "NFO", "NIFTY", LocalDate.of(2099, 1, 1),
                99000, OptionType.CE);
        MarketDataClient client = client(simulator.wsUrl(), KEY);
        CountDownLatch index = sink.each(ids(List.of(nifty)), tick -> true);
        client.subscribe(List.of(nifty, unlisted), FeedMode.QUOTE);
        client.start();

        assertThat(index.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        awaitCondition(() -> client.status().failedSubscriptions().containsKey(unlisted.symbol()));
        assertThat(client.status().failedSubscriptions().get(unlisted.symbol())).contains("not found");
    }

    @Test
    void shouldReconnectAndResubscribeWhenTheServerComesBack() throws Exception {
        OpenAlgoSimulator first = OpenAlgoSimulator.start(market());
        registerNiftyAndNearestOptions(first);
        MarketDataClient client = client(first.wsUrl(), KEY);
        CountDownLatch before = sink.each(ids(List.of(nifty, options.get(0))), tick -> true);
        client.subscribe(List.of(nifty), FeedMode.QUOTE);
        client.subscribe(options, FeedMode.DEPTH);
        client.start();
        assertThat(before.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        int restPort = URI.create(first.restUrl()).getPort();
        int wsPort = URI.create(first.wsUrl()).getPort();
        first.close();
        awaitCondition(() -> client.status().state() != ConnectionState.CONNECTED);
        CountDownLatch after = sink.each(ids(options), fullBook());
        CountDownLatch indexAfter = sink.each(ids(List.of(nifty)), tick -> tick.mode == 2);
        simulator(market().withSeed(8).withPorts(restPort, wsPort));

        assertThat(after.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every option ticking again").isTrue();
        assertThat(indexAfter.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the index ticking again").isTrue();
        FeedStatus status = client.status();
        assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(status.reconnects()).isPositive();
    }

    private static SimulatorConfig market() {
        return SimulatorConfig.defaults(KEY).withSeed(7).withTicksPerSecond(500);
    }

    @Test
    void shouldNeverLogTheKeyRightOrWrong() throws Exception {
        OpenAlgoSimulator simulator = simulator(market());
        registerNiftyAndNearestOptions(simulator);
        String wrong = "wrong-key-77b0c4";
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            MarketDataClient good = client(simulator.wsUrl(), KEY);
            MarketDataClient bad = client(simulator.wsUrl(), wrong);
            CountDownLatch ticking = sink.each(ids(List.of(nifty)), tick -> true);
            good.subscribe(List.of(nifty), FeedMode.QUOTE);
            good.start();
            bad.start();
            assertThat(ticking.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            awaitState(bad, ConnectionState.FAILED);
            good.close();
            bad.close();
        } finally {
            System.setErr(original);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("authentication failed: Invalid API key").contains(simulator.wsUrl());
        assertThat(logged).doesNotContain(KEY).doesNotContain(wrong);
    }

    @Test
    void shouldStopTickingAndIgnoreRequestsOnceClosed() throws Exception {
        OpenAlgoSimulator simulator = simulator(market());
        registerNiftyAndNearestOptions(simulator);
        MarketDataClient client = client(simulator.wsUrl(), KEY);
        CountDownLatch ticking = sink.each(ids(List.of(options.get(0))), tick -> true);
        client.subscribe(options, FeedMode.DEPTH);
        client.start();
        assertThat(ticking.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        client.close();
        long ticks = client.status().ticks();
        client.subscribe(List.of(nifty), FeedMode.LTP);
        Thread.sleep(200);

        assertThat(client.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(client.status().ticks()).isEqualTo(ticks);
    }

    private OpenAlgoSimulator simulator(SimulatorConfig config) {
        OpenAlgoSimulator simulator = OpenAlgoSimulator.start(config);
        resources.add(simulator);
        return simulator;
    }

    private MarketDataClient client(String wsUrl, String key) {
        MarketDataClient client = new MarketDataClient(wsUrl, key, registry, sink, SETTINGS, Clock.systemUTC());
        resources.add(client);
        return client;
    }

    /** NIFTY, and calls and puts of the nearest expiry at ATM (spot rounded to the 50 grid) and one strike either side. */
    private void registerNiftyAndNearestOptions(OpenAlgoSimulator simulator) {
        nifty = registry.registerIndex("NIFTY", "NSE_INDEX");
        LocalDate nearest = simulator.expiries("NIFTY").get(0);
        double atm = Math.round(simulator.indexPrice("NIFTY") / 50) * 50.0;
        options = new ArrayList<>();
        for (double strike = atm - 50; strike <= atm + 50; strike += 50) {
            for (OptionType type : OptionType.values()) {
                options.add(registry.register(OptionSymbol.of("NIFTY", nearest, strike, type), "NFO", "NIFTY",
                        nearest, strike, type));
            }
        }
    }

    private static Predicate<TickEvent> fullBook() {
        return tick -> tick.mode == 3 && tick.has(TickEvent.DEPTH) && tick.bidLevels == 5 && tick.askLevels == 5
                && tick.bidPrice[0] > 0 && tick.bidPrice[0] < tick.askPrice[0] && tick.has(TickEvent.OI);
    }

    private static List<Integer> ids(List<Instrument> instruments) {
        return instruments.stream().map(Instrument::id).toList();
    }

    private static void awaitState(MarketDataClient client, ConnectionState state) throws InterruptedException {
        awaitCondition(() -> client.status().state() == state);
        assertThat(client.status().state()).as(client.status().detail()).isEqualTo(state);
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + WAIT_SECONDS + " s").isTrue();
    }
}
