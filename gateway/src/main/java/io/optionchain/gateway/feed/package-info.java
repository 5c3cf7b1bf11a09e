/**
 * The market-data WebSocket: one connection to OpenAlgo ({@link io.optionchain.gateway.feed.MarketDataClient}) with
 * its settings, status, backoff, stale-link watchdog, control replies, subscriptions and the reader thread's
 * per-frame work; the engine's {@code MarketDataFeed}.
 *
 * <p>Depends on {@code decode}; {@code feed.pool} builds on it. Nothing here knows the pool.
 */
package io.optionchain.gateway.feed;
