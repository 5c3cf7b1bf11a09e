/**
 * One account's market data over several connections ({@link io.optionchain.gateway.feed.pool.MarketDataPool}):
 * placement of symbols on connections, recovery when a connection is lost or refuses symbols, and status.
 *
 * <p>Depends on {@code feed}, which does not depend back.
 */
package io.optionchain.gateway.feed.pool;
