package io.optionchain.web;

import io.optionchain.engine.accounts.AccountProfile;
import io.optionchain.engine.accounts.AccountRole;
import io.optionchain.gateway.accounts.AccountEndpoint;
import io.optionchain.web.config.AccountsFile;
import io.optionchain.web.config.ConfigException;
import io.optionchain.web.config.KeyNeeds;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * What the command line and the environment ask for. Keys come only from the environment ({@code OPENALGO_API_KEY},
 * or the variables an accounts file names) or from files their owner alone may read: a key on the command line
 * would sit in shell history and {@code ps}.
 *
 * @param port       HTTP port, or null to take the config's
 * @param feed       {@code simulator} (embedded market) or {@code openalgo} (a real server)
 * @param apiKey     OpenAlgo API key of {@code --openalgo-url}; null with the simulator, which makes its own, and
 *                   with {@code --accounts}, whose accounts name their own
 * @param tradingHours the trading-hours template to start with; null for the configured or the feed's default
 * @param clockStart the instant the whole process's clock starts at, running on at real speed; null for now
 * @param accountsFile {@code --accounts FILE}, the accounts to take market data from and fail over between; null
 *                   for one account ({@code --openalgo-url} and {@code --ws-url}, or the embedded market's)
 */
public record LaunchOptions(Integer port, Path dataDir, Path configDir, String feed, String openAlgoUrl,
                            String wsUrl, String apiKey, String tradingHours, OffsetDateTime clockStart,
                            Path accountsFile) {
    public static final String FEED_SIMULATOR = "simulator";
    public static final String FEED_OPENALGO = "openalgo";
    public static final String API_KEY_VARIABLE = "OPENALGO_API_KEY";
    /** The one account of today's flags, named as a one-account file would name it. */
    public static final String ONE_ACCOUNT_NAME = "primary";
    public static final String ONE_ACCOUNT_BROKER = "openalgo";

    static final String USAGE = String.join("\n",
            "usage: optionchain [--port N] [--data DIR] [--config DIR] [--feed simulator|openalgo]",
            "                   [--openalgo-url URL --ws-url URL | --accounts FILE] [--trading-hours NAME]",
            "                   [--clock INSTANT]",
            "  --port N           HTTP port (default from config/application.yaml: 7070)",
            "  --data DIR         runtime data directory (default ./data)",
            "  --config DIR       configuration directory (default ./config)",
            "  --feed simulator   embedded simulated OpenAlgo market (default)",
            "  --feed openalgo    real OpenAlgo servers: one with --openalgo-url, --ws-url and the",
            "                     API key in the environment variable " + API_KEY_VARIABLE + ", or those of --accounts",
            "  --accounts FILE    the accounts to take market data from and fail over between, e.g.",
            "                     config/accounts.yaml; each names its key's variable or owner-only file.",
            "                     With the simulator feed: one simulated server per account on its ports",
            "                     (try config/accounts-demo.yaml)",
            "  --trading-hours NAME  the trading-hours template to follow (config/trading-hours/NAME.json);",
            "                     default: trading_hours.template in config, else always-open with the",
            "                     simulator and nse-fo with --feed openalgo",
            "  --clock INSTANT    run the whole process (engine and embedded market) from this instant on,",
            "                     at real speed, e.g. --clock 2026-12-28T09:14:50+05:30");

    public LaunchOptions {
        if (!FEED_SIMULATOR.equals(feed) && !FEED_OPENALGO.equals(feed)) {
            throw new IllegalArgumentException("--feed must be simulator or openalgo, got " + feed);
        }
        if (accountsFile != null && (openAlgoUrl != null || wsUrl != null)) {
            throw new IllegalArgumentException(
                    "--accounts names every account's URLs; leave out --openalgo-url and --ws-url");
        }
        if (FEED_OPENALGO.equals(feed) && accountsFile == null) {
            if (openAlgoUrl == null || wsUrl == null) {
                throw new IllegalArgumentException("--feed openalgo needs --openalgo-url and --ws-url, or --accounts"
                        + " FILE");
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
        Path accounts = null;
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
                case "--accounts" -> accounts = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        // with --accounts each account names its own key, read by accounts(environment)
        String key = FEED_OPENALGO.equals(feed) && accounts == null ? environment.get(API_KEY_VARIABLE) : null;
        return new LaunchOptions(port, data, config, feed, openAlgoUrl, wsUrl, key, tradingHours, clockStart,
                accounts);
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

    /**
     * The accounts market data may come from, best first in the file's order (the failover ranks them): the one
     * place the application asks, whatever the command line's form.
     * <ul>
     * <li>{@code --feed openalgo --openalgo-url --ws-url}: one account, {@code primary} of broker {@code openalgo},
     * keyed by {@code OPENALGO_API_KEY}, as a one-account file would say;</li>
     * <li>{@code --feed openalgo --accounts FILE}: real servers, each key from the variable or file it names;</li>
     * <li>{@code --accounts FILE} on the embedded market: one simulated server per account, listening on its
     * URLs' ports, keys empty (the application makes them);</li>
     * <li>the embedded market alone: one account on port 0 (free ports, as before accounts), key empty.</li>
     * </ul>
     *
     * @param environment the process's variables, for {@code api_key_env}
     * @throws ConfigException naming the accounts file, line and field of a mistake in it
     */
    public List<AccountEndpoint> accounts(Map<String, String> environment) {
        if (accountsFile != null) {
            return AccountsFile.read(accountsFile, environment, simulated() ? KeyNeeds.NONE : KeyNeeds.EVERY_ACCOUNT);
        }
        AccountProfile only = new AccountProfile(ONE_ACCOUNT_NAME, ONE_ACCOUNT_BROKER, AccountRole.PRIMARY, 1);
        if (simulated()) {
            return List.of(new AccountEndpoint(only, "http://127.0.0.1:0", "ws://127.0.0.1:0", ""));
        }
        return List.of(new AccountEndpoint(only, openAlgoUrl, wsUrl, apiKey));
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
                + (clockStart == null ? "" : ", clock=" + clockStart)
                + (accountsFile == null ? "" : ", accounts=" + accountsFile) + "]";
    }
}
