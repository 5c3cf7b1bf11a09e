package io.optionchain.gateway.feed.pool;

import com.lmax.disruptor.EventHandler;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.Eventually;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.MarketDataClient;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hot standby buys, over real sockets into the real ring: an observer connection the simulator never drops
 * records every tick it sent for one option; the pool feeds chain state, and the stop stage's place records every
 * tick chain state applied. With a standby, dropping either socket of the pair loses no tick and applies none twice;
 * without, the same drop loses the ticks sent while the one socket reconnects.
 */
class HotStandbyTest {
    private static final String KEY = "standby-key-41c9d2";
    /** Reconnect after 150-300 ms, so a lone socket misses a few ticks of a busy option every time. */
    private static final FeedSettings SETTINGS = new FeedSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 100,
            Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final InstrumentRegistry registry = new InstrumentRegistry(64);
    private final List<TickEvent> sent = new CopyOnWriteArrayList<>();
    private final List<TickEvent> applied = new CopyOnWriteArrayList<>();
    private OpenAlgoSimulator simulator;
    private MarketDataClient observer;
    private ChainStore store;
    private Pipeline pipeline;
    private MarketDataPool pool;
    private List<Instrument> instruments;
    private Instrument watched;

    @BeforeEach
    void start() throws Exception {
        // few symbols, about 45 ticks a second each: a reader seldom falls more than a tick behind its twin
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(61).withTicksPerSecond(100));
        instruments = niftyAndTwoOptions();
        watched = instruments.get(1);
        RecordingSink seen = new RecordingSink();
        seen.watch(sent::add);
        observer = new MarketDataClient(simulator.wsUrl(), KEY, registry, seen, SETTINGS, Clock.systemUTC());
        observer.start();
        observer.subscribe(List.of(watched), FeedMode.DEPTH);
        Eventually.await(() -> !sent.isEmpty());

        store = ChainStore.inMemory(64);
        EventHandler<TickEvent> appliedTicks = (tick, sequence, endOfBatch) -> {
            if (!tick.skipped() && tick.instrumentId == watched.id()) {
                TickEvent copy = new TickEvent();
                copy.copyFrom(tick);
                applied.add(copy);
            }
        };
        pipeline = new Pipeline(store, new ChainBook(registry, List.of("NIFTY")), appliedTicks, Clock.systemUTC(),
                RingSettings.blocking(1_024));
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        observer.close();
        pipeline.close();
        store.close();
        simulator.close();
    }

    @Test
    void shouldLoseNoTickAndApplyNoneTwiceWhenEitherSocketOfThePairDrops() throws Exception {
        startPool(true);
        List<String> pair = poolSessions();
        assertThat(pair).hasSize(2);

        for (String id : pair) {                        // the primary and the standby, one after the other
            long reconnects = pool.status().total().reconnects();
            assertThat(simulator.faults().dropConnection(id)).isEqualTo(1);
            awaitRecovered(reconnects + 1);
        }
        assertThat(pool.connections()).extracting(FeedStatus::role)
                .containsExactly(FeedStatus.Role.PRIMARY, FeedStatus.Role.STANDBY);
        assertThat(pool.connections()).as("each socket dropped once").allSatisfy(c ->
                assertThat(c.reconnects()).isEqualTo(1));

        List<String> lost = lost(settle());
        assertThat(lost).as("ticks the simulator sent that chain state never applied").isEmpty();
        assertThat(keys(applied)).as("each applied once, in order").isEqualTo(keys(fromFirstApplied()));
        assertThat(pipeline.duplicates()).as("the second copies, dropped").isGreaterThan(applied.size() / 2);
        QuoteRecord quote = ChainStore.newRecord();
        assertThat(store.read(watched.id(), quote)).isTrue();
        TickEvent last = sent.get(sent.size() - 1);
        assertThat(List.of(quote.getLtp(), quote.getVolume(), quote.getBidPriceAt(0), quote.getAskQuantityAt(4)))
                .as("the chain's quote is the simulator's last")
                .isEqualTo(List.of(last.ltp, last.volume, last.bidPrice[0], last.askQuantity[4]));
        System.out.printf("hot standby: %d ticks sent, %d applied, 0 lost over 2 drops, %d duplicates dropped%n",
                fromFirstApplied().size(), applied.size(), pipeline.duplicates());
    }

    @Test
    void shouldLoseTheTicksSentWhileTheOnlySocketReconnectsWithoutAStandby() throws Exception {
        startPool(false);
        List<String> single = poolSessions();
        assertThat(single).hasSize(1);

        long reconnects = pool.status().total().reconnects();
        assertThat(simulator.faults().dropConnection(single.get(0))).isEqualTo(1);
        awaitRecovered(reconnects + 1);

        List<String> lost = lost(settle());
        assertThat(lost).as("ticks sent while the socket was down").isNotEmpty();
        assertThat(pipeline.duplicates()).isZero();
        System.out.printf("no standby: %d ticks lost in one drop%n", lost.size());
    }

    private void startPool(boolean hotStandby) throws InterruptedException {
        pool = new MarketDataPool("primary", simulator.wsUrl(), KEY, registry, pipeline, SETTINGS,
                new PoolSettings(1, 10, hotStandby), () -> true, Clock.systemUTC());
        pool.start();
        pool.subscribe(instruments.subList(0, 1), FeedMode.QUOTE);
        pool.subscribe(instruments.subList(1, 3), FeedMode.DEPTH);
        Eventually.await(() -> applied.size() >= 20 && pool.connections().stream()
                .allMatch(c -> c.state() == ConnectionState.CONNECTED));
    }

    /** The pool's sessions at the simulator: those holding all three symbols (the observer holds one). */
    private List<String> poolSessions() throws InterruptedException {
        int sockets = pool.connections().size();
        Eventually.await(() -> simulator.connections().stream().filter(c -> c.symbols() == 3).count() == sockets);
        return simulator.connections().stream().filter(c -> c.symbols() == 3).map(FeedConnection::id).toList();
    }

    /** Every socket connected again, the dropped one's first tick since the drop in, and some ticks after it. */
    private void awaitRecovered(long reconnects) throws InterruptedException {
        Eventually.await(() -> pool.status().total().reconnects() >= reconnects
                && pool.connections().stream().allMatch(c -> c.state() == ConnectionState.CONNECTED
                && (c.reconnects() == 0 || c.lastRecovery() != null)));
        int before = applied.size();
        Eventually.await(() -> applied.size() >= before + 20);
    }

    /** Pauses the market and waits for the ring and the observer to have taken in every tick it sent. */
    private List<TickEvent> settle() throws InterruptedException {
        simulator.rate(0);
        int[] counts = {-1, -1};
        Eventually.await(() -> {
            boolean still = counts[0] == sent.size() && counts[1] == applied.size();
            counts[0] = sent.size();
            counts[1] = applied.size();
            if (!still) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return still;
        });
        return fromFirstApplied();
    }

    /** What the simulator sent from the first tick chain state applied on. */
    private List<TickEvent> fromFirstApplied() {
        List<String> all = keys(sent);
        int first = all.indexOf(key(applied.get(0)));
        assertThat(first).as("the observer saw the first applied tick").isNotNegative();
        return sent.subList(first, sent.size());
    }

    /** Ticks sent and never applied; fails if one was applied that was not sent, or out of the order sent. */
    private List<String> lost(List<TickEvent> sentSince) {
        List<String> missing = new ArrayList<>();
        List<String> got = keys(applied);
        int next = 0;
        for (String tick : keys(sentSince)) {
            if (next < got.size() && got.get(next).equals(tick)) {
                next++;
            } else {
                missing.add(tick);
            }
        }
        assertThat(next).as("every applied tick was sent, in the order sent").isEqualTo(got.size());
        return missing;
    }

    private static List<String> keys(List<TickEvent> ticks) {
        return ticks.stream().map(HotStandbyTest::key).toList();
    }

    /** A tick as a person would compare two: its times, price, volume and the top of its book. */
    private static String key(TickEvent t) {
        return t.exchangeTimeMillis + "/" + t.serverTimeMillis + " " + t.ltp + " v" + t.volume + " oi" + t.oi + " "
                + t.bidQuantity[0] + "@" + t.bidPrice[0] + " " + t.askQuantity[0] + "@" + t.askPrice[0] + " "
                + t.askQuantity[4] + "@" + t.askPrice[4];
    }

    /** NIFTY and the two nearest-ATM calls of its nearest expiry. */
    private List<Instrument> niftyAndTwoOptions() {
        List<Instrument> all = new ArrayList<>();
        all.add(registry.registerIndex("NIFTY", "NSE_INDEX"));
        LocalDate nearest = simulator.expiries("NIFTY").get(0);
        double atm = Math.round(simulator.indexPrice("NIFTY") / 50) * 50.0;
        for (double strike : new double[] {atm, atm + 50}) {
            all.add(registry.register(OptionSymbol.of("NIFTY", nearest, strike, OptionType.CE), "NFO", "NIFTY",
                    nearest, strike, OptionType.CE));
        }
        return all;
    }
}
