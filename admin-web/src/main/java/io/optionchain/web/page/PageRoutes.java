package io.optionchain.web.page;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.optionchain.engine.market.ContractSpecs;
import io.optionchain.engine.market.Underlying;
import io.optionchain.web.api.Routes;
import io.optionchain.web.config.DashboardSettings;
import io.optionchain.web.json.DashboardJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The pages: the live option chain ({@code GET /option-chain}) and the trading hours ({@code GET /trading-hours},
 * the week, holidays, templates and the lifecycle, over {@code /api/trading-hours}), their scripts and styles
 * under {@code /assets/} (from the classpath: nothing is fetched from elsewhere), and
 * {@code GET /api/dashboard/settings}, what the chain page needs to know before its first stream (underlyings, lot
 * sizes, thresholds). The pages are static; all data arrives as JSON and is written with DOM text, and a
 * Content-Security-Policy allows scripts from this server only.
 *
 * <p>The pages and their assets are read once at start and served from memory. Jetty's classpath
 * static files mounted the whole application jar as a zip file system, four times over, and kept the mounts
 * for good: 13,338 entries each, about 9 MB of live heap (bin/soak's heap histogram) for 45 KB of files.
 */
public final class PageRoutes implements Routes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /** What the page loads, by name under /assets/, with its content type. */
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "option-chain.js", "text/javascript",
            "day-charts.js", "text/javascript",
            "positions.js", "text/javascript",
            "exit-all.js", "text/javascript",
            "numbers.js", "text/javascript",
            "dom.js", "text/javascript",
            "exchange-time.js", "text/javascript",
            "trading-hours.js", "text/javascript",
            "option-chain.css", "text/css",
            "trading-hours.css", "text/css");

    private final List<Underlying> underlyings;
    private final ContractSpecs contracts;
    private final DashboardSettings settings;
    private final String chainPage;
    private final String hoursPage;
    private final Map<String, Asset> assets;

    /**
     * One file the page loads, its bytes as built (served as they are: a String would be re-encoded in the
     * response's default ISO-8859-1, and the scripts' "µs" with it), and its validator for a browser's
     * revalidation ({@code Cache-Control: no-cache}).
     */
    private record Asset(byte[] body, String contentType, String etag) {
    }

    /** @param contracts the chains' contract data ({@code ChainBook.contracts()}): the lot sizes the page shows */
    public PageRoutes(List<Underlying> underlyings, DashboardSettings settings, ContractSpecs contracts) {
        this.underlyings = underlyings;
        this.contracts = contracts;
        this.settings = settings;
        this.chainPage = resource("/web/option-chain.html");
        this.hoursPage = resource("/web/trading-hours.html");
        Map<String, Asset> read = new HashMap<>();
        ASSET_TYPES.forEach((name, type) -> {
            byte[] body = bytes("/web/assets/" + name);
            read.put(name, new Asset(body, type, etag(body)));
        });
        this.assets = Map.copyOf(read);
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/assets/{name}", this::asset);
        config.routes.get("/option-chain", ctx -> page(ctx, chainPage));
        config.routes.get("/trading-hours", ctx -> page(ctx, hoursPage));
        config.routes.get("/api/dashboard/settings", ctx -> ctx.json(DashboardJson.settings(underlyings, contracts, settings)));
    }

    private static void page(Context ctx, String page) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.html(page);
    }

    /** An unknown name is a 404 like any path nothing serves; AdminServer words it. */
    private void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("name"));
        if (asset == null) {
            throw new NotFoundResponse();
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.body());
    }

    private static String etag(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + body.length + "\"";
    }

    private static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath: the build left out the page");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
