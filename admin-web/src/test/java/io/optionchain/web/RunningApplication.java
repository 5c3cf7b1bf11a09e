package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.web.config.ApplicationConfig;
import io.optionchain.web.config.ConfigLoader;
import io.optionchain.web.config.DashboardSettings;
import io.optionchain.web.config.FeedConfig;
import io.optionchain.web.config.ServerSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The in-process end-to-end fixture: the product as {@code bin/optionchain} starts it, on a free loopback port,
 * with the shipped config except what a test names, on the embedded market or on a simulator the test holds (to
 * inject faults, count orders) reached as a real OpenAlgo. {@link ApplicationProcess} is its twin in a JVM of
 * its own, for tests that kill the process.
 */
public final class RunningApplication implements AutoCloseable {
    public static final String TOKEN = "test-token-0123456789abcdef";
    /** Short enough that a stall is noticed in seconds; everything else as shipped. */
    static final FeedConfig FAST_RECOVERY = new FeedConfig(5_000, 5_000, 100, 50, 1_000, 1_000, 3_000, 3, 1_000,
            3, 30_000, 900_000, FailoverSettings.SUSPENDED_MESSAGES);
    private static final Duration OPENING = Duration.ofSeconds(60);
    /** The shipped config directory (its YAML and its trading-hours templates), seen from admin-web. */
    private static final Path CONFIG = Path.of("..", "config");

    private final OptionChainApplication application;
    private final ApplicationHttp http;

    private RunningApplication(OptionChainApplication application) {
        this.application = application;
        this.http = new ApplicationHttp(application::port);
    }

    /** With the shipped dashboard settings and {@link #TOKEN} as the configured token, on the embedded market. */
    public static RunningApplication start(Path data) throws InterruptedException {
        return in(data).token(TOKEN).start();
    }

    /** @param token the configured token; empty to have one generated into {@code data} */
    public static RunningApplication start(Path data, DashboardSettings dashboard, String token)
            throws InterruptedException {
        return in(data).dashboard(dashboard).token(token).start();
    }

    /** A start on {@code data} with the shipped config and the embedded market, until the test names otherwise. */
    public static Launch in(Path data) {
        return new Launch(data);
    }

    public int port() {
        return application.port();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + application.port() + path;
    }

    public OptionChainApplication application() {
        return application;
    }

    public ApplicationHttp http() {
        return http;
    }

    @Override
    public void close() {
        application.close();
    }

    /** All 41 rows with both legs quoted (bid, ask, OI) and the index price known. */
    public static boolean everyLegQuoted(JsonNode chain) {
        for (JsonNode row : chain.get("options")) {
            for (String side : new String[] {"ce_data", "pe_data"}) {
                JsonNode leg = row.get(side);
                if (leg.get("bid").isNull() || leg.get("ask").isNull() || leg.get("oi").isNull()) {
                    return false;
                }
            }
        }
        return chain.get("options").size() == 41 && !chain.get("underlying_ltp").isNull();
    }

    /** What differs from {@code bin/optionchain --port 0 --data DATA}; each call names one thing. */
    public static final class Launch {
        private final Path data;
        private final List<String> feedArguments = new ArrayList<>();
        private final List<String> moreArguments = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();
        /**
         * The shipped config but for the MIS square-off at 15:15 IST, which would exit the positions of a test that
         * happens to run across that minute: tests must pass at any hour. A test of it asks for it by name.
         */
        private UnaryOperator<ApplicationConfig> config = c -> c.withRisk(c.risk().withMisSquareOffAt("off"));

        private Launch(Path data) {
            this.data = data;
        }

        /** @param token the API token to configure; empty to have one generated into the data directory */
        public Launch token(String token) {
            return config(c -> c.withServer(new ServerSettings("127.0.0.1", 0, token)));
        }

        public Launch dashboard(DashboardSettings dashboard) {
            return config(c -> c.withDashboard(dashboard));
        }

        /** Any other change to the shipped config, applied after those named before it. */
        public Launch config(UnaryOperator<ApplicationConfig> change) {
            UnaryOperator<ApplicationConfig> before = config;
            config = c -> change.apply(before.apply(c));
            return this;
        }

        /** {@code --feed openalgo} against {@code market}, as against a real OpenAlgo, with its key. */
        public Launch on(OpenAlgoSimulator market, String apiKey) {
            feedArguments.clear();
            // a real OpenAlgo follows nse-fo by default; tests must pass at any hour, so the market never closes
            // here unless a test names the template (and a --clock) itself
            feedArguments.addAll(List.of("--trading-hours", "always-open"));
            feedArguments.addAll(List.of("--feed", "openalgo", "--openalgo-url", market.restUrl(),
                    "--ws-url", market.wsUrl()));
            environment.put(LaunchOptions.API_KEY_VARIABLE, apiKey);
            return this;
        }

        /**
         * {@code --feed openalgo --accounts FILE}: several OpenAlgo servers, as in production, each account's key in
         * the environment variable its entry names.
         */
        public Launch onAccounts(Path accountsFile, Map<String, String> keys) {
            feedArguments.clear();
            feedArguments.addAll(List.of("--trading-hours", "always-open", "--feed", "openalgo",
                    "--accounts", accountsFile.toString()));
            environment.putAll(keys);
            return this;
        }

        /** A stalled feed noticed in seconds: for tests that break the feed. */
        public Launch fastRecovery() {
            return config(c -> c.withFeed(FAST_RECOVERY));
        }

        /** More command-line options, after (and so winning over) those the fixture sets. */
        public Launch arguments(String... more) {
            moreArguments.addAll(List.of(more));
            return this;
        }

        /** Starts, and returns once the chain monitor's first pass is done; fails after 60 s. */
        public RunningApplication start() throws InterruptedException {
            OptionChainApplication application = launch();
            if (!application.awaitChainsOpened(OPENING)) {
                application.close();
                throw new AssertionError("chains did not open within " + OPENING.toSeconds() + " s");
            }
            return new RunningApplication(application);
        }

        /** Starts and returns at once: for a test whose account does not answer yet, so no chain can open. */
        public RunningApplication startWithoutWaiting() {
            return new RunningApplication(launch());
        }

        private OptionChainApplication launch() {
            ApplicationConfig shipped = new ConfigLoader().load(CONFIG);
            List<String> arguments = new ArrayList<>(List.of("--port", "0", "--data", data.toString(),
                    "--config", CONFIG.toString()));
            arguments.addAll(feedArguments);
            arguments.addAll(moreArguments);
            return OptionChainApplication.start(LaunchOptions.parse(arguments.toArray(String[]::new), environment),
                    config.apply(shipped), environment);
        }
    }
}
