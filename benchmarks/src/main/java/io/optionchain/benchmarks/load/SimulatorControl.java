package io.optionchain.benchmarks.load;

import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The simulated market in its own JVM, steered by the harness over stdin and stdout, so the harness's
 * memory and CPU figures are the engine's and not the market's. Starts paused; the key comes from
 * OPENALGO_API_KEY.
 *
 * <pre>
 *   → (on start)   ready REST_URL WS_URL
 *   ← rate N       → ok             frames a second from now on, 0 pauses
 *   ← counts       → counts SENT WITHHELD    tick frames sent, and withheld from a lagging client
 *   ← connections  → connections ID:SYMBOLS …  every live market-data session and the symbols it holds
 *   ← drop ID      → dropped N       aborts that one session, as a network drop would (N is 1, or 0 if gone)
 *   ← quit or EOF  → (exits)
 * </pre>
 */
public final class SimulatorControl {
    private SimulatorControl() {
    }

    public static void main(String[] args) throws IOException {
        String apiKey = System.getenv("OPENALGO_API_KEY");
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("SimulatorControl needs OPENALGO_API_KEY");
            System.exit(2);
        }
        OpenAlgoSimulator simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(apiKey).withTicksPerSecond(1));
        simulator.rate(0);
        System.out.println("ready " + simulator.restUrl() + " " + simulator.wsUrl());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (simulator) {
            for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
                System.out.println(answer(simulator, line.trim()));
                System.out.flush();
            }
        }
    }

    private static String answer(OpenAlgoSimulator simulator, String command) {
        if (command.startsWith("rate ")) {
            simulator.rate(Integer.parseInt(command.substring("rate ".length())));
            return "ok";
        }
        if (command.equals("counts")) {
            return "counts " + simulator.sentTicks() + " " + simulator.droppedTicks();
        }
        if (command.equals("connections")) {
            StringBuilder reply = new StringBuilder("connections");
            simulator.connections().forEach(c -> reply.append(' ').append(c.id()).append(':').append(c.symbols()));
            return reply.toString();
        }
        if (command.startsWith("drop ")) {
            return "dropped " + simulator.faults().dropConnection(command.substring("drop ".length()));
        }
        return "error unknown command: " + command;
    }
}
