package io.optionchain.gateway.feed.pool;

/**
 * How a {@link MarketDataPool} spreads symbols over connections.
 *
 * @param maxConnections       most WebSocket connections per account; 1..16. OpenAlgo pools 3 broker
 *                             connections per account
 * @param symbolsPerConnection most symbols one connection holds; 1..10,000. OpenAlgo's broker adapters hold
 *                             1,000; some brokers refuse fewer (Zerodha drops past ~550), which the pool
 *                             learns from their refusals and works around
 */
public record PoolSettings(int maxConnections, int symbolsPerConnection) {

    public PoolSettings {
        if (maxConnections < 1 || maxConnections > 16) {
            throw new IllegalArgumentException("maxConnections must be 1..16, got " + maxConnections);
        }
        if (symbolsPerConnection < 1 || symbolsPerConnection > 10_000) {
            throw new IllegalArgumentException("symbolsPerConnection must be 1..10000, got " + symbolsPerConnection);
        }
    }

    /** OpenAlgo's own broker pool: 3 connections of 1,000 symbols. */
    public static PoolSettings defaults() {
        return new PoolSettings(3, 1_000);
    }

    public int capacity() {
        return maxConnections * symbolsPerConnection;
    }
}
