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
 * The pages: the live option chain ({@code GET /option-chain}) and the trading hours ({@code GET /trading-hours},
 * the week, holidays, templates and the lifecycle, over {@code /api/trading-hours}), their scripts and styles
 * under {@code /assets/} (from the classpath: nothing is fetched from elsewhere), and
 * {@code GET /api/dashboard/settings}, what the chain page needs to know before its first stream (underlyings, lot
 * sizes, thresholds). The pages are static; all data arrives as JSON and is written with DOM text, and a
 * Content-Security-Policy allows scripts from this server only.
 */
public final class PageRoutes implements Routes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final List<Underlying> underlyings;
    private final DashboardSettings settings;
    private final String chainPage;
    private final String hoursPage;

    public PageRoutes(List<Underlying> underlyings, DashboardSettings settings) {
        this.underlyings = underlyings;
        this.settings = settings;
        this.chainPage = resource("/web/option-chain.html");
        this.hoursPage = resource("/web/trading-hours.html");
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/web/assets";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
        config.routes.get("/option-chain", ctx -> page(ctx, chainPage));
        config.routes.get("/trading-hours", ctx -> page(ctx, hoursPage));
        config.routes.get("/api/dashboard/settings", ctx -> ctx.json(DashboardJson.settings(underlyings, settings)));
    }

    private static void page(Context ctx, String page) {
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
