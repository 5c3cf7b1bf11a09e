package io.optionchain.benchmarks.soak;

import io.optionchain.simulator.SimulatorConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's config directory: the shipped {@code config/} with exactly three values changed, so the
 * soak measures the product's settings at the issue's size rather than a config of its own that would
 * drift from them. About 2,000 instruments: every expiry the simulated market lists (NIFTY's eight weekly
 * Tuesdays and its third monthly, BANKNIFTY's three monthlies), twelve chains, each ATM ± 20 plus 20 spare
 * strikes a side, 162 options; 1,944 options and the two indices.
 */
final class SoakConfig {
    static final int NIFTY_EXPIRIES = 9;
    static final int BANKNIFTY_EXPIRIES = 3;
    /** The most {@code engine.spare_strikes} allows. */
    static final int SPARE_STRIKES = 20;
    /** Options of one chain: 2 legs × (41 window strikes + 2 × spare). */
    static final int OPTIONS_PER_CHAIN = 2 * (41 + 2 * SPARE_STRIKES);
    static final int INSTRUMENTS = (NIFTY_EXPIRIES + BANKNIFTY_EXPIRIES) * OPTIONS_PER_CHAIN + 2;

    private SoakConfig() {
    }

    /** Writes application.yaml, underlyings.yaml and the trading-hours templates into {@code target}, which must exist. */
    static void write(Path shipped, Path target) {
        try {
            String application = Files.readString(shipped.resolve("application.yaml"));
            Files.writeString(target.resolve("application.yaml"),
                    set(application, "application.yaml", "spare_strikes", List.of(SPARE_STRIKES)));
            String underlyings = Files.readString(shipped.resolve("underlyings.yaml"));
            Files.writeString(target.resolve("underlyings.yaml"),
                    set(underlyings, "underlyings.yaml", "expiries", List.of(NIFTY_EXPIRIES, BANKNIFTY_EXPIRIES)));
            // the trading-hours templates as shipped: the application refuses to start without the one it follows
            Path hours = target.resolve("trading-hours");
            Files.createDirectories(hours);
            try (var templates = Files.list(shipped.resolve("trading-hours"))) {
                for (Path template : templates.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.copy(template, hours.resolve(template.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the soak's config to " + target, e);
        }
    }

    /**
     * The separate market as the application would start the embedded one: the shipped {@code simulator:}
     * seed and ticks a second, on loopback, free ports, with {@code apiKey}.
     */
    static SimulatorConfig market(Path shipped, String apiKey) {
        String application;
        try {
            application = Files.readString(shipped.resolve("application.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + shipped.resolve("application.yaml"), e);
        }
        return SimulatorConfig.defaults(apiKey).withSeed(simulatorValue(application, "seed"))
                .withTicksPerSecond(Math.toIntExact(simulatorValue(application, "ticks_per_second")));
    }

    /** A whole number under the top-level {@code simulator:} section, and nowhere else. */
    static long simulatorValue(String yaml, String key) {
        boolean inSection = false;
        Pattern value = Pattern.compile("^\\s+" + Pattern.quote(key) + ":\\s*(\\d+)");
        for (String line : yaml.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                inSection = line.startsWith("simulator:");
                continue;
            }
            Matcher m = value.matcher(line);
            if (inSection && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalStateException("application.yaml has no '" + key + ":' under 'simulator:', which the "
                + "soak's separate market copies");
    }

    /**
     * Replaces the values of {@code key} in the order they appear, one value per occurrence; the file
     * must hold exactly as many, or the shipped config has changed shape and the soak would measure
     * something else without saying so.
     */
    static String set(String yaml, String file, String key, List<Integer> values) {
        Matcher m = Pattern.compile("(?m)^(\\s*" + Pattern.quote(key) + ":\\s*)\\d+").matcher(yaml);
        StringBuilder out = new StringBuilder();
        int found = 0;
        while (m.find()) {
            if (found < values.size()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + values.get(found)));
            }
            found++;
        }
        if (found != values.size()) {
            throw new IllegalStateException(file + " holds " + found + " '" + key + ":' lines, the soak expects "
                    + values.size() + " (NIFTY then BANKNIFTY where there are two)");
        }
        m.appendTail(out);
        return out.toString();
    }
}
