package io.optionchain.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on the simulated market running in a child JVM ({@link SimulatorControl}):
 * starts it on the harness's own class path, learns its URLs, sets its rate and reads its counters.
 * The child exits when its stdin closes, so it cannot outlive a harness that dies.
 */
final class SimulatorProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader replies;
    private final String restUrl;
    private final String wsUrl;

    /** Frames the market has handed its socket for clients, and frames it withheld from a lagging one. */
    record Counts(long sent, long withheld) {
        long offered() {
            return sent + withheld;
        }
    }

    /**
     * @param jvmFlags flags of the child JVM, e.g. its heap
     * @param log      where the child's own log lines go
     */
    SimulatorProcess(String apiKey, List<String> jvmFlags, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SimulatorControl.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OPENALGO_API_KEY", apiKey);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulator JVM", e);
        }
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String[] ready = read().split(" ");
        if (ready.length != 3 || !ready[0].equals("ready")) {
            throw new IllegalStateException("simulator did not start (see " + log + "): " + String.join(" ", ready));
        }
        restUrl = ready[1];
        wsUrl = ready[2];
    }

    String restUrl() {
        return restUrl;
    }

    String wsUrl() {
        return wsUrl;
    }

    /** Frames a second across all subscribed symbols from now on; 0 pauses the market. */
    void rate(int framesPerSecond) {
        String reply = ask("rate " + framesPerSecond);
        if (!reply.equals("ok")) {
            throw new IllegalStateException("simulator refused rate " + framesPerSecond + ": " + reply);
        }
    }

    Counts counts() {
        String[] reply = ask("counts").split(" ");
        return new Counts(Long.parseLong(reply[1]), Long.parseLong(reply[2]));
    }

    /** Every live market-data session: its id and how many symbols it holds. */
    Map<String, Integer> connections() {
        Map<String, Integer> sessions = new LinkedHashMap<>();
        String[] reply = ask("connections").split(" ");
        for (int i = 1; i < reply.length; i++) {
            int colon = reply[i].lastIndexOf(':');
            sessions.put(reply[i].substring(0, colon), Integer.parseInt(reply[i].substring(colon + 1)));
        }
        return sessions;
    }

    /** Aborts one session, as a network drop would; false if it was already gone. */
    boolean drop(String id) {
        return ask("drop " + id).equals("dropped 1");
    }

    /** The child's process id, for CPU accounting. */
    long pid() {
        return process.pid();
    }

    private String ask(String command) {
        commands.println(command);
        return read();
    }

    private String read() {
        try {
            String line = replies.readLine();
            if (line == null) {
                throw new IllegalStateException("simulator exited with " + process.waitFor());
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the simulator", e);
        }
    }

    @Override
    public void close() {
        commands.println("quit");
        commands.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
