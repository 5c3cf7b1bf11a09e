package io.optionchain.gateway;

import io.optionchain.engine.pipeline.TickEvent;
import io.optionchain.engine.pipeline.TickSink;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** A sink for tests: copies each tick (the caller reuses its event) and releases latches as ticks match. */
final class RecordingSink implements TickSink {
    private final CopyOnWriteArrayList<Watch> watches = new CopyOnWriteArrayList<>();
    final AtomicLong offered = new AtomicLong();

    @Override
    public boolean offer(TickEvent tick) {
        offered.incrementAndGet();
        TickEvent copy = new TickEvent();
        copy.copyFrom(tick);
        for (Watch watch : watches) {
            watch.see(copy);
        }
        return true;
    }

    /** A latch released once every one of {@code ids} has had a tick that passes {@code test}. */
    CountDownLatch each(Collection<Integer> ids, Predicate<TickEvent> test) {
        Watch watch = new Watch(ids, test);
        watches.add(watch);
        return watch.done;
    }

    /** A latch released after {@code count} ticks in a row pass {@code test}. */
    CountDownLatch run(int count, Predicate<TickEvent> test) {
        CountDownLatch done = new CountDownLatch(1);
        int[] streak = new int[1];
        watches.add(new Watch(Set.of(), tick -> true) {
            @Override
            synchronized void see(TickEvent tick) {
                streak[0] = test.test(tick) ? streak[0] + 1 : 0;
                if (streak[0] >= count) {
                    done.countDown();
                }
            }
        });
        return done;
    }

    private static class Watch {
        final Set<Integer> pending = ConcurrentHashMap.newKeySet();
        final Predicate<TickEvent> test;
        final CountDownLatch done = new CountDownLatch(1);

        Watch(Collection<Integer> ids, Predicate<TickEvent> test) {
            pending.addAll(ids);
            this.test = test;
        }

        void see(TickEvent tick) {
            if (test.test(tick) && pending.remove(tick.instrumentId) && pending.isEmpty()) {
                done.countDown();
            }
        }
    }
}
