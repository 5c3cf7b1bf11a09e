package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.OpenAlgoSimulator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The application in a JVM of its own, as {@code bin/optionchain} runs it, so a test can kill it the hard
 * way ({@code kill -9}: no shutdown hook, no flush, no close) and start it again on the same data directory:
 * the twin of {@link RunningApplication}, which runs it in the test's JVM.
 */
final class ApplicationProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final Path log;

    private ApplicationProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@link OptionChainMain} with this test JVM's class path and JVM flags (Chronicle's opens), on a
     * free port, with the shipped config, against {@code market} as against a real OpenAlgo, its output
     * appended to {@code log}.
     *
     * @param environment variables for the process: the OpenAlgo key ({@link LaunchOptions#API_KEY_VARIABLE}),
     *                    an API token
     */
    static ApplicationProcess on(OpenAlgoSimulator market, Path data, Map<String, String> environment, Path log)
            throws IOException {
        return start(List.of("--openalgo-url", market.restUrl(), "--ws-url", market.wsUrl()), data, environment,
                log);
    }

    /**
     * As {@link #on}, against the OpenAlgo servers an accounts file names ({@code --accounts FILE}), as
     * production runs several accounts: market data from any of them, each position's orders through its own.
     *
     * @param environment variables for the process: each account's key under the name its {@code api_key_env}
     *                    gives, an API token
     */
    static ApplicationProcess onAccounts(Path accountsFile, Path data, Map<String, String> environment, Path log)
            throws IOException {
        return start(List.of("--accounts", accountsFile.toString()), data, environment, log);
    }

    private static ApplicationProcess start(List<String> servers, Path data, Map<String, String> environment,
                                            Path log) throws IOException {
        Path config = Path.of("..", "config");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle") || flag.startsWith("-Xm")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OptionChainMain.class.getName(),
                "--port", Integer.toString(port), "--data", data.toString(), "--config", config.toString(),
                "--feed", "openalgo"));
        command.addAll(servers);
        command.addAll(List.of("--trading-hours", "always-open")); // the test's market never closes, whatever the hour
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ApplicationProcess(builder.start(), port, log);
    }

    int port() {
        return port;
    }

    ApplicationHttp http() {
        return new ApplicationHttp(this::port);
    }

    Path log() {
        return log;
    }

    /** Position {@code id} once {@code condition} holds, read as a client with {@code token} would; at most 60 s. */
    JsonNode awaitPosition(long id, String token,
            Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http().send("GET", "/api/positions/" + id, null, token);
            last = JSON.readTree(response.body());
            if (response.statusCode() == 200 && condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("position " + id + " never got there; last " + last + "; see " + log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the HTTP API answers; fails if the process dies first. */
    void awaitServing(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("application exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/option-chain/status"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("application did not serve within " + timeout + "; see " + log);
    }

    /** SIGKILL: the process gets no chance to flush, close or run a shutdown hook. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
