package io.optionchain.engine.stops;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import java.util.function.Consumer;

/**
 * A bounded many-producer, one-consumer hand-off between threads: a small Disruptor ring of pre-allocated
 * slots, polled by its consumer. {@link #offer} never blocks and allocates nothing (a full ring is a
 * {@code false}); the consumer drains from its own duty cycle.
 *
 * <p>A Disruptor ring rather than Agrona's queues: Agrona 2 reaches {@code jdk.internal.misc.Unsafe}, which
 * needs a JVM flag this build does not pass.
 */
public final class HandOff<T> {
    private static final class Slot<T> {
        T value;
    }

    private final RingBuffer<Slot<T>> ring;
    private final EventPoller<Slot<T>> poller;
    private final EventPoller.Handler<Slot<T>> handler;
    private Consumer<T> consumer;

    /** @param capacity slots, rounded up to a power of two */
    public HandOff(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
        ring = RingBuffer.createMultiProducer(Slot::new, size);
        poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        handler = (slot, sequence, endOfBatch) -> {
            T value = slot.value;
            slot.value = null;
            consumer.accept(value);
            return true;
        };
    }

    /** @return false when every slot is taken; nothing is queued then */
    public boolean offer(T value) {
        long sequence;
        try {
            sequence = ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return false;
        }
        try {
            ring.get(sequence).value = value;
        } finally {
            ring.publish(sequence);
        }
        return true;
    }

    /** Consumer thread only: hands everything queued to {@code to}, oldest first. @return how many */
    public int drain(Consumer<T> to) {
        consumer = to;
        long before = poller.getSequence().get();
        try {
            poller.poll(handler);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (int) (poller.getSequence().get() - before);
    }
}
