package io.optionchain.web.json;

import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.web.alerts.Alert;
import io.optionchain.web.alerts.AlertKinds;
import io.optionchain.web.alerts.AlertStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alerts out as webhooks receive them, and the notifier as status shows it. A desk decision's body is the
 * positions stream's {@code event: decision} ({@link PositionJson#decision}), so a receiver and the page read the
 * same fields; an event of no position's has {@code position_id} -1 and null position fields.
 */
public final class AlertsJson {
    private AlertsJson() {
    }

    /** A desk decision or a failover: {@code kind}, {@code time} (+05:30), {@code position_id}, {@code symbol}… */
    public static Alert decision(AuditEvent event) {
        return new Alert(event.kind().name(), PositionJson.decision(event));
    }

    /**
     * An event of no position's (the feed down or back, a limit that fired) in the decisions' shape.
     *
     * @param kind e.g. {@link AlertKinds#FEED_DOWN}
     */
    public static Alert event(String kind, long atMillis, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        json.put("time", WireFormat.exchangeTime(atMillis));
        json.put("position_id", -1);
        json.put("strategy", null);
        json.put("account", null);
        json.put("symbol", null);
        json.put("message", message);
        return new Alert(kind, json);
    }

    /** The market data's state change as {@link io.optionchain.web.alerts.FeedWatch} reports it. */
    public static Alert feed(boolean down, long atMillis) {
        return down
                ? event(AlertKinds.FEED_DOWN, atMillis, "no usable account is left: chains and stops see the last"
                        + " quotes while every account is retried")
                : event(AlertKinds.FEED_RESTORED, atMillis, "market data flows again");
    }

    /** Status's {@code alerts}: the queue, drops, and each target by name and host, never its URL. */
    public static Map<String, Object> status(AlertStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("queued", status.queued());
        json.put("queue_size", status.capacity());
        json.put("dropped", status.dropped());
        json.put("targets", status.targets().stream().map(t -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("name", t.name());
            target.put("host", t.host());
            target.put("sent", t.sent());
            target.put("failed", t.failed());
            target.put("retried", t.retried());
            target.put("dropped", t.dropped());
            target.put("last_failure", t.lastFailure());
            target.put("last_failure_at", WireFormat.time(t.lastFailureMillis()));
            return target;
        }).toList());
        return json;
    }
}
