package io.optionchain.web.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Turns the market data's state into alerts: {@code FEED_DOWN} when no usable account is left (the chains and
 * stops see the last quotes; status's {@code market_data_stale}), {@code FEED_RESTORED} when it flows again.
 * The failover decides that on its own thread and keeps no listeners, so this looks once a {@code period} on a
 * thread of its own, and hands each change to the notifier, which never waits.
 */
public final class FeedWatch implements AutoCloseable {
    /** Builds the alert for a change: {@code down} true for FEED_DOWN; at {@code atMillis}, epoch ms. */
    @FunctionalInterface
    public interface FeedAlerts {
        Alert alert(boolean down, long atMillis);
    }

    private final BooleanSupplier down;
    private final FeedAlerts alerts;
    private final AlertNotifier notifier;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private boolean wasDown;

    public FeedWatch(BooleanSupplier down, FeedAlerts alerts, AlertNotifier notifier, Clock clock) {
        this.down = down;
        this.alerts = alerts;
        this.notifier = notifier;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-feed-watch");
            t.setDaemon(true);
            return t;
        });
    }

    public FeedWatch start(Duration period) {
        thread.scheduleWithFixedDelay(this::look, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One look: an alert when the state changed since the last. */
    void look() {
        boolean now = down.getAsBoolean();
        if (now != wasDown) {
            wasDown = now;
            String kind = now ? AlertKinds.FEED_DOWN : AlertKinds.FEED_RESTORED;
            notifier.offer(kind, () -> alerts.alert(now, clock.millis()));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
