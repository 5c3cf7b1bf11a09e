package io.optionchain.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own:
 * {@code java ... io.optionchain.simulator.SimulatorMain --rest-port 5000 --ws-port 8765 --seed 42 --rate 400}
 * (and {@code --max-symbols-per-connection N} to play a broker that caps each connection).
 * The API key comes from OPENALGO_API_KEY; without it a random key is generated. Keys are never printed.
 * With {@code --accounts name:broker:restPort:wsPort,...} it runs several accounts over one market instead
 * ({@link AccountsOption}: each key from {@code OPENALGO_KEY_<NAME>}).
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
        List<AccountSpec> accounts;
        try {
            config = parse(args, SimulatorConfig.defaults(apiKey).withPorts(DEFAULT_REST_PORT, DEFAULT_WS_PORT));
            accounts = AccountsOption.parse(args, System::getenv, SimulatorMain::generatedKey);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SimulatorMain [--host H] [--rest-port N] [--ws-port N] [--seed N] [--rate N]"
                    + " [--max-symbols-per-connection N] [--accounts name:broker:restPort:wsPort,...]");
            System.exit(2);
            return;
        }
        AutoCloseable running;
        if (accounts.isEmpty()) {
            OpenAlgoSimulator simulator = OpenAlgoSimulator.start(config);
            running = simulator;
            System.out.println("OpenAlgo simulator " + config);
            print("", simulator.restUrl(), simulator.wsUrl(),
                    keyFromEnv ? "from OPENALGO_API_KEY" : "generated; set OPENALGO_API_KEY to choose one");
        } else {
            SimulatedBrokers brokers = SimulatedBrokers.start(config, accounts);
            running = brokers;
            System.out.println("OpenAlgo simulator, " + accounts.size() + " accounts over one market: host="
                    + config.host() + ", seed=" + config.seed() + ", ticksPerSecond=" + config.ticksPerSecond());
            for (SimulatedAccount account : brokers.accounts()) {
                String variable = AccountsOption.keyVariable(account.name());
                String key = System.getenv(variable);
                System.out.println("  account " + account.name() + " (broker " + account.broker() + ")");
                print("  ", account.restUrl(), account.wsUrl(), key != null && !key.isBlank() ? "from " + variable
                        : "generated; set " + variable + " to choose one");
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("simulator did not stop cleanly: " + e);
            }
            stopped.countDown();
        }, "openalgo-simulator-shutdown"));
        stopped.await();
    }

    private static void print(String indent, String restUrl, String wsUrl, String keySource) {
        System.out.println(indent + "  REST      " + restUrl + "/api/v1/");
        System.out.println(indent + "  WebSocket " + wsUrl);
        System.out.println(indent + "  Faults    " + restUrl + "/sim/faults (no key; loopback test tool)");
        System.out.println(indent + "  Inspect   " + restUrl + "/sim/orders, " + restUrl + "/sim/connections");
        System.out.println(indent + "  API key   " + keySource);
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
                    case AccountsOption.FLAG -> config; // the accounts are AccountsOption's to read
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
