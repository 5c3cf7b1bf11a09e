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
    PROFIT_LOCK,
    /** One leg's own fixed stop ({@code legs[i].stop}, or its stop moved to cost) was reached. */
    LEG_STOP,
    /** One leg's own percent stop ({@code legs[i].stop_percent}) was reached. */
    LEG_PERCENT_STOP,
    /** One leg's own target ({@code legs[i].target}) was reached. */
    LEG_TARGET;

    /** Whether a scope's MTM limit, rather than the position's own rules or a person, exited it. */
    public boolean isMtmLimit() {
        return this == MAX_LOSS || this == MAX_PROFIT || this == PROFIT_LOCK;
    }

    /** Whether one leg's own rule, judged on that leg's price alone, fired it. */
    public boolean isLegRule() {
        return this == LEG_STOP || this == LEG_PERCENT_STOP || this == LEG_TARGET;
    }
}
