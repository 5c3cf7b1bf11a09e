package io.optionchain.simulator;

import io.optionchain.simulator.faults.Faults;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own:
 * {@code java ... io.optionchain.simulator.SimulatorMain --rest-port 5000 --ws-port 8765 --seed 42 --rate 400}
 * (and {@code --max-symbols-per-connection N} to play a broker that caps each connection).
 * The API key comes from OPENALGO_API_KEY; without it a random key is generated. Keys are never printed.
 */
public final class SimulatorMain {
    /** OpenAlgo's own defaults, so an unmodified client finds the simulator where it expects OpenAlgo. */
    private static final int DEFAULT_REST_PORT = 5000;
    private static final int DEFAULT_WS_PORT = 8765;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String envKey = System.getenv("OPENALGO_API_KEY");
        boolean keyFromEnv = envKey != null && !envKey.isBlank();
        String apiKey = keyFromEnv ? envKey.strip() : generatedKey();
        SimulatorConfig config;
        try {
            config = parse(args, SimulatorConfig.defaults(apiKey).withPorts(DEFAULT_REST_PORT, DEFAULT_WS_PORT));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SimulatorMain [--host H] [--rest-port N] [--ws-port N] [--seed N] [--rate N]"
                    + " [--max-symbols-per-connection N]");
            System.exit(2);
            return;
        }
        OpenAlgoSimulator simulator = OpenAlgoSimulator.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "openalgo-simulator-shutdown"));
        System.out.println("OpenAlgo simulator " + config);
        System.out.println("  REST      " + simulator.restUrl() + "/api/v1/");
        System.out.println("  WebSocket " + simulator.wsUrl());
        System.out.println("  Faults    " + simulator.restUrl() + "/sim/faults (no key; loopback test tool)");
        System.out.println("  Inspect   " + simulator.restUrl() + "/sim/orders, " + simulator.restUrl() + "/sim/connections");
        System.out.println("  API key   " + (keyFromEnv ? "from OPENALGO_API_KEY"
                : "generated; set OPENALGO_API_KEY to choose one"));
        stopped.await();
    }

    static SimulatorConfig parse(String[] args, SimulatorConfig config) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            try {
                config = switch (flag) {
                    case "--host" -> config.withHost(value);
                    case "--rest-port" -> config.withPorts(port(value), config.wsPort());
                    case "--ws-port" -> config.withPorts(config.restPort(), port(value));
                    case "--seed" -> config.withSeed(Long.parseLong(value));
                    case "--rate" -> config.withTicksPerSecond(Integer.parseInt(value));
                    case "--max-symbols-per-connection" -> config.withMaxSymbolsPerConnection(Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
            }
        }
        return config;
    }

    private static int port(String value) {
        int port = Integer.parseInt(value);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        return port;
    }

    private static String generatedKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
