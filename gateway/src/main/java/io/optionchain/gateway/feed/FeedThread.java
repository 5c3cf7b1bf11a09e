package io.optionchain.gateway.feed;

import org.slf4j.Logger;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one daemon thread that owns a {@link MarketDataClient}'s or a pool's state: callers hand it work and return
 * at once, so they never block and never race one another.
 *
 * <p>Where the contract bends: after {@link #shutdownNow()} {@link #execute} drops work (logged at debug), since a
 * closed feed has nothing left to change; {@link #schedule} still throws, as a task on this thread expects. A task
 * that throws is logged and the thread lives on; a periodic task is not silently cancelled.
 */
public final class FeedThread {
    private final String owner;
    private final Logger log;
    private final ScheduledExecutorService executor;

    /**
     * @param threadName e.g. "openalgo-feed-primary-1"
     * @param owner      what the thread works for in log lines, e.g. "market-data client"
     * @param log        the owner's logger, so its lines keep their category
     */
    public FeedThread(String threadName, String owner, Logger log) {
        this.owner = owner;
        this.log = log;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("{} is closed; request ignored", owner);
        }
    }

    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return executor.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} every {@code periodMillis}, the first time one period from now. */
    public void every(long periodMillis, Runnable task) {
        executor.scheduleWithFixedDelay(guarded(task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} after everything queued before it and waits at most {@code timeoutMillis} for its result. */
    public <T> T call(Callable<T> task, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        return executor.submit(task).get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public void shutdownNow() {
        executor.shutdownNow();
    }

    /** A failing task must not kill the thread, nor silently cancel a periodic one. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("{} task failed", owner, e);
            }
        };
    }
}
