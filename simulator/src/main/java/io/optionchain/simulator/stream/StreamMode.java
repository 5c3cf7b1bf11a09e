package io.optionchain.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * Subscription modes as OpenAlgo's proxy reads them ({@code websocket_proxy/mode_utils.py}): 1, 2, 3 or
 * "LTP", "Quote", "Depth" in any case; booleans, fractions and anything else are refused with the
 * proxy's own wording.
 */
final class StreamMode {
    private static final String[] LABELS = {null, "LTP", "Quote", "Depth"};

    private StreamMode() {
    }

    static String label(int mode) {
        return LABELS[mode];
    }

    /** @throws IllegalArgumentException with the message OpenAlgo sends as INVALID_MODE */
    static int parse(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new IllegalArgumentException("Mode must be int or str, got NoneType");
        }
        if (value.isBoolean()) {
            throw new IllegalArgumentException("Mode must be int or str, got bool ("
                    + (value.booleanValue() ? "True" : "False") + ")");
        }
        if (value.isIntegralNumber()) {
            if (value.canConvertToInt() && value.intValue() >= 1 && value.intValue() <= 3) {
                return value.intValue();
            }
            throw new IllegalArgumentException("Invalid mode " + value.asText()
                    + "; expected 1 (LTP), 2 (Quote), or 3 (Depth)");
        }
        if (value.isTextual()) {
            String upper = value.textValue().strip().toUpperCase(Locale.ROOT);
            for (int mode = 1; mode < LABELS.length; mode++) {
                if (LABELS[mode].toUpperCase(Locale.ROOT).equals(upper)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Invalid mode '" + value.textValue()
                    + "'; expected 'LTP', 'Quote', or 'Depth' (case-insensitive)");
        }
        throw new IllegalArgumentException("Mode must be int or str, got " + PythonType.of(value));
    }
}
