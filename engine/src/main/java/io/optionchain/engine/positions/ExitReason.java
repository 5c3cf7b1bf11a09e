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
    SQUARE_OFF,
    /** Its scope's MTM (the account's or its strategy's) fell to the scope's {@code max_loss}. */
    MAX_LOSS,
    /** Its scope's MTM rose to the scope's {@code max_profit}. */
    MAX_PROFIT,
    /** Its scope's MTM fell back to the profit locked by {@code lock_at} and {@code lock} (and trailed since). */
    PROFIT_LOCK;

    /** Whether a scope's MTM limit, rather than the position's own rules or a person, exited it. */
    public boolean isMtmLimit() {
        return this == MAX_LOSS || this == MAX_PROFIT || this == PROFIT_LOCK;
    }
}
