package io.optionchain.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What the command line and the environment ask for. The API key comes only from the environment
 * ({@code OPENALGO_API_KEY}): a key on the command line would sit in shell history and {@code ps}.
 *
 * @param port       HTTP port, or null to take the config's
 * @param feed       {@code simulator} (embedded market) or {@code openalgo} (a real server)
 * @param apiKey     OpenAlgo API key; null with the simulator, which makes its own
 * @param tradingHours the trading-hours template to start with; null for the configured or the feed's default
 * @param clockStart the instant the whole process's clock starts at, running on at real speed; null for now
 */
public record LaunchOptions(Integer port, Path dataDir, Path configDir, String feed, String openAlgoUrl,
                            String wsUrl, String apiKey, String tradingHours, OffsetDateTime clockStart) {
    public static final String FEED_SIMULATOR = "simulator";
    public static final String FEED_OPENALGO = "openalgo";
    public static final String API_KEY_VARIABLE = "OPENALGO_API_KEY";

    static final String USAGE = String.join("\n",
            "usage: optionchain [--port N] [--data DIR] [--config DIR] [--feed simulator|openalgo]",
            "                   [--openalgo-url URL] [--ws-url URL] [--trading-hours NAME] [--clock INSTANT]",
            "  --port N           HTTP port (default from config/application.yaml: 7070)",
            "  --data DIR         runtime data directory (default ./data)",
            "  --config DIR       configuration directory (default ./config)",
            "  --feed simulator   embedded simulated OpenAlgo market (default)",
            "  --feed openalgo    a real OpenAlgo server; needs --openalgo-url, --ws-url and the",
            "                     API key in the environment variable " + API_KEY_VARIABLE,
            "  --trading-hours NAME  the trading-hours template to follow (config/trading-hours/NAME.json);",
            "                     default: trading_hours.template in config, else always-open with the",
            "                     simulator and nse-fo with --feed openalgo",
            "  --clock INSTANT    run the whole process (engine and embedded market) from this instant on,",
            "                     at real speed, e.g. --clock 2026-12-28T09:14:50+05:30");

    public LaunchOptions {
        if (!FEED_SIMULATOR.equals(feed) && !FEED_OPENALGO.equals(feed)) {
            throw new IllegalArgumentException("--feed must be simulator or openalgo, got " + feed);
        }
        if (FEED_OPENALGO.equals(feed)) {
            if (openAlgoUrl == null || wsUrl == null) {
                throw new IllegalArgumentException("--feed openalgo needs --openalgo-url and --ws-url");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("--feed openalgo needs the API key in " + API_KEY_VARIABLE);
            }
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
    }

    public static LaunchOptions parse(String[] args, Map<String, String> environment) {
        Integer port = null;
        Path data = Path.of("data");
        Path config = Path.of("config");
        String feed = FEED_SIMULATOR;
        String openAlgoUrl = null;
        String wsUrl = null;
        String tradingHours = null;
        OffsetDateTime clockStart = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = parsePort(value);
                case "--data" -> data = Path.of(value);
                case "--config" -> config = Path.of(value);
                case "--feed" -> feed = value;
                case "--openalgo-url" -> openAlgoUrl = trimSlash(value);
                case "--ws-url" -> wsUrl = value;
                case "--trading-hours" -> tradingHours = value;
                case "--clock" -> clockStart = parseInstant(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        String key = FEED_OPENALGO.equals(feed) ? environment.get(API_KEY_VARIABLE) : null;
        return new LaunchOptions(port, data, config, feed, openAlgoUrl, wsUrl, key, tradingHours, clockStart);
    }

    private static OffsetDateTime parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--clock must be a date and time with its offset, such as "
                    + "2026-12-28T09:14:50+05:30, got " + value);
        }
    }

    /**
     * The one clock of the process: the system's, or with {@code --clock} the same clock shifted so that it
     * read {@code clockStart} at {@code now}, and runs on from there.
     */
    public Clock clock(Clock system) {
        if (clockStart == null) {
            return system;
        }
        return Clock.offset(system, Duration.between(system.instant(), clockStart.toInstant()));
    }

    private static Integer parsePort(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, got " + value);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public boolean simulated() {
        return FEED_SIMULATOR.equals(feed);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "LaunchOptions[port=" + port + ", data=" + dataDir + ", config=" + configDir + ", feed=" + feed
                + ", openalgoUrl=" + openAlgoUrl + ", wsUrl=" + wsUrl + ", apiKey=" + (apiKey == null ? "none" : "****")
                + (tradingHours == null ? "" : ", tradingHours=" + tradingHours)
                + (clockStart == null ? "" : ", clock=" + clockStart) + "]";
    }
}
