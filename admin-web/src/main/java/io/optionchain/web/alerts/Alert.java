package io.optionchain.web.alerts;

import java.util.Map;
import java.util.Objects;

/**
 * One event on its way out: its kind (a desk decision's {@code AuditKind} name, {@code FAILOVER},
 * {@code FEED_DOWN}, or any kind a later rule names, such as {@code LIMIT_FIRED}) and the JSON body every
 * webhook receives. The notifier reads nothing but the kind and a few body fields for Telegram's one line, so
 * a new kind needs no change here.
 *
 * @param body the webhook's JSON object, {@code kind} and {@code time} first; serialised on the sender thread
 */
public record Alert(String kind, Map<String, Object> body) {
    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
    }

    /**
     * The body as one line for a chat message: kind, symbol, position and strategy, then the decision's price
     * and message, each left out when the event has none. For example
     * {@code TRIGGER NIFTY08DEC2626000CE · position 7 (straddle) · STOP · mark 152.35 · level 150.0}.
     */
    public String text() {
        StringBuilder text = new StringBuilder(kind);
        Object symbol = body.get("symbol");
        if (symbol != null) {
            text.append(' ').append(symbol);
        }
        if (body.get("position_id") instanceof Number id && id.longValue() >= 0) {
            text.append(" · position ").append(id);
            Object strategy = body.get("strategy");
            if (strategy != null) {
                text.append(" (").append(strategy).append(')');
            }
        }
        for (String field : new String[] {"reason", "mark", "level", "price", "quantity", "message"}) {
            Object value = body.get(field);
            if (value != null) {
                text.append(" · ").append(field.equals("reason") || field.equals("message") ? "" : field + " ")
                        .append(value);
            }
        }
        return text.toString();
    }
}
