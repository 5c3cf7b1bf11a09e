package io.optionchain.web;

import io.optionchain.web.config.ApplicationConfig;
import io.optionchain.web.config.ConfigLoader;
import io.optionchain.web.config.DashboardSettings;
import io.optionchain.web.config.ServerSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The product as {@code bin/optionchain} starts it, on the embedded simulated market, on a free port, with
 * the shipped config except what a test names: the real thing for tests of its pages and streams.
 */
public final class RunningApplication implements AutoCloseable {
    public static final String TOKEN = "test-token-0123456789abcdef";

    private final OptionChainApplication application;
    private final ApplicationHttp http;

    private RunningApplication(OptionChainApplication application) {
        this.application = application;
        this.http = new ApplicationHttp(application);
    }

    /** With the shipped dashboard settings and {@link #TOKEN} as the configured token. */
    public static RunningApplication start(Path data) throws InterruptedException {
        return start(data, DashboardSettings.defaults(), TOKEN);
    }

    /** @param token the configured token; empty to have one generated into {@code data} */
    public static RunningApplication start(Path data, DashboardSettings dashboard, String token)
            throws InterruptedException {
        ApplicationConfig shipped = new ConfigLoader().load(Path.of("..", "config"));
        ApplicationConfig config = shipped.withServer(new ServerSettings("127.0.0.1", 0, token)).withDashboard(dashboard);
        LaunchOptions options = LaunchOptions.parse(new String[] {"--port", "0", "--data", data.toString()}, Map.of());
        OptionChainApplication application = OptionChainApplication.start(options, config);
        if (!application.awaitChainsOpened(Duration.ofSeconds(60))) {
            application.close();
            throw new AssertionError("chains did not open within 60 s");
        }
        return new RunningApplication(application);
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
}
