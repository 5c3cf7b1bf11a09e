package io.optionchain.engine.ports;

/** What an audit line records. */
public enum AuditKind {
    OPENED,
    /** The mark came within the configured distance of a stop. */
    ALERT,
    /** A rule was reached (or the position was closed by hand): the position is now exiting. */
    TRIGGER,
    ORDER_SENT,
    /** An exit order found at the broker after an unknown send or a restart, taken as this leg's exit. */
    ORDER_ADOPTED,
    REPRICE,
    FILL,
    CLOSED,
    CANCELLED,
    /** An exit order was rejected or cancelled at the broker, or re-prices ran out. */
    EXIT_FAILED,
    /**
     * The account holding the position cannot take orders (refused, rate limited, 5xx, no answer): its exit waits
     * for that account, is sent through it once it answers, and never through another.
     */
    EXIT_QUEUED,
    /** Market data moved to another account (no position: {@code position_id} -1); the message says why. */
    FAILOVER,
    /**
     * A scope's MTM limit was reached (no position: {@code position_id} -1; {@code strategy} the strategy's name, or
     * null for the account): every open position in it exits, each with its own TRIGGER. The reason says which
     * limit, the mark the MTM, the level the limit.
     */
    LIMIT_FIRED
}
