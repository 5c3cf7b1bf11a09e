package io.optionchain.benchmarks.load;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.pipeline.ActivityHandler;
import io.optionchain.engine.pipeline.ChainStateHandler;
import io.optionchain.engine.pipeline.LatencyStats;
import io.optionchain.engine.pipeline.TickEvent;
import io.optionchain.engine.pipeline.TickSink;
import io.optionchain.engine.pipeline.WindowHandler;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickHistory;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An experiment beside the product's {@code Pipeline}, for the harness's {@code --topology one-stage}:
 * the same three stages (chain state, window, activity) in the same order, but run one after another
 * on a single handler thread. Two cores cannot give three stage threads and a socket reader a core
 * each; one stage thread has no hand-offs between stages to wait on and no sibling to spin against.
 *
 * <pre>
 *   feed reader ──offer──> RingBuffer&lt;TickEvent&gt; ──> [1. chain state → 2. window → 3. activity]
 * </pre>
 */
final class OneStagePipeline implements TickSink, AutoCloseable {
    private final Disruptor<TickEvent> disruptor;
    private final RingBuffer<TickEvent> ringBuffer;
    private final LatencyStats latency = new LatencyStats();
    private final AtomicLong dropped = new AtomicLong();

    OneStagePipeline(ChainStore store, ChainBook book, Clock clock, int ringSize, WaitStrategy waitStrategy) {
        disruptor = new Disruptor<>(TickEvent::new, ringSize, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
                waitStrategy);
        ChainStateHandler chainState = new ChainStateHandler(store, new TickHistory(book.instrumentCapacity()), clock);
        WindowHandler window = new WindowHandler(book);
        ActivityHandler activity = new ActivityHandler(book, clock, latency);
        EventHandler<TickEvent> stages = (tick, sequence, endOfBatch) -> {
            chainState.onEvent(tick, sequence, endOfBatch);
            window.onEvent(tick, sequence, endOfBatch);
            activity.onEvent(tick, sequence, endOfBatch);
        };
        disruptor.handleEventsWith(stages);
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
        return true;
    }

    LatencyStats latency() {
        return latency;
    }

    long dropped() {
        return dropped.get();
    }

    /** Lets the stage finish what is in the ring, as the product's pipeline does, before chain state closes. */
    @Override
    public void close() {
        try {
            disruptor.shutdown(2, TimeUnit.SECONDS);
        } catch (TimeoutException stuck) {
            disruptor.halt();
        }
    }
}
