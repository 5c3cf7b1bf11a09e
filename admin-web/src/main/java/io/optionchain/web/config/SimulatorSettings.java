package io.optionchain.web.config;

/**
 * The embedded simulated market used when no OpenAlgo server is given.
 *
 * @param seed           seed of the simulated market; the same seed replays the same prices
 * @param ticksPerSecond frames per second across all subscribed symbols
 */
public record SimulatorSettings(long seed, int ticksPerSecond) {
    public SimulatorSettings {
        if (ticksPerSecond < 1 || ticksPerSecond > 1_000_000) {
            throw new IllegalArgumentException("ticks_per_second must be 1..1000000, got " + ticksPerSecond);
        }
    }
}
