package io.optionchain.web.stream;

import io.optionchain.web.config.DashboardSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the chain, status and positions publishers share: one thread of its own that wakes
 * {@code updates_per_second} times a second and runs each publisher's cycle in turn, the
 * {@code max_clients} connection slots, and the counters of events sent and slow clients dropped. However
 * fast ticks come, a client gets at most that many events a second per topic, and the ring never does any
 * work for a dashboard.
 */
public final class StreamHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private final DashboardSettings settings;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chain-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Watchers> topics = new CopyOnWriteArrayList<>();
    private List<Publisher> publishers = List.of();

    public StreamHub(DashboardSettings settings) {
        this.settings = settings;
    }

    /** Runs the publishers' cycles, in the order given, until {@link #close}. */
    public StreamHub start(Publisher... inOrder) {
        publishers = List.of(inOrder);
        long period = Math.max(1, 1_000_000 / settings.updatesPerSecond());
        // a fixed delay, not a fixed rate: a late cycle is never followed by a burst of catch-up events
        scheduler.scheduleWithFixedDelay(this::publishGuarded, period, period, TimeUnit.MICROSECONDS);
        return this;
    }

    /**
     * Takes a connection slot; {@link Watchers} gives it back. When all {@code max_clients} are taken, the stream
     * that has gone longest without progress (no event written whole, or a write blocked) for at least
     * {@code sse_idle_timeout_ms} is ended to make room, and this waits up to 2 s for its slot: streams opened by
     * peers that never read cannot lock a live dashboard out. The server cannot see whether a peer reads what the
     * kernel took, so a quiet live stream may be the one ended; its EventSource reconnects.
     *
     * @return false when every stream has made progress within the idle timeout
     */
    boolean reserve() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        boolean evicted = false;
        while (true) {
            if (connections.incrementAndGet() <= settings.maxClients()) {
                return true;
            }
            connections.decrementAndGet();
            if (!evicted) {
                evicted = evictStalest();
                if (!evicted) {
                    return false;
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private boolean evictStalest() {
        long now = System.nanoTime();
        long idle = TimeUnit.MILLISECONDS.toNanos(settings.sseIdleTimeoutMs());
        Watchers topic = null;
        StreamClient stalest = null;
        for (Watchers watchers : topics) {
            for (StreamClient client : watchers.clients()) {
                if (!client.isClosed() && client.stalledNanos(now) >= idle
                        && (stalest == null || client.stalledNanos(now) > stalest.stalledNanos(now))) {
                    stalest = client;
                    topic = watchers;
                }
            }
        }
        if (stalest == null || !topic.clients().remove(stalest)) {
            return false;
        }
        stalest.close();
        dropped.incrementAndGet();
        LOG.warn("ended an SSE stream idle for {} ms to make room: all {} slots were taken",
                TimeUnit.NANOSECONDS.toMillis(stalest.stalledNanos(now)), settings.maxClients());
        return true;
    }

    void release() {
        connections.decrementAndGet();
    }

    /** A client set for one topic, counted against this hub's slots and counters. */
    Watchers watchers() {
        Watchers watchers = new Watchers(this, settings.clientQueueEvents());
        topics.add(watchers);
        return watchers;
    }

    void sent() {
        events.incrementAndGet();
    }

    void evicted() {
        dropped.incrementAndGet();
    }

    public int clients() {
        return connections.get();
    }

    /** Clients dropped because their queue was full. */
    public long droppedClients() {
        return dropped.get();
    }

    /** Events offered to clients, counted once per client. */
    public long events() {
        return events.get();
    }

    private void publishGuarded() {
        long now = System.nanoTime();
        long idle = TimeUnit.MILLISECONDS.toNanos(settings.sseIdleTimeoutMs());
        for (Watchers watchers : topics) {
            int ended = watchers.evictBlocked(now, idle);
            if (ended > 0) {
                dropped.addAndGet(ended);
                LOG.warn("ended {} SSE stream(s) whose write was blocked for {} ms: the peer stopped reading", ended,
                        settings.sseIdleTimeoutMs());
            }
        }
        for (Publisher publisher : publishers) {
            try {
                publisher.publish();
            } catch (RuntimeException e) {
                // a bad cycle must not end the schedule, nor starve the other topics: the next one may well succeed
                LOG.error("publishing {} failed", publisher.getClass().getSimpleName(), e);
            }
        }
    }

    /** Stops the cycle, then ends every stream: their request threads return to Jetty before the server stops. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        publishers.forEach(Publisher::close);
    }

    /** One SSE topic's side of the cycle: publish what changed since the last call, end its streams on close. */
    public interface Publisher {
        /** Called on the hub's thread only, {@code updates_per_second} times a second. */
        void publish();

        void close();
    }
}
