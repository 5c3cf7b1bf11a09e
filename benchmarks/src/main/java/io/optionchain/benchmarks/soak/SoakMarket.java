package io.optionchain.benchmarks.soak;

import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the soak's simulated OpenAlgo market runs, and what the application is told to reach it. In
 * production the market is another server, so by default it runs here, in the harness's JVM, and the
 * application connects to it as to a real OpenAlgo; its books, servers and tick thread are then no part of
 * the application's memory. {@code --market embedded} leaves it inside the application, as {@code --feed
 * simulator} does.
 */
final class SoakMarket implements AutoCloseable {
    /** The environment variable bin/optionchain's JVM reads the OpenAlgo key from (LaunchOptions). */
    private static final String API_KEY_VARIABLE = "OPENALGO_API_KEY";

    /** The two places the market can run. */
    enum Placement {
        /** In the harness's JVM; the application gets {@code --feed openalgo}, as in production. */
        SEPARATE,
        /** In the application's JVM ({@code --feed simulator}), so its memory counts as the application's. */
        EMBEDDED;

        static Placement parse(String value) {
            return switch (value) {
                case "separate" -> SEPARATE;
                case "embedded" -> EMBEDDED;
                default -> throw new IllegalArgumentException("--market must be separate or embedded, got '"
                        + value + "'");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Placement placement;
    /** Null when embedded: the application starts its own. */
    private final OpenAlgoSimulator simulator;

    private SoakMarket(Placement placement, OpenAlgoSimulator simulator) {
        this.placement = placement;
        this.simulator = simulator;
    }

    /**
     * @param shippedConfig the config directory whose {@code simulator:} seed and pace the separate market
     *                      copies, so both placements tick the same market
     */
    static SoakMarket start(Placement placement, Path shippedConfig) {
        if (placement == Placement.EMBEDDED) {
            return new SoakMarket(placement, null);
        }
        // a fresh key per run, as the embedded market makes one: it reaches the application's environment only
        String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        return new SoakMarket(placement, OpenAlgoSimulator.start(SoakConfig.market(shippedConfig, key)));
    }

    Placement placement() {
        return placement;
    }

    /** bin/optionchain's options naming the feed. */
    List<String> launcherArguments() {
        if (simulator == null) {
            return List.of("--feed", "simulator");
        }
        // always-open: the market ticks at any hour, as the embedded one does; the configured NSE hours would
        // treat an evening soak as a closed market
        return List.of("--feed", "openalgo", "--openalgo-url", simulator.restUrl(), "--ws-url", simulator.wsUrl(),
                "--trading-hours", "always-open");
    }

    /** What the application's environment needs beside its token: the key, with the separate market. */
    Map<String, String> environment() {
        return simulator == null ? Map.of() : Map.of(API_KEY_VARIABLE, simulator.config().apiKey());
    }

    /** One line for the results; never the key. */
    String describe() {
        if (simulator == null) {
            return "market: embedded (--feed simulator: the simulated OpenAlgo market inside the application's "
                    + "JVM, its memory counted with the application's)";
        }
        SimulatorConfig config = simulator.config();
        return String.format(Locale.ROOT, "market: separate (the simulated OpenAlgo market in the harness's JVM, "
                        + "seed %d, %d ticks/s; the application reaches it with --feed openalgo --openalgo-url %s "
                        + "--ws-url %s --trading-hours always-open, as a real server)", config.seed(),
                config.ticksPerSecond(), simulator.restUrl(), simulator.wsUrl());
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
