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
    FILLED,
    /** Rejected or cancelled at the broker; not re-sent. */
    FAILED
}
