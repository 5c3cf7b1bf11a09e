package io.optionchain.web.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Limits of Duration-typed settings read as milliseconds, the unit the YAML is written in. */
final class DurationText {
    private static final Pattern ISO_DURATION = Pattern.compile("PT(?:[0-9]+(?:\\.[0-9]+)?[HMS])+");

    private DurationText() {
    }

    /** "must be PT0.05S..PT1M, got PT0.01S" becomes "must be 50 ms..60000 ms, got 10 ms". */
    static String inMillis(String message) {
        Matcher iso = ISO_DURATION.matcher(message);
        StringBuilder readable = new StringBuilder();
        while (iso.find()) {
            iso.appendReplacement(readable, Duration.parse(iso.group()).toMillis() + " ms");
        }
        iso.appendTail(readable);
        return readable.toString();
    }
}
