package io.optionchain.benchmarks;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.feed.FeedMode;
import io.optionchain.engine.feed.MarketDataFeed;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.ActivityHandler;
import io.optionchain.engine.pipeline.ChainStateHandler;
import io.optionchain.engine.pipeline.LatencyStats;
import io.optionchain.engine.pipeline.TickEvent;
import io.optionchain.engine.pipeline.WindowHandler;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickHistory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three ring stages run back to back on one thread for one tick: the work each tick costs the
 * pipeline, without the Disruptor's hand-offs between threads. Ticks cycle over a NIFTY window's 90
 * depth-mode options with an index tick every tenth, as a live feed delivers them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true"})
public class HandlerChainBenchmark {
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1);

    private ChainStore store;
    private ChainStateHandler chainState;
    private WindowHandler window;
    private ActivityHandler activity;
    private TickEvent[] ticks;
    private int next;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        InstrumentRegistry registry = new InstrumentRegistry(1_024);
        store = ChainStore.inMemory(1_024);
        ChainBook book = new ChainBook(registry, List.of("NIFTY"));
        Instrument index = registry.registerIndex("NIFTY", "NSE_INDEX");
        OptionChain chain = new OptionChain(NIFTY, LocalDate.now().plusDays(7), index, registry, store, 2);
        List<Instrument> options = new ArrayList<>();
        chain.open(24_500, new MarketDataFeed() {
            @Override
            public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
                options.addAll(instruments);
            }

            @Override
            public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
            }
        });
        book.add(chain);
        Clock clock = Clock.systemUTC();
        chainState = new ChainStateHandler(store, new TickHistory(1_024), clock);
        window = new WindowHandler(book);
        activity = new ActivityHandler(book, clock, new LatencyStats());

        ticks = new TickEvent[options.size() + options.size() / 9];
        int o = 0;
        for (int i = 0; i < ticks.length; i++) {
            TickEvent tick = new TickEvent();
            if (i % 10 == 9) {
                tick.instrumentId = index.id();
                tick.fields = TickEvent.LTP | TickEvent.OHLC;
                tick.ltp = 24_480 + (i % 40); // stays inside ATM 24,500's half-step band
            } else {
                Instrument option = options.get(o++ % options.size());
                tick.instrumentId = option.id();
                tick.fields = TickEvent.LTP | TickEvent.OHLC | TickEvent.VOLUME | TickEvent.OI | TickEvent.DEPTH;
                tick.ltp = 100 + i;
                tick.volume = 1_000 * i;
                tick.oi = 50_000 + i;
                tick.bidLevels = 5;
                tick.askLevels = 5;
                for (int level = 0; level < 5; level++) {
                    tick.bidPrice[level] = tick.ltp - 0.05 * (level + 1);
                    tick.askPrice[level] = tick.ltp + 0.05 * (level + 1);
                    tick.bidQuantity[level] = 75L * (level + 1);
                    tick.askQuantity[level] = 75L * (level + 2);
                    tick.bidOrders[level] = level + 1;
                    tick.askOrders[level] = level + 2;
                }
            }
            ticks[i] = tick;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
    }

    @Benchmark
    public void chainStateWindowActivity() {
        TickEvent tick = ticks[next];
        next = next + 1 == ticks.length ? 0 : next + 1;
        tick.arrivalNanos = System.nanoTime();
        long s = sequence++;
        chainState.onEvent(tick, s, true);
        window.onEvent(tick, s, true);
        activity.onEvent(tick, s, true);
    }
}
