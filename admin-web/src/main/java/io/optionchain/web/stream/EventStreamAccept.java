package io.optionchain.web.stream;

import java.util.Locale;

/**
 * The stream routes' content negotiation, read as RFC 9110 (12.5.1) reads an Accept header: no header (or an
 * empty one) accepts anything; otherwise the most specific range that matches {@code text/event-stream}
 * decides ({@code text/event-stream} over {@code text/*} over {@code *}{@code /*}), and its weight must be above 0.
 * A header no range of which matches rules the stream out.
 */
final class EventStreamAccept {
    private static final int NO_MATCH = -1;

    private EventStreamAccept() {
    }

    static boolean admits(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        int bestSpecificity = NO_MATCH;
        double bestWeight = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            int specificity = specificity(parts[0].strip().toLowerCase(Locale.ROOT));
            if (specificity == NO_MATCH || specificity < bestSpecificity) {
                continue;
            }
            double weight = weight(parts);
            // the same range twice: the higher weight stands, as a client listing it twice surely means
            bestWeight = specificity > bestSpecificity ? weight : Math.max(bestWeight, weight);
            bestSpecificity = specificity;
        }
        return bestSpecificity != NO_MATCH && bestWeight > 0;
    }

    private static int specificity(String mediaRange) {
        return switch (mediaRange) {
            case "text/event-stream" -> 2;
            case "text/*" -> 1;
            case "*/*" -> 0;
            default -> NO_MATCH;
        };
    }

    /** The range's {@code q}, 1 without one; a weight that is not a number is read as 1, not as a refusal. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 1 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.substring(1).strip().startsWith("=")) {
                try {
                    return Math.min(1, Double.parseDouble(parameter.substring(parameter.indexOf('=') + 1).strip()));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
