package io.optionchain.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one load-harness run does. Parsed from the command line; every value is checked, naming the
 * value and the rule.
 *
 * @param rates        offered rates tried first, frames a second, ascending; the search starts above them
 * @param warmUp       time at each rate before latencies count: lets the JIT settle and queues fill
 * @param window       measured time at each rate; longer gives steadier tails
 * @param searchSteps  extra trials spent finding the highest sustainable rate; 0 skips the search
 * @param options      option contracts subscribed, a multiple of 4 (the two indices come on top)
 * @param setup        ring topology and wait strategy of the main run
 * @param compare      setups to compare at {@code compareRates} before the main run; empty skips
 * @param compareRates rates of the wait-strategy comparison
 * @param baseline     whether to run the naive baseline at the highest sustained rate
 * @param output       directory for the table, JSON, histograms and plot
 */
record HarnessOptions(List<Integer> rates, Duration warmUp, Duration window, int searchSteps, int options,
                      Setup setup, List<Setup> compare, List<Integer> compareRates,
                      boolean baseline, Path output) {

    static final String USAGE = """
            usage: bin/bench [--quick] [--rates 2000,10000,50000,100000] [--warmup S] [--duration S]
                             [--search-steps N] [--instruments N] [--setup [three-stage/|one-stage/]WAIT]
                             [--compare SETUP,SETUP,...] [--compare-rates 2000,50000] [--no-baseline] [--out DIR]
              WAIT: blocking, yielding, sleeping or busy-spin; e.g. --compare blocking,yielding,sleeping,busy-spin""";

    HarnessOptions {
        if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate < 1 || rate > 1_000_000)) {
            throw new IllegalArgumentException("rates must be 1..1000000 frames a second, got " + rates);
        }
        if (warmUp.isNegative() || window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("warm-up must be 0 s or more and the window 1 s or more, got "
                    + warmUp.toSeconds() + " s and " + window.toSeconds() + " s");
        }
        if (searchSteps < 0 || searchSteps > 20) {
            throw new IllegalArgumentException("search steps must be 0..20, got " + searchSteps);
        }
        if (options < 200 || options > 3_000 || options % 4 != 0) {
            throw new IllegalArgumentException("instruments must be a multiple of 4 in 200..3000, got " + options);
        }
        rates = rates.stream().sorted().toList();
    }

    /** 2k, 10k, 50k and 100k a second, 3 s warm-up, 10 s windows, 4 search steps, 2,000 options: about 4 minutes. */
    static HarnessOptions defaults() {
        return new HarnessOptions(List.of(2_000, 10_000, 50_000, 100_000), Duration.ofSeconds(3),
                Duration.ofSeconds(10), 4, 2_000, new Setup(Topology.ONE_STAGE, WaitChoice.BLOCKING), List.of(),
                List.of(2_000, 50_000), true,
                Path.of("benchmarks", "results"));
    }

    static HarnessOptions parse(String[] args) {
        HarnessOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--quick" -> o = new HarnessOptions(o.rates, Duration.ofSeconds(1), Duration.ofSeconds(3), 2,
                        o.options, o.setup, o.compare, o.compareRates, o.baseline, o.output);
                case "--no-baseline" -> o = new HarnessOptions(o.rates, o.warmUp, o.window, o.searchSteps, o.options,
                        o.setup, o.compare, o.compareRates, false, o.output);
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value"
                                : "unknown argument " + flag);
                    }
                    o = o.with(flag, args[++i]);
                }
            }
        }
        return o;
    }

    private HarnessOptions with(String flag, String value) {
        return switch (flag) {
            case "--rates" -> new HarnessOptions(numbers(flag, value), warmUp, window, searchSteps, options,
                    setup, compare, compareRates, baseline, output);
            case "--warmup" -> new HarnessOptions(rates, Duration.ofSeconds(number(flag, value)), window, searchSteps,
                    options, setup, compare, compareRates, baseline, output);
            case "--duration" -> new HarnessOptions(rates, warmUp, Duration.ofSeconds(number(flag, value)),
                    searchSteps, options, setup, compare, compareRates, baseline, output);
            case "--search-steps" -> new HarnessOptions(rates, warmUp, window, number(flag, value), options,
                    setup, compare, compareRates, baseline, output);
            case "--instruments" -> new HarnessOptions(rates, warmUp, window, searchSteps, number(flag, value),
                    setup, compare, compareRates, baseline, output);
            case "--setup" -> new HarnessOptions(rates, warmUp, window, searchSteps, options, Setup.of(value),
                    compare, compareRates, baseline, output);
            case "--compare" -> new HarnessOptions(rates, warmUp, window, searchSteps, options, setup,
                    Arrays.stream(value.split(",")).map(Setup::of).toList(), compareRates, baseline, output);
            case "--compare-rates" -> new HarnessOptions(rates, warmUp, window, searchSteps, options, setup,
                    compare, numbers(flag, value), baseline, output);
            case "--out" -> new HarnessOptions(rates, warmUp, window, searchSteps, options, setup, compare,
                    compareRates, baseline, Path.of(value));
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

    private static List<Integer> numbers(String flag, String value) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : value.split(",")) {
            numbers.add(number(flag, part));
        }
        return numbers;
    }
}
