package io.optionchain.engine.positions;

/** Why a position left {@link PositionState#OPEN} for {@link PositionState#EXITING}. */
public enum ExitReason {
    /** The fixed stop level was reached. */
    STOP,
    /** The stop set as a percentage of the entry premium was reached. */
    PERCENT_STOP,
    /** The trailing stop, ratcheted behind the best mark seen, was reached. */
    TRAILING_STOP,
    /** The target level was reached. */
    TARGET,
    /** Closed through the API. */
    MANUAL,
    /** Closed with every other open position of its scope by the kill switch (exit-all). */
    EXIT_ALL,
    /** The position's square-off time ({@code square_off_at}) came. */
    SQUARE_OFF
}
