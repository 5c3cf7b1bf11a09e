package io.optionchain.web.alerts;

import java.time.Duration;

/**
 * How one attempt to hand an alert to a target ended.
 *
 * @param outcome    sent, worth another attempt, or refused for good
 * @param cause      for the log and status: {@code HTTP 500}, {@code timed out}, {@code ConnectException}; never
 *                   a URL or a key
 * @param retryAfter the wait a 429 or 503 asked for, null when it asked for none
 */
public record Delivery(Outcome outcome, String cause, Duration retryAfter) {
    public enum Outcome {
        SENT,
        /** 5xx, 408, 429, a timeout or a connection failure: the next attempt may succeed. */
        RETRY,
        /** Any other 4xx: the target will refuse the same body again, so it is not sent again. */
        REFUSED
    }

    public static final Delivery SENT = new Delivery(Outcome.SENT, null, null);

    /** What an HTTP status means for the alert; {@code retryAfter} is the reply's header, if any. */
    public static Delivery ofStatus(int status, Duration retryAfter) {
        if (status >= 200 && status < 300) {
            return SENT;
        }
        boolean again = status >= 500 || status == 408 || status == 429;
        return new Delivery(again ? Outcome.RETRY : Outcome.REFUSED, "HTTP " + status, again ? retryAfter : null);
    }

    public static Delivery failed(String cause) {
        return new Delivery(Outcome.RETRY, cause, null);
    }
}
