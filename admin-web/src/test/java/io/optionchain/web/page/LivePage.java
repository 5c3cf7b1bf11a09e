package io.optionchain.web.page;

import io.optionchain.web.RunningApplication;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the browser tests drive: the live page in {@link HeadlessChromium}, served by the application running on
 * the embedded market, with a wait of 45 s and the DOM read in single scripts (one script call sees one moment).
 */
final class LivePage implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(45);

    private final RunningApplication app;
    private final WebDriver browser;
    private final WebDriverWait await;

    private LivePage(RunningApplication app, WebDriver browser) {
        this.app = app;
        this.browser = browser;
        this.await = new WebDriverWait(browser, WAIT, Duration.ofMillis(200));
    }

    /** Starts the application on {@code data} and a browser with its profile in {@code profile}, at {@code path}. */
    static LivePage open(Path data, Path profile, String path) throws InterruptedException {
        return open(RunningApplication.in(data).token(RunningApplication.TOKEN), profile, path);
    }

    /** Starts the application as {@code launch} says (another market, say) and a browser, at {@code path}. */
    static LivePage open(RunningApplication.Launch launch, Path profile, String path) throws InterruptedException {
        RunningApplication app = launch.start();
        try {
            LivePage page = new LivePage(app, HeadlessChromium.start(profile));
            page.browser.get(app.url(path));
            return page;
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
    }

    RunningApplication app() {
        return app;
    }

    WebDriver browser() {
        return browser;
    }

    WebDriverWait await() {
        return await;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    long count(String selector) {
        return (Long) script("return document.querySelectorAll(arguments[0]).length;", selector);
    }

    @SuppressWarnings("unchecked")
    List<String> texts(String selector) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);",
                selector);
    }

    @Override
    public void close() {
        try {
            browser.quit();
        } finally {
            app.close();
        }
    }
}
