package io.optionchain.web.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.market.Underlying;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the config directory. Every mistake is reported as "file, line N, field: what is wrong", since
 * the person reading it has the file open in an editor, not the code.
 */
public final class ConfigLoader {
    public static final String APPLICATION_FILE = "application.yaml";
    public static final String UNDERLYINGS_FILE = "underlyings.yaml";

    /** What an optional field left out of the file reads as (see {@link UnderlyingEntry}). */
    static final String LEFT_OUT = "left out";
    /** The same, for a record's second optional field: Jackson takes one injection per id and record. */
    static final String ALSO_LEFT_OUT = "also left out";
    /** Keys of {@code trading_hours} before templates: refused, so nobody runs with hours silently ignored. */
    private static final List<String> MOVED_TRADING_HOURS_KEYS = List.of("timezone", "open", "close", "days",
            "holidays");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .setInjectableValues(new InjectableValues.Std().addValue(LEFT_OUT, null).addValue(ALSO_LEFT_OUT, null));

    public ApplicationConfig load(Path directory) {
        ApplicationFile application = read(directory.resolve(APPLICATION_FILE), ApplicationFile.class);
        UnderlyingsFile underlyings = read(directory.resolve(UNDERLYINGS_FILE), UnderlyingsFile.class);
        if (underlyings.underlyings() == null || underlyings.underlyings().isEmpty()) {
            throw new ConfigException(directory.resolve(UNDERLYINGS_FILE) + ": underlyings: list at least one index",
                    null);
        }
        List<Underlying> list = underlyings.underlyings().stream().map(entry -> entry.underlying).toList();
        List<String> names = list.stream().map(Underlying::name).collect(Collectors.toList());
        if (names.stream().distinct().count() != names.size()) {
            throw new ConfigException(directory.resolve(UNDERLYINGS_FILE) + ": underlyings: names repeat " + names,
                    null);
        }
        return new ApplicationConfig(application.server(), application.engine(), application.feed(),
                application.tradingHours(), application.simulator(), application.dashboard(), application.risk(),
                application.optionChain() == null ? OptionChainSettings.defaults() : application.optionChain(), list,
                application.alerts() == null ? AlertsConfig.defaults() : application.alerts());
    }

    /** One YAML file into {@code type}; every mistake a {@link ConfigException} naming file, line and field. */
    <T> T read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": file not found", null);
        }
        try {
            T value = yaml.readValue(file.toFile(), type);
            if (value == null) {
                throw new ConfigException(file + ": file is empty", null);
            }
            return value;
        } catch (JsonMappingException e) {
            if (e.getOriginalMessage().startsWith("No content to map")) {
                throw new ConfigException(file + ": file is empty", null); // nothing but comments, say
            }
            throw new ConfigException(describe(file, e, valueLines(file)), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ", line " + line(e.getLocation()) + ": not valid YAML: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private String describe(Path file, JsonMappingException e, Map<String, Integer> valueLines) {
        List<String> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.add(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        int line = line(e.getLocation());
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown && path.size() == 2
                && path.get(0).equals("trading_hours") && MOVED_TRADING_HOURS_KEYS.contains(path.get(1))) {
            problem = "moved into the trading-hours templates, config/trading-hours/*.json (sessions per weekday,"
                    + " holidays, special sessions); name the one to use with trading_hours.template";
            line = valueLines.getOrDefault(pointer(path), line);
        } else if (e instanceof UnrecognizedPropertyException && path.equals(List.of("risk", "tick_size"))) {
            problem = "moved: each option's price step comes from the server's contract data, the fallback from"
                    + " tick_size in underlyings.yaml; remove it here";
            line = valueLines.getOrDefault(pointer(path), line);
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            problem = "unknown field; expected one of " + unknown.getKnownPropertyIds();
            // a record's fields are buffered until all are read, so the parser may be past the field by now
            line = valueLines.getOrDefault(pointer(path), line);
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            // a record's own check failed: its message starts with the field it judged, e.g. "lot_size must be…"
            problem = e.getCause().getMessage();
            String judged = problem.split(" ", 2)[0];
            if (judged.matches("[a-z][a-z0-9_]*")) {
                path.add(judged);
                line = valueLines.getOrDefault(pointer(path), line);
            }
        } else if (e.getOriginalMessage().startsWith("Missing creator property")) {
            problem = "missing; every field of this section must be set";
            String missing = e.getOriginalMessage().replaceAll("^Missing creator property '([^']+)'.*$", "$1");
            if (path.isEmpty() || !path.get(path.size() - 1).equals(missing)) {
                path.add(missing);
            }
            // the parser stands at the section's end by now; its first line is where the person will look
            String section = path.size() == 1 ? "/" : pointer(path.subList(0, path.size() - 1)) + "/";
            line = valueLines.entrySet().stream().filter(v -> v.getKey().startsWith(section))
                    .map(Map.Entry::getValue).min(Integer::compare).orElse(line);
        } else {
            problem = e.getOriginalMessage().split("\n")[0];
        }
        return located(file, line, path.isEmpty() ? "(top)" : dotted(path), problem);
    }

    /** The one shape of every message about a config file: "file, line N, field: what is wrong". */
    static String located(Path file, int line, String field, String problem) {
        return file + ", line " + line + ", " + field + ": " + problem;
    }

    /** Line of every scalar value by its JSON pointer ("/underlyings/1/lot_size"), for records that judge fields. */
    Map<String, Integer> valueLines(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.getFactory().createParser(file.toFile())) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    // a key whose value is a list or a section: its own line, unless a scalar value says otherwise
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                } else if (token.isScalarValue()) {
                    lines.put(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            return lines; // the mapping error being described is the one worth reporting
        }
        return lines;
    }

    private static String pointer(List<String> path) {
        return "/" + String.join("/", path);
    }

    private static String dotted(List<String> path) {
        StringBuilder text = new StringBuilder();
        for (String part : path) {
            if (part.chars().allMatch(Character::isDigit)) {
                text.append('[').append(part).append(']');
            } else {
                text.append(text.length() == 0 ? "" : ".").append(part);
            }
        }
        return text.toString();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    /** Shape of {@code application.yaml}; {@code option_chain} and {@code alerts} may be left out (older files). */
    record ApplicationFile(ServerSettings server, EngineSettings engine, FeedConfig feed, TradingHoursConfig tradingHours,
                           SimulatorSettings simulator, DashboardSettings dashboard, RiskConfig risk,
                           @JacksonInject(value = LEFT_OUT, useInput = OptBoolean.TRUE)
                           OptionChainSettings optionChain,
                           @JacksonInject(value = ALSO_LEFT_OUT, useInput = OptBoolean.TRUE)
                           AlertsConfig alerts) {
    }

    /** Shape of {@code underlyings.yaml}. */
    record UnderlyingsFile(List<UnderlyingEntry> underlyings) {
    }

    /**
     * One index of {@code underlyings.yaml}. Every field must be set but {@code freeze_quantity}, {@code tick_size}
     * and {@code limit_price_protection}: left out, the freeze quantity is not known (exits are sent whole unless the
     * server gives one), the tick is NSE's 0.05 and the band NSE's for index options. Lot size, tick size and freeze
     * quantity are fallbacks: the server's contract data replaces each as a chain opens. A freeze quantity must be a
     * positive whole number of units, at least the lot size; the index's own checks run here too, so a bad value is
     * reported with its line.
     */
    static final class UnderlyingEntry {
        final Underlying underlying;

        @JsonCreator
        UnderlyingEntry(@JsonProperty("name") String name, @JsonProperty("index_exchange") String indexExchange,
                        @JsonProperty("option_exchange") String optionExchange, @JsonProperty("lot_size") int lotSize,
                        @JsonProperty("strike_step") BigDecimal strikeStep,
                        @JsonProperty("strikes_each_side") int strikesEachSide, @JsonProperty("expiries") int expiries,
                        @JsonProperty("freeze_quantity") @JacksonInject(value = LEFT_OUT, useInput = OptBoolean.TRUE)
                        BigDecimal freezeQuantity,
                        @JsonProperty("tick_size") @JacksonInject(value = LEFT_OUT, useInput = OptBoolean.TRUE)
                        BigDecimal tickSize,
                        @JsonProperty("limit_price_protection")
                        @JacksonInject(value = LEFT_OUT, useInput = OptBoolean.TRUE) BandEntry band) {
            this.underlying = new Underlying(name, indexExchange, optionExchange, lotSize, strikeStep, strikesEachSide,
                    expiries, freezeQuantity == null ? 0 : wholePositive(freezeQuantity),
                    tickSize == null ? Underlying.NSE_OPTION_TICK : tickSize.doubleValue(),
                    band == null ? PriceBand.NSE_INDEX_OPTIONS : band.band);
        }

        private static int wholePositive(BigDecimal quantity) {
            if (quantity.signum() <= 0 || quantity.stripTrailingZeros().scale() > 0
                    || quantity.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("freeze_quantity must be a positive whole number of units, got "
                        + quantity.toPlainString());
            }
            return quantity.intValueExact();
        }
    }

    /**
     * An index's {@code limit_price_protection}: the exchange's band around an option's reference price within which
     * a limit order is taken, {@code percent} of the reference each side and at least {@code minimum} rupees. Both
     * must be set; {@link PriceBand}'s own checks name the field they judge.
     */
    static final class BandEntry {
        final PriceBand band;

        @JsonCreator
        BandEntry(@JsonProperty("percent") double percent, @JsonProperty("minimum") double minimum) {
            this.band = new PriceBand(percent, minimum);
        }
    }
}
