package io.optionchain.web.alerts;

/**
 * Where alerts go: a webhook, or OpenAlgo's Telegram service. Called on the notifier's one sender thread, one
 * attempt at a time; an attempt ends within the target's timeout and reports its outcome instead of throwing.
 */
public interface AlertTarget {
    /** The configured label: how logs, status and metrics name the target. */
    String name();

    /** The host it posts to, for logs and status; never the path, query or user info. */
    String host();

    boolean wants(String kind);

    Delivery attempt(Alert alert);
}
