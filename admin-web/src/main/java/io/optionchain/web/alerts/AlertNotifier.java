package io.optionchain.web.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Alerts from the engine's threads to the targets, never holding either up: {@link #offer} puts an alert on a
 * bounded queue and returns at once (a full queue drops it and counts it), and one sender thread takes each in
 * turn to every target that wants its kind, retrying by the {@link RetryPolicy}. A target that hangs delays the
 * alerts behind it by its timeout per attempt, never the desk.
 *
 * <pre>
 *   exit executor (desk decisions) ─┐
 *   failover thread (FAILOVER) ─────┼─ offer ─► [ bounded queue ] ─► alert-sender ─► each target, with retries
 *   feed watch (FEED_DOWN) ─────────┘     full: dropped, counted
 * </pre>
 */
public final class AlertNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final List<Counted> targets;
    private final ArrayBlockingQueue<Alert> queue;
    private final int capacity;
    private final RetryPolicy policy;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread sender;
    /** Set by the first drop, cleared once the queue has drained to half: one warning per episode, not per alert. */
    private volatile boolean dropping;

    /** @param capacity alerts that may wait for the sender: 1..100,000 */
    public AlertNotifier(List<AlertTarget> targets, int capacity, RetryPolicy policy, Clock clock) {
        this.targets = targets.stream().map(Counted::new).toList();
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.policy = policy;
        this.clock = clock;
        this.sender = new Thread(this::send, "alert-sender");
        this.sender.setDaemon(true);
    }

    public AlertNotifier start() {
        if (!targets.isEmpty()) {
            sender.start();
            targets.forEach(t -> LOG.info("alerts go to {}", t.target));
        }
        return this;
    }

    /** Whether any target asks for this kind: the caller need not build an alert nobody wants. */
    public boolean wants(String kind) {
        for (Counted t : targets) {
            if (t.target.wants(kind)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Queues the alert for every target that wants its kind, or drops and counts it when the queue is full.
     * Never waits. Built only when some target wants {@code kind}.
     *
     * @return whether it was queued
     */
    public boolean offer(String kind, Supplier<Alert> alert) {
        return wants(kind) && offer(alert.get());
    }

    /** @see #offer(String, Supplier) */
    public boolean offer(Alert alert) {
        if (!wants(alert.kind())) {
            return false;
        }
        if (queue.offer(alert)) {
            return true;
        }
        dropped.incrementAndGet();
        for (Counted t : targets) {
            if (t.target.wants(alert.kind())) {
                t.dropped.incrementAndGet();
            }
        }
        if (!dropping) {
            dropping = true;
            LOG.warn("alert queue full ({} waiting): dropping alerts ({} first) until the targets catch up; counted"
                    + " in optionchain_alerts_dropped_total", capacity, alert.kind());
        }
        return false;
    }

    public AlertStatus status() {
        return new AlertStatus(queue.size(), capacity, dropped.get(), targets.stream().map(t ->
                new AlertStatus.Target(t.target.name(), t.target.host(), t.sent.get(), t.failed.get(),
                        t.retried.get(), t.dropped.get(), t.lastFailure, t.lastFailureMillis)).toList());
    }

    private void send() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Alert alert = queue.take();
                if (dropping && queue.size() <= capacity / 2) {
                    dropping = false;
                }
                for (Counted t : targets) {
                    if (t.target.wants(alert.kind())) {
                        deliver(t, alert);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: what still waits is not sent
        }
    }

    private void deliver(Counted t, Alert alert) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Delivery delivery;
            try {
                delivery = t.target.attempt(alert);
            } catch (RuntimeException e) {
                // a bug in a target must not stop the sender; its message may hold what the target holds
                delivery = new Delivery(Delivery.Outcome.REFUSED, e.getClass().getSimpleName(), null);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            switch (delivery.outcome()) {
                case SENT -> {
                    t.sent.incrementAndGet();
                    if (attempt > 1) {
                        LOG.info("alert {} to {} sent on attempt {}", alert.kind(), t.target, attempt);
                    }
                    return;
                }
                case REFUSED -> {
                    failed(t, delivery);
                    LOG.warn("alert {} to {} refused ({}), not retried", alert.kind(), t.target, delivery.cause());
                    return;
                }
                case RETRY -> {
                    if (attempt >= policy.maxAttempts()) {
                        failed(t, delivery);
                        LOG.warn("alert {} to {} failed after {} attempts ({})", alert.kind(), t.target, attempt,
                                delivery.cause());
                        return;
                    }
                    t.retried.incrementAndGet();
                    t.lastFailure = delivery.cause();
                    t.lastFailureMillis = clock.millis();
                    Duration wait = policy.delayBefore(attempt + 1, delivery.retryAfter(),
                            ThreadLocalRandom.current()::nextDouble);
                    LOG.debug("alert {} to {}: {}, attempt {} in {} ms", alert.kind(), t.target, delivery.cause(),
                            attempt + 1, wait.toMillis());
                    TimeUnit.MILLISECONDS.sleep(wait.toMillis());
                }
                default -> throw new IllegalStateException(delivery.outcome().name());
            }
        }
    }

    private void failed(Counted t, Delivery delivery) {
        t.failed.incrementAndGet();
        t.lastFailure = delivery.cause();
        t.lastFailureMillis = clock.millis();
    }

    @Override
    public void close() throws InterruptedException {
        sender.interrupt();
        if (sender.isAlive()) {
            sender.join(CLOSE_WAIT.toMillis());
        }
    }

    /** A target and its counters, written by the sender (drops by the offering thread), read by status. */
    private static final class Counted {
        final AlertTarget target;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        volatile String lastFailure;
        volatile long lastFailureMillis;

        Counted(AlertTarget target) {
            this.target = target;
        }
    }
}
