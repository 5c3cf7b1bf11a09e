package io.optionchain.benchmarks;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.tick.TickEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ring stages run back to back on one thread for one tick: the work each tick costs the pipeline,
 * without the Disruptor's hand-offs between threads. Ticks cycle over a NIFTY window's 90 depth-mode
 * options with an index tick every tenth, as a live feed delivers them, each cycle a second of exchange time later.
 * {@code positions} = 0 is the baseline without the risk stage; 45 holds a position on half the window's options,
 * so half the option ticks are judged against stops. {@code copies} = 2 hands every tick in twice, as both sockets
 * of a hot standby pair deliver it: one operation is then the tick and its copy, which stage 1 drops.
 * {@code limits} = true adds MTM limits on the account and on the positions' strategy (max loss, max profit, a lock
 * and trail, all out of reach), which the risk stage judges on every held leg's tick (nothing without positions).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HandlerChainBenchmark extends ChronicleFork {

    @Param({"0", "45"})
    public int positions;

    @Param({"1", "2"})
    public int copies;

    @Param({"false", "true"})
    public boolean limits;

    private NiftyWindow nifty;
    private TickEvent[] ticks;
    private int next;
    private long sequence;
    private long exchangeMillis = 1_796_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() {
        nifty = new NiftyWindow(positions, limits);
        List<Instrument> options = nifty.options;
        Instrument index = nifty.index;

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
        nifty.close();
    }

    @Benchmark
    public void chainStateWindowActivity() {
        TickEvent tick = ticks[next];
        if (++next == ticks.length) {
            next = 0;
            exchangeMillis += 1_000;
        }
        tick.exchangeTimeMillis = exchangeMillis;
        for (int copy = 0; copy < copies; copy++) {
            // what a ring slot holds when a frame is copied in: the stage's marks of the last pass are not its
            tick.outOfOrder = false;
            tick.duplicate = false;
            tick.arrivalNanos = System.nanoTime();
            nifty.handle(tick, sequence++);
        }
    }
}
