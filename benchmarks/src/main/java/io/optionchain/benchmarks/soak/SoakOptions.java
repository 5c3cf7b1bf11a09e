package io.optionchain.benchmarks.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one soak does. Parsed from the command line; every value is checked, naming the value and the rule.
 *
 * @param duration    how long the load runs once the application is ready (the soak: 10 minutes)
 * @param rate        REST requests a second, paced open loop: a request is due at its time whether or
 *                    not earlier ones have been answered
 * @param streams     SSE clients held open and reading; the application serves 64 at most
 * @param positions   positions opened and closed over the run (half exited, half cancelled); unless given,
 *                    1,000 per 10 minutes, so a shorter check keeps the pace
 * @param hold        how long each position stays open before it is exited or cancelled
 * @param sampleEvery how often the application's memory and CPU are read and a table row printed
 * @param launcher    {@code bin/optionchain}, which starts the application as a user would
 * @param config      the shipped config directory the soak's config is derived from
 * @param output      directory for the table, the samples and the application's log
 * @param nativeMemory whether the application runs with native memory tracking, its summary saved at the end
 * @param market      where the simulated market runs: separate (the harness's JVM, as production's OpenAlgo
 *                    is another server) or embedded in the application, whose memory it then shares
 */
record SoakOptions(Duration duration, int rate, int streams, int positions, Duration hold, Duration sampleEvery,
                   Path launcher, Path config, Path output, boolean nativeMemory, SoakMarket.Placement market) {

    static final String USAGE = """
            usage: bin/soak [--seconds 600] [--rate 500] [--streams 64] [--positions N] [--hold-seconds 10]
                            [--sample-seconds 10] [--native-memory] [--market separate|embedded] [--out DIR]
              positions: 1,000 per 600 s unless given; JAVA_OPTS reaches the application's JVM
              market: separate (default) runs the simulated market in this harness and the application with
                      --feed openalgo, as in production; embedded runs it inside the application (--feed simulator)""";

    static final Duration DEFAULT_DURATION = Duration.ofSeconds(600);
    static final int DEFAULT_POSITIONS = 1_000;

    SoakOptions {
        if (duration.compareTo(Duration.ofSeconds(30)) < 0 || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("seconds must be 30..86400, got " + duration.toSeconds());
        }
        if (rate < 1 || rate > 10_000) {
            throw new IllegalArgumentException("rate must be 1..10000 requests a second, got " + rate);
        }
        if (streams < 0 || streams > 64) {
            throw new IllegalArgumentException("streams must be 0..64 (the application's max_clients), got "
                    + streams);
        }
        if (hold.isNegative() || hold.compareTo(duration.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("hold must be 0 s up to half the run (" + duration.toSeconds() / 2
                    + " s), got " + hold.toSeconds() + " s");
        }
        if (positions < 0 || positions > 100_000) {
            throw new IllegalArgumentException("positions must be 0..100000, got " + positions);
        }
        if (sampleEvery.compareTo(Duration.ofSeconds(1)) < 0 || sampleEvery.compareTo(duration) > 0) {
            throw new IllegalArgumentException("sample seconds must be 1..the run's length, got "
                    + sampleEvery.toSeconds());
        }
    }

    /** The soak: 10 minutes, 500 requests a second, 64 streams, 1,000 positions. */
    static SoakOptions defaults(Path root) {
        return new SoakOptions(DEFAULT_DURATION, 500, 64, DEFAULT_POSITIONS, Duration.ofSeconds(10),
                Duration.ofSeconds(10), root.resolve("bin/optionchain"), root.resolve("config"),
                root.resolve("benchmarks/results/soak"), false, SoakMarket.Placement.SEPARATE);
    }

    /** @param root the project's checkout, where bin/, config/ and benchmarks/ are */
    static SoakOptions parse(Path root, String[] args) {
        SoakOptions o = defaults(root);
        boolean positionsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--native-memory")) {
                o = new SoakOptions(o.duration, o.rate, o.streams, o.positions, o.hold, o.sampleEvery, o.launcher,
                        o.config, o.output, true, o.market);
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + flag);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            positionsGiven |= flag.equals("--positions");
            o = o.with(flag, value);
        }
        if (!positionsGiven) {
            int paced = (int) Math.round(DEFAULT_POSITIONS * o.duration.toSeconds()
                    / (double) DEFAULT_DURATION.toSeconds());
            o = new SoakOptions(o.duration, o.rate, o.streams, paced, o.hold, o.sampleEvery, o.launcher, o.config,
                    o.output, o.nativeMemory, o.market);
        }
        return o;
    }

    private SoakOptions with(String flag, String value) {
        return switch (flag) {
            case "--seconds" -> new SoakOptions(Duration.ofSeconds(number(flag, value)), rate, streams, positions,
                    hold, sampleEvery, launcher, config, output, nativeMemory, market);
            case "--rate" -> new SoakOptions(duration, number(flag, value), streams, positions, hold, sampleEvery,
                    launcher, config, output, nativeMemory, market);
            case "--streams" -> new SoakOptions(duration, rate, number(flag, value), positions, hold, sampleEvery,
                    launcher, config, output, nativeMemory, market);
            case "--positions" -> new SoakOptions(duration, rate, streams, number(flag, value), hold, sampleEvery,
                    launcher, config, output, nativeMemory, market);
            case "--hold-seconds" -> new SoakOptions(duration, rate, streams, positions,
                    Duration.ofSeconds(number(flag, value)), sampleEvery, launcher, config, output, nativeMemory,
                    market);
            case "--sample-seconds" -> new SoakOptions(duration, rate, streams, positions, hold,
                    Duration.ofSeconds(number(flag, value)), launcher, config, output, nativeMemory, market);
            case "--out" -> new SoakOptions(duration, rate, streams, positions, hold, sampleEvery, launcher, config,
                    Path.of(value), nativeMemory, market);
            case "--market" -> new SoakOptions(duration, rate, streams, positions, hold, sampleEvery, launcher, config,
                    output, nativeMemory, SoakMarket.Placement.parse(value));
            default -> throw new IllegalArgumentException("unknown option " + flag);
        };
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
        }
    }
}
