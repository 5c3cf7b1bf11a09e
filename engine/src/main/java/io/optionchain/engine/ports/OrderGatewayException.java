package io.optionchain.engine.ports;

/**
 * An order call that did not succeed, with what the caller may conclude about the order.
 */
public final class OrderGatewayException extends RuntimeException {

    public enum Outcome {
        /** Refused before it reached order handling (rate limited): no order exists, sending again is safe. */
        NOT_ACCEPTED,
        /** Refused on its merits (validation, margin, unknown symbol): no order exists, the same send fails again. */
        REJECTED,
        /**
         * The account refused the call, not the order (HTTP 401/403: its key, or its broker login is gone): no order
         * exists, and none can go through this account until it answers again.
         */
        ACCOUNT_REFUSED,
        /** No answer, a timeout or a server error: an order may or may not exist; look before sending again. */
        UNKNOWN
    }

    private final Outcome outcome;

    public OrderGatewayException(Outcome outcome, String message) {
        this(outcome, message, null);
    }

    public OrderGatewayException(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
