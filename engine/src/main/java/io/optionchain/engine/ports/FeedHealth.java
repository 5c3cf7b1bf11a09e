package io.optionchain.engine.ports;

/**
 * Whether market data is live now, as the feed sees it: ticks arriving from an account that can be used. The
 * "can this stop execute now?" check shows a stale feed against every position, and the REST-quote fallback polls
 * the positions' legs while it is stale. Implemented outside the engine (the gateway's failover feed); any thread,
 * never blocks.
 */
@FunctionalInterface
public interface FeedHealth {
    /** A feed taken as always live: for a desk that is not told about its feed (tests, the Java API alone). */
    FeedHealth LIVE = () -> null;

    /** Why market data is not live now, in words safe to show (never a key); null while it is. */
    String staleness();
}
