package io.optionchain.web.config;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.optionchain.engine.hours.TradingTemplate;

import java.time.Duration;

/**
 * When the feed works around the exchange's sessions. The sessions themselves, holidays and special sessions
 * live in a template, {@code config/trading-hours/<name>.json}; this section only names the default one and the
 * margins around a trading day.
 *
 * @param template        the active template by default, or null: {@code --trading-hours NAME} overrides it, a
 *                        template applied through the API outlives it, and left out the feed decides
 *                        ({@code always-open} for the embedded simulator, {@code nse-fo} for OpenAlgo)
 * @param connectBeforeMs connect and authenticate this long before a day's first session (0..1 h): long enough
 *                        for a slow login, short enough not to hold a broker connection idle
 * @param cleanupAfterMs  unsubscribe and close the feed this long after a day's last session ends (0..1 h): late
 *                        prints still arrive, then the connection is given back
 */
public record TradingHoursConfig(@JacksonInject(value = ConfigLoader.LEFT_OUT, useInput = OptBoolean.TRUE)
                                 String template, long connectBeforeMs, long cleanupAfterMs) {
    private static final long MOST_MS = 3_600_000;

    public TradingHoursConfig {
        template = template == null || template.isBlank() ? null : template.strip();
        if (template != null && !TradingTemplate.NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("template must be a template's file name (letters, digits, '-' or '_',"
                    + " as in nse-fo), got '" + template + "'");
        }
        if (connectBeforeMs < 0 || connectBeforeMs > MOST_MS) {
            throw new IllegalArgumentException("connect_before_ms must be 0.." + MOST_MS + ", got " + connectBeforeMs);
        }
        if (cleanupAfterMs < 0 || cleanupAfterMs > MOST_MS) {
            throw new IllegalArgumentException("cleanup_after_ms must be 0.." + MOST_MS + ", got " + cleanupAfterMs);
        }
    }

    /** What {@code config/application.yaml} ships: no template named, five minutes either side. */
    public static TradingHoursConfig defaults() {
        return new TradingHoursConfig(null, 300_000, 300_000);
    }

    public Duration connectBefore() {
        return Duration.ofMillis(connectBeforeMs);
    }

    public Duration cleanupAfter() {
        return Duration.ofMillis(cleanupAfterMs);
    }
}
