package io.optionchain.engine.state;

/**
 * What {@link ChainStore#apply} did with a tick: merged it, or skipped it whole and why. Constants, so the
 * answer costs the hot path nothing.
 */
public enum TickOutcome {
    /** Merged into the instrument's record. */
    APPLIED,
    /** Older than the stored quote (its exchange time is before the stored one): a late or replayed tick. */
    OUT_OF_ORDER,
    /** A copy of the quote already stored (see {@link ChainStore#apply} for the exact rule): nothing new in it. */
    DUPLICATE
}
