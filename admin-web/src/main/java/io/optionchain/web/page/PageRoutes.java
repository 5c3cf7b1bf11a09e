package io.optionchain.web.page;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.optionchain.engine.market.Underlying;
import io.optionchain.web.api.Routes;
import io.optionchain.web.config.DashboardSettings;
import io.optionchain.web.json.DashboardJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The live option-chain page: {@code GET /option-chain}, its script and style under {@code /assets/} (from the
 * classpath: nothing is fetched from elsewhere), and {@code GET /api/dashboard/settings}, what the page needs
 * to know before its first stream (underlyings, lot sizes, thresholds). The page is static; all data arrives as
 * JSON and is written with DOM text, and a Content-Security-Policy allows scripts from this server only.
 */
public final class PageRoutes implements Routes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final List<Underlying> underlyings;
    private final DashboardSettings settings;
    private final String page;

    public PageRoutes(List<Underlying> underlyings, DashboardSettings settings) {
        this.underlyings = underlyings;
        this.settings = settings;
        this.page = resource("/web/option-chain.html");
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/web/assets";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
        config.routes.get("/option-chain", this::page);
        config.routes.get("/api/dashboard/settings", ctx -> ctx.json(DashboardJson.settings(underlyings, settings)));
    }

    private void page(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.html(page);
    }

    private static String resource(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath: the build left out the page");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
