package io.optionchain.engine.positions;

/** How far one leg's exit order has got. */
public enum LegExit {
    /** No exit yet (the position is open). */
    NONE,
    /** About to be placed. */
    PLACING,
    /** A send's outcome is unknown, or the desk restarted before noting it: the broker is asked first. */
    LOOKING_UP,
    /** At the broker, followed until filled; re-priced while it does not fill. */
    WORKING,
    /**
     * At the broker as far as the desk knows, but its status could not be read for many look-ups in a row (the
     * broker does not know the order id, or does not answer): alerted, and still checked on a back-off.
     */
    EXIT_UNKNOWN,
    FILLED,
    /** Rejected or cancelled at the broker; not re-sent. */
    FAILED
}
