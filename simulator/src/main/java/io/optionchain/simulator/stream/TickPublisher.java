package io.optionchain.simulator.stream;

import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.faults.TickFaults;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.MarketSnapshot;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The one thread that moves the market: an agent-style duty cycle that spends a budget of
 * {@code ticksPerSecond} ticks, paced by parking until the next slot is due. Each slot ticks an index
 * that is due (every {@link #INDEX_INTERVAL_NANOS}, subscribed or not, because option prices follow
 * the index) or else the next subscribed option (or one with working orders, which must tick to fill),
 * round-robin. A tick is rendered once per mode and
 * fanned out to that symbol's sessions. Below 20 ticks a second the indices take every slot. Frames of
 * one cycle are batched per session and flushed together at its end.
 *
 * <p>The rate may be changed while running ({@link #rate}); 0 pauses the market, indices included, so a
 * load test can drain its consumer and compare counts.
 */
public final class TickPublisher implements Runnable {
    static final long INDEX_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Further behind than this (a GC pause, a suspended laptop) and missed slots are forgotten, not burst. */
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int MAX_TICKS_PER_CYCLE = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(TickPublisher.class);

    private final MarketModel model;
    private final Subscriptions subscriptions;
    private final LongSupplier nanoClock;
    private final TickFaults faults;
    /** Asked for by any thread; the publisher thread adopts it at the top of its next cycle. */
    private volatile int requestedRate;
    private int rate;
    /** The rate the publisher thread works at now, so {@link #rate} can wait until its request is adopted. */
    private volatile int adoptedRate;
    private volatile Thread runner;
    private long slotNanos;
    private final MarketSnapshot snapshot = new MarketSnapshot();
    private final TickFrames frames;
    /** Frames sent besides the tick by a fault: a stranger's copy of it, or an older tick replayed. */
    private final TickFrames extraFrames;
    private final MarketSnapshot stranger = new MarketSnapshot();
    private final RecentTicks recent = new RecentTicks();
    private final SimulatedIndex[] indices = SimulatedIndex.values();
    private final long[] indexDue = new long[indices.length];
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean running = true;
    private long nextSlot;
    private int cursor;

    public TickPublisher(MarketModel model, Subscriptions subscriptions, int ticksPerSecond, String broker,
                  LongSupplier nanoClock, TickFaults faults) {
        this.model = model;
        this.faults = faults;
        this.subscriptions = subscriptions;
        this.nanoClock = nanoClock;
        this.requestedRate = ticksPerSecond;
        this.rate = ticksPerSecond;
        this.adoptedRate = ticksPerSecond;
        this.slotNanos = slotNanos(ticksPerSecond);
        this.frames = new TickFrames(broker);
        this.extraFrames = new TickFrames(broker);
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        startAt(nanoClock.getAsLong());
        while (running) {
            long now = nanoClock.getAsLong();
            if (doWork(now) == 0) {
                long untilNextSlot = rate == 0 ? MAX_PARK_NANOS : nextSlot - now;
                LockSupport.parkNanos(Math.max(1, Math.min(MAX_PARK_NANOS, untilNextSlot)));
            }
        }
    }

    /**
     * Ticks a second from now on, 0 to pause. Returns once the publisher thread has adopted it (within
     * {@link #MAX_PARK_NANOS}, or a second at most), so after {@code rate(0)} no further tick is made.
     */
    public void rate(int ticksPerSecond) {
        if (ticksPerSecond < 0) {
            throw new IllegalArgumentException("rate must be 0 or more, got " + ticksPerSecond);
        }
        requestedRate = ticksPerSecond;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        Thread thread = runner;
        while (thread != null && thread.isAlive() && running && Thread.currentThread() != thread
                && adoptedRate != ticksPerSecond && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** A new rate starts a new schedule: slots missed while paused or slower are not made up. */
    private void adopt(int ticksPerSecond, long now) {
        rate = ticksPerSecond;
        adoptedRate = ticksPerSecond;
        if (ticksPerSecond > 0) {
            slotNanos = slotNanos(ticksPerSecond);
            startAt(now);
        }
    }

    private static long slotNanos(int ticksPerSecond) {
        return Math.max(1, TimeUnit.SECONDS.toNanos(1) / ticksPerSecond);
    }

    /** The first slot and every index are due at {@code now}. */
    void startAt(long now) {
        nextSlot = now;
        for (int i = 0; i < indexDue.length; i++) {
            indexDue[i] = now;
        }
    }

    public void stop() {
        running = false;
    }

    public long ticks() {
        return ticks.get();
    }

    public long errors() {
        return errors.get();
    }

    /** Spends every slot that is due at {@code now}; returns the number of ticks emitted. */
    int doWork(long now) {
        int requested = requestedRate;
        if (requested != rate) {
            adopt(requested, now);
        }
        if (rate == 0) {
            return 0;
        }
        if (now - nextSlot > MAX_LAG_NANOS) {
            nextSlot = now;
        }
        int emitted = 0;
        int slots = 0;
        while (nextSlot <= now && slots < MAX_TICKS_PER_CYCLE) {
            nextSlot += slotNanos;
            slots++;
            if (emit(now)) {
                emitted++;
            }
        }
        if (emitted > 0) {
            for (ClientSession session : subscriptions.sessions()) {
                session.flush();
            }
        }
        return emitted;
    }

    private boolean emit(long now) {
        for (int i = 0; i < indices.length; i++) {
            if (indexDue[i] <= now) {
                indexDue[i] = Math.max(indexDue[i] + INDEX_INTERVAL_NANOS, now - INDEX_INTERVAL_NANOS);
                publish(subscriptions.index(indices[i]));
                return true;
            }
        }
        List<Subscriptions.Route> options = subscriptions.options();
        if (options.isEmpty()) {
            return false;
        }
        if (cursor >= options.size()) {
            cursor = 0;
        }
        publish(options.get(cursor++));
        return true;
    }

    private void publish(Subscriptions.Route route) {
        try {
            model.tick(route.symbol(), snapshot);
            ticks.incrementAndGet();
            // A stalled market still moves, so prices have jumped when the stall ends, as after a real one;
            // an option ticking only for its working orders has nobody to send to.
            if (faults.stalled() || route.sessions().length == 0) {
                return;
            }
            if (faults.remembersTicks()) {
                recent.remember(snapshot);
            }
            Faults.TickFault fault = faults.tickFault();
            if (fault == Faults.TickFault.ZERO_BID_ASK) {
                snapshot.clearBest();
            }
            TickFrames.Depth depth = fault == Faults.TickFault.EMPTY_DEPTH ? TickFrames.Depth.EMPTY
                    : fault == Faults.TickFault.NO_DEPTH ? TickFrames.Depth.ABSENT : TickFrames.Depth.FULL;
            frames.reset(snapshot, fault == Faults.TickFault.MALFORMED, depth,
                    fault == Faults.TickFault.OVERSIZED ? faults.oversizedBytes() : 0);
            deliver(route, frames, fault == Faults.TickFault.DUPLICATE ? 2 : 1);
            if (fault == Faults.TickFault.UNKNOWN_SYMBOL) {
                stranger.copyFrom(snapshot);
                stranger.symbol = strangerTo(route.symbol());
                extraFrames.reset(stranger);
                deliver(route, extraFrames, 1);
            } else if (fault == Faults.TickFault.OUT_OF_ORDER) {
                MarketSnapshot older = recent.olderThan(snapshot);
                if (older != null) {
                    extraFrames.reset(older);
                    deliver(route, extraFrames, 1);
                }
            }
        } catch (RuntimeException e) {
            // One bad tick must not stop the market; count it and log the first of each thousand.
            if (errors.getAndIncrement() % 1_000 == 0) {
                LOG.error("tick of {} failed ({} failures so far)", route.symbol().symbol(), errors.get(), e);
            }
        }
    }

    /** Sent to every session holding the route's symbol, in each mode it holds the symbol in. */
    private static void deliver(Subscriptions.Route route, TickFrames tickFrames, int copies) {
        for (ClientSession session : route.sessions()) {
            for (int copy = 0; copy < copies; copy++) {
                session.deliver(route.symbol(), tickFrames);
            }
        }
    }

    /**
     * A symbol the client did not subscribe to, drawn from the seeded fault stream: an off-grid strike
     * next to the real one (listed nowhere), an index and an equity the simulator does not list. The
     * records only carry a name and an exchange to the frame; their index field means nothing.
     */
    private SimulatedSymbol strangerTo(SimulatedSymbol real) {
        SimulatedIndex index = real.index();
        return switch (faults.pick(3)) {
            case 0 -> real.isIndex()
                    ? new SimulatedSymbol(index.name(), SimulatedIndex.OPTION_EXCHANGE, index, null, 0, false)
                    : SimulatedSymbol.option(index, real.expiry(), real.strike() + index.strikeStep / 2, real.call());
            case 1 -> new SimulatedSymbol("SENSEX", "BSE_INDEX", index, null, 0, false);
            default -> new SimulatedSymbol("RELIANCE", "NSE", index, null, 0, false);
        };
    }
}
