package io.optionchain.simulator;

import java.time.Clock;

/**
 * How the simulated OpenAlgo server runs.
 *
 * @param host           interface to bind; 127.0.0.1 unless a test host needs another loopback address
 * @param restPort       port of the REST API ({@code /api/v1/...}); 0 picks a free one
 * @param wsPort         port of the market-data WebSocket (served at path "/"); 0 picks a free one
 * @param apiKey         the one API key the server accepts, in REST bodies and WS authenticate
 * @param seed           seed of every random choice, so a run replays exactly
 * @param ticksPerSecond market-data frames per second across all subscribed symbols
 * @param clock          market time (expiries, time to expiry, timestamps); a fixed clock in tests
 * @param maxSymbolsPerConnection distinct symbols one WebSocket connection may subscribe; 0 for no cap
 *                       (OpenAlgo's proxy has none per client). Set it to play a broker that caps each
 *                       connection, so a client must spread its symbols over a pool of connections.
 */
public record SimulatorConfig(String host, int restPort, int wsPort, String apiKey, long seed,
                              int ticksPerSecond, Clock clock, int maxSymbolsPerConnection) {

    public SimulatorConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("simulator apiKey must be set");
        }
        if (ticksPerSecond < 1 || ticksPerSecond > 1_000_000) {
            throw new IllegalArgumentException("ticksPerSecond must be 1..1000000, got " + ticksPerSecond);
        }
        if (maxSymbolsPerConnection < 0) {
            throw new IllegalArgumentException("maxSymbolsPerConnection must be 0 (no cap) or more, got "
                    + maxSymbolsPerConnection);
        }
    }

    /** As before the cap existed: no cap. */
    public SimulatorConfig(String host, int restPort, int wsPort, String apiKey, long seed, int ticksPerSecond,
                           Clock clock) {
        this(host, restPort, wsPort, apiKey, seed, ticksPerSecond, clock, 0);
    }

    public static SimulatorConfig defaults(String apiKey) {
        return new SimulatorConfig("127.0.0.1", 0, 0, apiKey, 42L, 400, Clock.systemUTC());
    }

    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(newHost, restPort, wsPort, apiKey, seed, ticksPerSecond, clock,
                maxSymbolsPerConnection);
    }

    public SimulatorConfig withPorts(int rest, int ws) {
        return new SimulatorConfig(host, rest, ws, apiKey, seed, ticksPerSecond, clock, maxSymbolsPerConnection);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(host, restPort, wsPort, apiKey, newSeed, ticksPerSecond, clock,
                maxSymbolsPerConnection);
    }

    public SimulatorConfig withTicksPerSecond(int rate) {
        return new SimulatorConfig(host, restPort, wsPort, apiKey, seed, rate, clock, maxSymbolsPerConnection);
    }

    public SimulatorConfig withClock(Clock newClock) {
        return new SimulatorConfig(host, restPort, wsPort, apiKey, seed, ticksPerSecond, newClock,
                maxSymbolsPerConnection);
    }

    public SimulatorConfig withMaxSymbolsPerConnection(int cap) {
        return new SimulatorConfig(host, restPort, wsPort, apiKey, seed, ticksPerSecond, clock, cap);
    }

    /** Masks the key: this record's toString may reach a log. */
    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", restPort=" + restPort + ", wsPort=" + wsPort
                + ", apiKey=****, seed=" + seed + ", ticksPerSecond=" + ticksPerSecond
                + (maxSymbolsPerConnection > 0 ? ", maxSymbolsPerConnection=" + maxSymbolsPerConnection : "") + "]";
    }
}
