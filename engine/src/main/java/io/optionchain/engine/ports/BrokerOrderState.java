package io.optionchain.engine.ports;

import java.util.Locale;

/** An order's status as OpenAlgo normalises broker statuses ({@code open}, {@code complete}, ...). */
public enum BrokerOrderState {
    OPEN,
    TRIGGER_PENDING,
    COMPLETE,
    REJECTED,
    CANCELLED,
    /** A status this desk does not know; treated as still working. */
    UNKNOWN;

    /** Reads OpenAlgo's text in any case, e.g. {@code "trigger pending"}, {@code "COMPLETE"}. */
    public static BrokerOrderState parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "open", "pending", "validation pending", "put order req received", "modified" -> OPEN;
            case "trigger pending" -> TRIGGER_PENDING;
            case "complete", "completed", "filled", "traded" -> COMPLETE;
            case "rejected" -> REJECTED;
            case "cancelled", "canceled" -> CANCELLED;
            default -> UNKNOWN;
        };
    }

    /** The order will not fill any more. */
    public boolean isFinal() {
        return this == COMPLETE || this == REJECTED || this == CANCELLED;
    }
}
