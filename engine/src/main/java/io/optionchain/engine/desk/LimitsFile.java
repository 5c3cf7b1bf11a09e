package io.optionchain.engine.desk;

import io.optionchain.engine.journal.DurableFile;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LimitScope;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.engine.stops.MtmScope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE_NAME} in the data directory: the MTM limits as last set, and each scope's state today (the floor
 * it locked, the limit that fired), replaced whole and durably ({@link DurableFile}) so a crash leaves the old file
 * or the new one. Text, one scope a line, tab-separated (names cannot hold a tab: they hold no control character),
 * so an operator can read it:
 *
 * <pre>
 *   limit   account          max_loss=5000.0  max_profit=12000.0
 *   limit   holding   dhan   max_loss=3000.0
 *   limit   strategy  s1     max_loss=2000.0  lock_at=3000.0  lock=1000.0  trail_every=500.0  trail_by=400.0
 *   squareoff strategy s1   at=15:10
 *   state   strategy  s1     floor_day=20429  floor=1400.0  fired_day=…  fired=PROFIT_LOCK  fired_mtm=…  …
 * </pre>
 *
 * A file that cannot be read stops the start with its name, line and what is wrong, like a bad config: limits
 * silently gone would let a day's loss run past them.
 */
final class LimitsFile {
    static final String FILE_NAME = "risk-limits.tsv";
    private static final List<String> LIMIT_FIELDS = List.of("max_loss", "max_profit", "lock_at", "lock",
            "trail_every", "trail_by");

    /** What the file holds: the limits, and each scope's saved state in the order written. */
    record Contents(RiskLimits limits, List<SavedState> states) {
    }

    /** One scope's state as written. */
    record SavedState(LimitScope scope, String name, long floorDay, double floor, long firedDay, ExitReason fired,
                      double firedMtm, double firedLevel, long firedMillis) {
        void applyTo(MtmScope target) {
            target.restore(floorDay, floor, firedDay, fired, firedMtm, firedLevel, firedMillis);
        }
    }

    private final Path file;

    LimitsFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    void write(RiskLimits limits, List<MtmScope> scopes) throws IOException {
        StringBuilder text = new StringBuilder("# MTM limits (PUT /api/risk/limits) and their state today; written by"
                + " the engine, replaced whole\n");
        if (limits.account() != null) {
            limitLine(text, LimitScope.ACCOUNT, null, limits.account());
        }
        limits.accounts().forEach((name, limit) -> limitLine(text, LimitScope.HOLDING_ACCOUNT, name, limit));
        limits.strategies().forEach((name, limit) -> limitLine(text, LimitScope.STRATEGY, name, limit));
        limits.squareOffs().forEach((name, time) -> text.append("squareoff\t").append(scopeWords(LimitScope.STRATEGY,
                name)).append("\tat=").append(time.format(ExitRules.SQUARE_OFF_TIME)).append('\n'));
        for (MtmScope scope : scopes) {
            text.append("state\t").append(scopeWords(scope.scope, scope.name))
                    .append("\tfloor_day=").append(scope.floorDay())
                    .append("\tfloor=").append(scope.storedFloor())
                    .append("\tfired_day=").append(scope.firedDay())
                    .append("\tfired=").append(scope.storedFired())
                    .append("\tfired_mtm=").append(scope.firedMtm())
                    .append("\tfired_level=").append(scope.firedLevel())
                    .append("\tfired_at=").append(scope.firedMillis()).append('\n');
        }
        DurableFile.replace(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void limitLine(StringBuilder text, LimitScope scope, String name, MtmLimit limit) {
        text.append("limit\t").append(scopeWords(scope, name));
        Double[] values = {limit.maxLoss(), limit.maxProfit(), limit.lockAt(), limit.lock(), limit.trailEvery(),
                limit.trailBy()};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                text.append('\t').append(LIMIT_FIELDS.get(i)).append('=').append(values[i]);
            }
        }
        text.append('\n');
    }

    private static String scopeWords(LimitScope scope, String name) {
        return switch (scope) {
            case ACCOUNT -> "account";
            case HOLDING_ACCOUNT -> "holding\t" + name;
            case STRATEGY -> "strategy\t" + name;
        };
    }

    /** The file's contents; none when there is no file. */
    Contents read() {
        if (!Files.exists(file)) {
            return new Contents(RiskLimits.none(), List.of());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot be read: " + e.getMessage(), e);
        }
        MtmLimit account = null;
        Map<String, MtmLimit> strategies = new LinkedHashMap<>();
        Map<String, MtmLimit> accounts = new LinkedHashMap<>();
        Map<String, LocalTime> squareOffs = new LinkedHashMap<>();
        List<SavedState> states = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                String[] words = line.split("\t", -1);
                LimitScope scope = switch (words[1]) {
                    case "account" -> LimitScope.ACCOUNT;
                    case "holding" -> LimitScope.HOLDING_ACCOUNT;
                    case "strategy" -> LimitScope.STRATEGY;
                    default -> throw new IllegalArgumentException("scope must be account, holding or strategy, got "
                            + words[1]);
                };
                String name = scope == LimitScope.ACCOUNT ? null : words[2];
                Map<String, String> fields = fields(words, scope == LimitScope.ACCOUNT ? 2 : 3);
                switch (words[0]) {
                    case "limit" -> {
                        MtmLimit limit = new MtmLimit(number(fields, "max_loss"), number(fields, "max_profit"),
                                number(fields, "lock_at"), number(fields, "lock"), number(fields, "trail_every"),
                                number(fields, "trail_by"));
                        switch (scope) {
                            case ACCOUNT -> account = limit;
                            case HOLDING_ACCOUNT -> accounts.put(name, limit);
                            case STRATEGY -> strategies.put(name, limit);
                        }
                    }
                    case "squareoff" -> squareOffs.put(name, LocalTime.parse(fields.get("at"), ExitRules.SQUARE_OFF_TIME));
                    case "state" -> {
                        String fired = fields.get("fired");
                        states.add(new SavedState(scope, name, Long.parseLong(fields.get("floor_day")),
                                Double.parseDouble(fields.get("floor")), Long.parseLong(fields.get("fired_day")),
                                fired == null || fired.equals("null") ? null : ExitReason.valueOf(fired),
                                Double.parseDouble(fields.get("fired_mtm")),
                                Double.parseDouble(fields.get("fired_level")),
                                Long.parseLong(fields.get("fired_at"))));
                    }
                    default -> throw new IllegalArgumentException("a line is a limit, a squareoff or a state, got "
                            + words[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": " + e.getMessage()
                        + " (fix or remove the file; PUT /api/risk/limits writes it anew)", e);
            }
        }
        return new Contents(new RiskLimits(account, strategies, accounts, squareOffs), states);
    }

    private static Map<String, String> fields(String[] words, int from) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = from; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("field " + (i + 1) + " is not name=value: " + words[i]);
            }
            fields.put(words[i].substring(0, equals), words[i].substring(equals + 1));
        }
        return fields;
    }

    private static Double number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
    }
}
