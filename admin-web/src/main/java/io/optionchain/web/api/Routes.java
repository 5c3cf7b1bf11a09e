package io.optionchain.web.api;

import io.javalin.config.JavalinConfig;

/**
 * A feature's routes (the live page, its streams, metrics…), added to the server's config by
 * {@link AdminServer}, which keeps the token rule and the error mapping for all of them in one place.
 */
@FunctionalInterface
public interface Routes {
    void addTo(JavalinConfig config);
}
