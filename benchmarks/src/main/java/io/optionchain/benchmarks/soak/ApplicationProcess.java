package io.optionchain.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application under soak, started through {@code bin/optionchain} exactly as a user starts it (the
 * launcher's JVM limits included) on the feed {@link SoakMarket} names, with its own port, bearer token and
 * temporary directory (the soak's config and the data directory), removed once it has stopped. Stopping
 * it is a shutdown hook as well as {@link #close()}, so neither Ctrl-C nor a harness failure leaves it
 * running.
 */
final class ApplicationProcess implements AutoCloseable {
    /** A clean stop closes the journal and Chronicle Map; longer than this and it is killed. */
    private static final long STOP_SECONDS = 30;

    private final Process process;
    private final int port;
    private final Path directory;
    private final String javaOptions;
    private final Thread stopOnExit = new Thread(this::stop, "soak-stop-application");

    /**
     * @param shippedConfig the config directory {@link SoakConfig} derives the soak's from
     * @param market        the feed's options and, for a separate market, its key for the environment
     * @param javaOptions   added to the caller's {@code JAVA_OPTS}, which bin/optionchain puts after its defaults
     * @param log           where the application's console output goes
     */
    ApplicationProcess(Path launcher, Path shippedConfig, String token, SoakMarket market, List<String> javaOptions,
                       Path log) {
        port = freePort();
        try {
            directory = Files.createTempDirectory("optionchain-soak");
            Files.createDirectories(directory.resolve("config"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the soak's temporary directory", e);
        }
        SoakConfig.write(shippedConfig, directory.resolve("config"));
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "--port", Integer.toString(port),
                "--data", directory.resolve("data").toString(), "--config", directory.resolve("config").toString()));
        command.addAll(market.launcherArguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OPTIONCHAIN_API_TOKEN", token);
        builder.environment().putAll(market.environment());
        List<String> opts = new ArrayList<>();
        String inherited = System.getenv("JAVA_OPTS");
        if (inherited != null && !inherited.isBlank()) {
            opts.add(inherited.strip());
        }
        opts.addAll(javaOptions);
        this.javaOptions = String.join(" ", opts);
        builder.environment().put("JAVA_OPTS", this.javaOptions);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launcher, e);
        }
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** bin/optionchain execs the JVM, so this is the application's own process. */
    long pid() {
        return process.pid();
    }

    /** What the application's JVM was given on top of bin/optionchain's defaults. */
    String javaOptions() {
        return javaOptions;
    }

    /**
     * The memory flags the application's JVM really runs with, read from {@code /proc/PID/cmdline}: the
     * launcher's defaults with JAVA_OPTS after them (the last of a flag wins), and glibc's arena cap from
     * {@code /proc/PID/environ}, which the launcher sets unless the caller did.
     */
    String memorySettings() {
        String flags = procStrings("cmdline").stream()
                .filter(arg -> arg.startsWith("-Xm") || arg.startsWith("-XX:Max") || arg.startsWith("-XX:Reserved")
                        || arg.startsWith("-XX:+Use") || arg.startsWith("-XX:Trim"))
                .collect(Collectors.joining(" "));
        String arenas = procStrings("environ").stream().filter(v -> v.startsWith("MALLOC_ARENA_MAX="))
                .map(v -> v.substring(v.indexOf('=') + 1)).findFirst().orElse("unset");
        return flags + ", MALLOC_ARENA_MAX " + arenas;
    }

    private List<String> procStrings(String file) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid()), file)),
                    StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Runs {@code jcmd PID VM.native_memory summary}; needs -XX:NativeMemoryTracking=summary at start. */
    String nativeMemorySummary() {
        return jcmd("VM.native_memory", "summary");
    }

    /**
     * Collects the whole heap ({@code jcmd PID GC.run}) and returns what is still live, in MiB, read from
     * {@code GC.heap_info}: the heap the application really needs, beside the limit it may fill.
     */
    double liveHeapMegabytes() {
        jcmd("GC.run");
        Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
        long kibibytes = 0;
        while (used.find()) {
            kibibytes += Long.parseLong(used.group(2));
        }
        return kibibytes / 1024.0;
    }

    /** The live heap's 40 largest classes ({@code jcmd PID GC.class_histogram}, which collects first). */
    String heapHistogram() {
        return jcmd("GC.class_histogram").lines().limit(44).collect(Collectors.joining("\n"));
    }

    private String jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid())));
        line.addAll(List.of(command));
        try {
            Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
            String text = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            run.waitFor(30, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted waiting for jcmd";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: the application is stopped either way
        }
    }

    /**
     * SIGTERM, so the application's own shutdown closes the journal and the map; SIGKILL if it hangs. Then
     * the temporary directory goes.
     */
    private synchronized void stop() {
        if (process.isAlive()) {
            // while bin/optionchain is still building, the JVM is not yet this process: stop its children too
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                return;
            }
        }
        delete(directory);
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("soak: could not remove " + directory + ": " + e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** The last lines of the application's log, for a failure message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
