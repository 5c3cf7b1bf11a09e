package io.optionchain.gateway.feed;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A market-data connection's test for a dead link, the counterpart of the {@link Backoff} that brings it back:
 * no frame, ping or pong for {@link FeedSettings#staleAfter()}, or, while the market is open and symbols are
 * subscribed, no tick for as long. The {@link MarketDataClient} runs it periodically on its thread and drops
 * the connection it condemns.
 */
final class StaleWatchdog {
    private final long staleAfterMillis;
    private final FeedCounters counters;
    private final SubscriptionBook book;
    private final BooleanSupplier dataExpected;

    /** @param dataExpected whether ticks should be flowing now: off-hours a silent feed is a quiet market */
    StaleWatchdog(FeedSettings settings, FeedCounters counters, SubscriptionBook book, BooleanSupplier dataExpected) {
        this.staleAfterMillis = settings.staleAfter().toMillis();
        this.counters = counters;
        this.book = book;
        this.dataExpected = dataExpected;
    }

    /** staleAfter 0 turns the check off. */
    boolean enabled() {
        return staleAfterMillis > 0;
    }

    /** Often enough to notice within a quarter of staleAfter, never busier than twice a second. */
    long periodMillis() {
        return Math.max(500, staleAfterMillis / 4);
    }

    /**
     * @param connectedNanos when the live connection authenticated; its data silence counts from there until a tick
     * @return why the live connection is dead, or null while it is not
     */
    String deadLinkCause(long connectedNanos) {
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - counters.lastFrameNanos());
        if (silentMillis > staleAfterMillis) {
            return "no frame, ping or pong for " + silentMillis + " ms";
        }
        // A link that answers pings but carries no ticks is as dead to a stop-loss as a closed one: OpenAlgo's
        // "stale feed" after a broker stops streaming (issues #1419, #810) looks exactly like this.
        if (book.size() > 0 && dataExpected.getAsBoolean()) {
            long dataSilentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                    - Math.max(counters.lastTickNanos(), connectedNanos));
            if (dataSilentMillis > staleAfterMillis) {
                return "no tick for " + dataSilentMillis + " ms on " + book.size() + " subscribed symbols";
            }
        }
        return null;
    }
}
