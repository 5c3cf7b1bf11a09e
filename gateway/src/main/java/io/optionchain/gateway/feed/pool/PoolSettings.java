package io.optionchain.gateway.feed.pool;

/**
 * How a {@link MarketDataPool} spreads symbols over connections.
 *
 * @param maxConnections       most WebSocket connections per account; 1..16. OpenAlgo pools 3 broker
 *                             connections per account
 * @param symbolsPerConnection most symbols one connection holds; 1..10,000. OpenAlgo's broker adapters hold
 *                             1,000; some brokers refuse fewer (Zerodha drops past ~550), which the pool
 *                             learns from their refusals and works around
 * @param hotStandby           each connection has a twin on the same account holding the same subscriptions in
 *                             the same modes, both feeding the ring: when one drops the other is already streaming,
 *                             so no tick is lost while it reconnects. Costs twice the sockets, frames and decoding
 *                             here (stage 1 drops the second copy of every tick); OpenAlgo reference-counts a
 *                             symbol across its clients, so the broker sees no extra subscription. A twin does not
 *                             count against {@code maxConnections}, which then counts pairs
 */
public record PoolSettings(int maxConnections, int symbolsPerConnection, boolean hotStandby) {

    public PoolSettings {
        if (maxConnections < 1 || maxConnections > 16) {
            throw new IllegalArgumentException("maxConnections must be 1..16, got " + maxConnections);
        }
        if (symbolsPerConnection < 1 || symbolsPerConnection > 10_000) {
            throw new IllegalArgumentException("symbolsPerConnection must be 1..10000, got " + symbolsPerConnection);
        }
    }

    /** Without a hot standby. */
    public PoolSettings(int maxConnections, int symbolsPerConnection) {
        this(maxConnections, symbolsPerConnection, false);
    }

    /** OpenAlgo's own broker pool: 3 connections of 1,000 symbols, no hot standby. */
    public static PoolSettings defaults() {
        return new PoolSettings(3, 1_000);
    }

    public PoolSettings withHotStandby(boolean on) {
        return new PoolSettings(maxConnections, symbolsPerConnection, on);
    }

    public int capacity() {
        return maxConnections * symbolsPerConnection;
    }
}
