package io.optionchain.gateway.feed.pool;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.Eventually;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.RecordingSink;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.stream.FeedConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The pool over real WebSockets to the simulator: symbols spread, wait for room, and move when a link is lost; with a
 * hot standby, both sockets of a pair hold the same symbols in the same modes through every change.
 */
class MarketDataPoolTest {
    private static final String KEY = "pool-key-7c1e55";
    private static final long WAIT_SECONDS = 20;
    private static final FeedSettings FAST = new FeedSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 100,
            Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final InstrumentRegistry registry = new InstrumentRegistry(128);
    private final RecordingSink sink = new RecordingSink();
    private OpenAlgoSimulator simulator;
    private MarketDataPool pool;
    private List<Instrument> instruments;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(33).withTicksPerSecond(800));
        instruments = niftyAndOptions(3);
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        simulator.close();
    }

    @Test
    void shouldSpreadSymbolsOverConnectionsWithinEachConnectionsLimit() throws Exception {
        pool = new MarketDataPool("primary", simulator.wsUrl(), KEY, registry, sink, FAST, new PoolSettings(3, 5),
                () -> true, Clock.systemUTC());
        CountDownLatch every = sink.each(ids(instruments), tick -> true);
        pool.start();
        pool.subscribe(instruments.subList(0, 1), FeedMode.QUOTE);
        pool.subscribe(instruments.subList(1, instruments.size()), FeedMode.DEPTH);

        assertThat(every.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every symbol ticking").isTrue();
        PoolStatus status = pool.status();
        // 13 symbols at 5 a connection: three connections, none over its limit, every symbol held once
        assertThat(status.connections()).hasSize(3);
        assertThat(status.connections()).allSatisfy(c -> assertThat(c.subscribedSymbols()).isBetween(1, 5));
        assertThat(status.total().subscribedSymbols()).isEqualTo(instruments.size());
        assertThat(status.connections()).extracting(FeedStatus::connection)
                .containsExactly("primary-1", "primary-2", "primary-3");
        assertThat(status.unplaced()).isEmpty();
        Eventually.await(() -> pool.status().total().state() == ConnectionState.CONNECTED);
    }

    @Test
    void shouldReportSymbolsWithNoRoomAndPlaceThemWhenRoomFrees() throws Exception {
        pool = new MarketDataPool("primary", simulator.wsUrl(), KEY, registry, sink, FAST, new PoolSettings(2, 5),
                () -> true, Clock.systemUTC());
        pool.start();
        pool.subscribe(instruments, FeedMode.DEPTH);

        Eventually.await(() -> pool.unplaced().size() == 3);
        List<String> waiting = pool.unplaced();
        assertThat(waiting).containsExactly(instruments.get(10).symbol(), instruments.get(11).symbol(),
                instruments.get(12).symbol());

        CountDownLatch placed = sink.each(ids(instruments.subList(10, 13)), tick -> true);
        pool.unsubscribe(instruments.subList(0, 3), FeedMode.DEPTH);

        assertThat(placed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the waiting symbols now tick").isTrue();
        assertThat(pool.unplaced()).isEmpty();
        assertThat(pool.status().total().subscribedSymbols()).isEqualTo(10);
    }

    @Test
    void shouldRecoverEverySymbolWhenEveryConnectionDrops() throws Exception {
        pool = new MarketDataPool("primary", simulator.wsUrl(), KEY, registry, sink, FAST, new PoolSettings(3, 5),
                () -> true, Clock.systemUTC());
        CountDownLatch first = sink.each(ids(instruments), tick -> true);
        pool.start();
        pool.subscribe(instruments, FeedMode.DEPTH);
        assertThat(first.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        long reconnects = pool.status().total().reconnects();

        simulator.faults().dropConnections();
        CountDownLatch again = sink.each(ids(instruments), tick -> pool.status().total().reconnects() >= reconnects + 3);

        assertThat(again.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every symbol ticking after the drop").isTrue();
        Eventually.await(() -> pool.status().connections().stream().allMatch(c -> c.lastRecovery() != null));
        assertThat(pool.status().total().subscribedSymbols()).as("nothing lost, nothing doubled")
                .isEqualTo(instruments.size());
    }

    @Test
    void shouldMoveOnlyTheLostConnectionsSymbolsToLiveConnections() throws Exception {
        pool = new MarketDataPool("primary", simulator.wsUrl(), KEY, registry, sink,
                FAST.withReconnect(Duration.ofSeconds(3), Duration.ofSeconds(6)), new PoolSettings(3, 9), () -> true, Clock.systemUTC());
        CountDownLatch first = sink.each(ids(instruments), tick -> true);
        pool.start();
        pool.subscribe(instruments, FeedMode.DEPTH);
        assertThat(first.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // 13 symbols at 9 a connection: primary-1 holds 9, primary-2 holds 4 and has room for 5
        Eventually.await(() -> pool.status().connections().size() == 2
                && pool.status().total().state() == ConnectionState.CONNECTED);
        FeedStatus second = pool.status().connections().get(1);
        assertThat(second.subscribedSymbols()).isEqualTo(4);
        long secondReconnects = second.reconnects();

        String held = instruments.get(0).symbol();
        assertThat(simulator.faults().dropConnectionHolding(held)).isEqualTo(1);

        // primary-1 waits 3 s before reconnecting; 5 of its symbols tick again well before that, on primary-2
        long dropped = System.nanoTime();
        Eventually.await(() -> pool.movedSymbols() == 5);
        CountDownLatch movedTick = sink.each(ids(instruments.subList(0, 5)), tick -> true);
        assertThat(movedTick.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        System.out.printf("pool failover: moved symbols ticking %d ms after the drop%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dropped));
        assertThat(pool.status().connections().get(1).reconnects()).as("the live connection is not touched")
                .isEqualTo(secondReconnects);
        assertThat(pool.status().connections().get(1).subscribedSymbols()).isEqualTo(9);

        // the rest come back with primary-1, and each symbol is held once
        CountDownLatch all = sink.each(ids(instruments), tick -> pool.status().connections().get(0).state()
                == ConnectionState.CONNECTED);
        assertThat(all.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.status().connections().get(0).subscribedSymbols()).isEqualTo(4);
        assertThat(simulator.connections()).extracting(c -> c.symbols()).containsExactlyInAnyOrder(4, 9);
    }

    @Test
    void shouldLearnABrokersLowerCapFromItsRefusalsAndPlaceTheRestElsewhere() throws Exception {
        simulator.close();
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(34).withTicksPerSecond(800)
                .withMaxSymbolsPerConnection(4));
        pool = new MarketDataPool("primary", simulator.wsUrl(), KEY, registry, sink, FAST,
                new PoolSettings(4, 100), () -> true, Clock.systemUTC());
        CountDownLatch every = sink.each(ids(instruments), tick -> true);
        pool.start();
        pool.subscribe(instruments, FeedMode.DEPTH);

        // we said 100 a connection; the server takes 4: the pool learns it and spreads 13 over 4 connections
        assertThat(every.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("every symbol ticking").isTrue();
        Eventually.await(() -> pool.status().connections().size() == 4
                && pool.status().total().failedSubscriptions().isEmpty());
        assertThat(pool.status().connections()).allSatisfy(c -> assertThat(c.subscribedSymbols()).isLessThanOrEqualTo(4));
        assertThat(pool.status().total().subscribedSymbols()).isEqualTo(13);
        assertThat(simulator.connections()).extracting(c -> c.symbols()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    }

    @Test
    void shouldKeepBothSocketsOfEachHotStandbyPairHoldingTheSameSymbolsInTheSameModes() throws Exception {
        // a dropped socket waits 1.5-3 s to reconnect: long enough to watch what its twin alone delivers
        pool = new MarketDataPool("primary", simulator.wsUrl(), KEY, registry, sink,
                FAST.withReconnect(Duration.ofSeconds(3), Duration.ofSeconds(6)), new PoolSettings(2, 7, true),
                () -> true, Clock.systemUTC());
        pool.start();
        pool.subscribe(instruments.subList(0, 1), FeedMode.QUOTE);
        pool.subscribe(instruments.subList(1, 13), FeedMode.DEPTH);
        pool.subscribe(instruments.subList(1, 3), FeedMode.LTP);          // moved to another mode
        pool.unsubscribe(instruments.subList(12, 13), FeedMode.DEPTH);     // and one given up
        Map<Integer, Set<Integer>> modes = new HashMap<>();
        modes.put(instruments.get(0).id(), Set.of(FeedMode.QUOTE.code()));
        instruments.subList(3, 12).forEach(i -> modes.put(i.id(), Set.of(FeedMode.DEPTH.code())));
        instruments.subList(1, 3).forEach(i -> modes.put(i.id(), Set.of(FeedMode.LTP.code())));

        // 12 symbols at 7 a connection: two pairs, holding 7 and 5, each symbol on both sockets of its pair
        Eventually.await(() -> pool.connections().size() == 4
                && pool.connections().stream().allMatch(c -> c.state() == ConnectionState.CONNECTED)
                && sessionSizes().equals(List.of(5, 5, 7, 7)));
        assertThat(pool.connections()).extracting(FeedStatus::connection, FeedStatus::role).containsExactly(
                tuple("primary-1", FeedStatus.Role.PRIMARY), tuple("primary-1-standby", FeedStatus.Role.STANDBY),
                tuple("primary-2", FeedStatus.Role.PRIMARY), tuple("primary-2-standby", FeedStatus.Role.STANDBY));
        assertThat(pool.status().total().subscribedSymbols()).as("each symbol counted once").isEqualTo(12);
        List<String> sessions = simulator.connections().stream().map(FeedConnection::id).toList();

        // drop one socket of each pair: the twins alone deliver every symbol, in its mode, and nothing else
        List<String> first = List.of(sessionHolding(7), sessionHolding(5));
        first.forEach(id -> assertThat(simulator.faults().dropConnection(id)).isEqualTo(1));
        assertThat(deliveredWhileTwoSocketsAreDown()).as("the remaining sockets' symbols and modes").isEqualTo(modes);
        assertThat(pool.movedSymbols()).as("a pair with a live socket is not lost").isZero();
        assertThat(pool.status().total().state()).isEqualTo(ConnectionState.CONNECTED);

        // once the dropped ones are back, drop the other socket of each pair: the returned ones hold the same
        Eventually.await(() -> pool.connections().stream().allMatch(c -> c.state() == ConnectionState.CONNECTED)
                && sessionSizes().equals(List.of(5, 5, 7, 7)));
        sessions.stream().filter(id -> !first.contains(id))
                .forEach(id -> assertThat(simulator.faults().dropConnection(id)).isEqualTo(1));
        assertThat(deliveredWhileTwoSocketsAreDown()).as("the reconnected sockets' symbols and modes").isEqualTo(modes);
        assertThat(pool.connections()).as("each socket dropped once, primary and standby alike")
                .allSatisfy(c -> assertThat(c.reconnects()).isEqualTo(1));
        assertThat(pool.movedSymbols()).isZero();
    }

    /** Symbols held by each session the simulator serves, smallest first. */
    private List<Integer> sessionSizes() {
        return simulator.connections().stream().map(FeedConnection::symbols).sorted().toList();
    }

    private String sessionHolding(int symbols) {
        return simulator.connections().stream().filter(c -> c.symbols() == symbols).findFirst().orElseThrow().id();
    }

    /**
     * Each symbol's modes as ticks show them for a second while two of the pool's sockets are down, checking they
     * are still down at the end, so only the other two delivered.
     */
    private Map<Integer, Set<Integer>> deliveredWhileTwoSocketsAreDown() throws InterruptedException {
        Eventually.await(() -> pool.connections().stream().filter(c -> c.state() != ConnectionState.CONNECTED)
                .count() == 2);
        Map<Integer, Set<Integer>> delivered = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        sink.watch(tick -> {
            if (watching.get()) {
                delivered.computeIfAbsent(tick.instrumentId, id -> ConcurrentHashMap.newKeySet()).add(tick.mode);
            }
        });
        Thread.sleep(1_000);
        watching.set(false);
        assertThat(pool.connections().stream().filter(c -> c.state() != ConnectionState.CONNECTED).count())
                .as("the dropped sockets were still down while watched").isEqualTo(2);
        return new HashMap<>(delivered);
    }

    /** NIFTY, then calls and puts of the nearest expiry at ATM and {@code each} strikes either side. */
    private List<Instrument> niftyAndOptions(int each) {
        List<Instrument> all = new ArrayList<>();
        all.add(registry.registerIndex("NIFTY", "NSE_INDEX"));
        LocalDate nearest = simulator.expiries("NIFTY").get(0);
        double atm = Math.round(simulator.indexPrice("NIFTY") / 50) * 50.0;
        for (double strike = atm - 50 * each; strike <= atm + 50 * each; strike += 50) {
            for (OptionType type : OptionType.values()) {
                if (all.size() < 13) {
                    all.add(registry.register(OptionSymbol.of("NIFTY", nearest, strike, type), "NFO", "NIFTY",
                            nearest, strike, type));
                }
            }
        }
        return all;
    }

    private static List<Integer> ids(List<Instrument> instruments) {
        return instruments.stream().map(Instrument::id).toList();
    }
}
