package io.optionchain.web;

import io.optionchain.web.config.ApplicationConfig;
import io.optionchain.web.config.ConfigException;
import io.optionchain.web.config.ConfigLoader;
import io.optionchain.web.config.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/** {@code bin/optionchain}: parse options, load config, start, and stop cleanly on Ctrl-C. */
public final class OptionChainMain {
    private static final Logger LOG = LoggerFactory.getLogger(OptionChainMain.class);

    private OptionChainMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println("optionchain: " + e.getMessage());
            }
            System.err.println(LaunchOptions.USAGE);
            System.exit("help".equals(e.getMessage()) ? 0 : 2);
            return;
        }
        ApplicationConfig config;
        try {
            config = new ConfigLoader().load(options.configDir());
            options.accounts(System.getenv()); // a bad accounts file is told here, before anything starts
        } catch (ConfigException e) {
            System.err.println("optionchain: bad configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.port() != null) {
            // the config as it runs: --port wins over server.port, and the log must say the port that is used
            config = config.withServer(new ServerSettings(config.server().host(), options.port(), config.server().token()));
        }
        LOG.info("starting with {}\n{}", options, config.describe());
        OptionChainApplication application = OptionChainApplication.start(options, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }, "shutdown"));
        LOG.info("live option chain on http://{}:{}/option-chain, JSON on /api/option-chain/NIFTY (Ctrl-C stops)",
                config.server().host(), application.port());
        stopped.await();
    }
}
