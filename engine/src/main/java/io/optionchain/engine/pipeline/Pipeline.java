package io.optionchain.engine.pipeline;

import com.lmax.disruptor.AggregateEventHandler;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickHistory;
import io.optionchain.engine.tick.TickEvent;
import io.optionchain.engine.tick.TickSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hot path, wired once in data-flow order:
 *
 * <pre>
 *   feed reader ──offer──> RingBuffer&lt;TickEvent&gt; ──> 1. chain state ──> 2. window ──> 3. risk ──> 4. activity
 *   (decoder)              (pre-allocated)               (Chronicle Map,    (ATM, tags,    (stops,     (tick counts,
 *                                                          tick history)    subscriptions)  exits)      latency)
 * </pre>
 *
 * Stages run in this order for every event, on one thread or a thread each ({@link StageThreads}).
 * Nothing on the path allocates per tick or blocks: a full ring is reported to the producer as
 * {@code false}.
 */
public final class Pipeline implements TickSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private static final long CLOSE_TIMEOUT_SECONDS = 2;

    private final Disruptor<TickEvent> disruptor;
    private final RingBuffer<TickEvent> ringBuffer;
    private final LatencyStats latency = new LatencyStats();
    private final TickHistory history;
    private final ChainStateHandler chainState;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong handlerErrors = new AtomicLong();

    /** The stop stage of an engine that watches no positions: chain-only tests and the baseline benchmark. */
    public static final EventHandler<TickEvent> NO_STOPS = (event, sequence, endOfBatch) -> {
    };

    /**
     * Wires the four stages onto one ring, in data-flow order.
     *
     * @param store chain state, written by stage 1
     * @param book  the chains, moved by stage 2 and counted by stage 4
     * @param stops stage 3: the stop decision ({@code RiskDesk.handler()}), between window and activity so the
     *              latency recorded is frame to stop decision; {@link #NO_STOPS} when nothing is watched
     * @param clock wall time for tick history and activity
     * @param ring  size, wait strategy and stage threads
     */
    public Pipeline(ChainStore store, ChainBook book, EventHandler<TickEvent> stops, Clock clock, RingSettings ring) {
        disruptor = new Disruptor<>(TickEvent::new, ring.size(), DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
                ring.waitStrategy());
        disruptor.setDefaultExceptionHandler(new RingExceptionHandler());

        history = new TickHistory(book.instrumentCapacity());
        chainState = new ChainStateHandler(store, history, clock);                                      // 1.
        WindowHandler window = new WindowHandler(book);                                                 // 2.
        EventHandler<TickEvent> stopDecision = Objects.requireNonNull(stops, "stops: use Pipeline.NO_STOPS"); // 3.
        ActivityHandler activity = new ActivityHandler(book, clock, latency);                           // 4.
        if (ring.stageThreads() == StageThreads.PER_STAGE) {
            disruptor.handleEventsWith(chainState).then(window).then(stopDecision).then(activity);
        } else {
            disruptor.handleEventsWith(new AggregateEventHandler<>(chainState, window, stopDecision, activity));
        }
        ringBuffer = disruptor.start();
    }

    @Override
    public boolean offer(TickEvent tick) {
        long sequence;
        try {
            sequence = ringBuffer.tryNext();
        } catch (InsufficientCapacityException full) {
            dropped.incrementAndGet();
            return false;
        }
        try {
            ringBuffer.get(sequence).copyFrom(tick);
        } finally {
            ringBuffer.publish(sequence);
        }
        published.incrementAndGet();
        return true;
    }

    /** The last ticks of every instrument, written by stage 1. */
    public TickHistory history() {
        return history;
    }

    public LatencyStats latency() {
        return latency;
    }

    public long published() {
        return published.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Ticks older than the stored quote, skipped by the chain-state stage. */
    public long outOfOrder() {
        return chainState.outOfOrder();
    }

    /** Copies of the stored quote (a hot standby socket's, a resend), skipped by the chain-state stage. */
    public long duplicates() {
        return chainState.duplicates();
    }

    public long handlerErrors() {
        return handlerErrors.get();
    }

    public long remainingCapacity() {
        return ringBuffer.remainingCapacity();
    }

    public int ringSize() {
        return ringBuffer.getBufferSize();
    }

    @Override
    public void close() {
        try {
            // let handlers finish what is in the ring before chain state closes under them
            disruptor.shutdown(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException stuck) {
            LOG.warn("ring did not drain in {} s; halting with events in flight", CLOSE_TIMEOUT_SECONDS);
            disruptor.halt();
        }
    }

    /** One place for handler failures: log the sequence and instrument, count, keep the ring moving. */
    private final class RingExceptionHandler implements ExceptionHandler<TickEvent> {
        @Override
        public void handleEventException(Throwable ex, long sequence, TickEvent event) {
            handlerErrors.incrementAndGet();
            LOG.error("ring handler failed at sequence {} on instrument {}", sequence,
                    event == null ? -1 : event.instrumentId, ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            LOG.error("ring handler failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            LOG.error("ring handler failed to stop", ex);
        }
    }
}
