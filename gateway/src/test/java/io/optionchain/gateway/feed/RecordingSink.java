package io.optionchain.gateway.feed;

import io.optionchain.engine.tick.TickEvent;
import io.optionchain.engine.tick.TickSink;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A sink for tests: copies each tick (the caller reuses its event) and releases latches as ticks match. */
public final class RecordingSink implements TickSink {
    private final CopyOnWriteArrayList<Consumer<TickEvent>> watchers = new CopyOnWriteArrayList<>();

    @Override
    public boolean offer(TickEvent tick) {
        TickEvent copy = new TickEvent();
        copy.copyFrom(tick);
        for (Consumer<TickEvent> watcher : watchers) {
            watcher.accept(copy);
        }
        return true;
    }

    /** Hands every tick from now on to {@code watcher}, on the reader thread that offered it. */
    public void watch(Consumer<TickEvent> watcher) {
        watchers.add(watcher);
    }

    /** A latch released once every one of {@code ids} has had a tick that passes {@code test}. */
    public CountDownLatch each(Collection<Integer> ids, Predicate<TickEvent> test) {
        CountDownLatch done = new CountDownLatch(1);
        Set<Integer> pending = ConcurrentHashMap.newKeySet();
        pending.addAll(ids);
        watchers.add(tick -> {
            if (test.test(tick) && pending.remove(tick.instrumentId) && pending.isEmpty()) {
                done.countDown();
            }
        });
        return done;
    }

    /** A latch released after {@code count} ticks in a row pass {@code test}; ticks come from one reader thread. */
    public CountDownLatch run(int count, Predicate<TickEvent> test) {
        CountDownLatch done = new CountDownLatch(1);
        int[] streak = new int[1];
        watchers.add(tick -> {
            streak[0] = test.test(tick) ? streak[0] + 1 : 0;
            if (streak[0] >= count) {
                done.countDown();
            }
        });
        return done;
    }
}
