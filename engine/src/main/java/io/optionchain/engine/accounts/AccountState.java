package io.optionchain.engine.accounts;

import java.util.Locale;

/** Where an account stands in the failover, as status shows it. */
public enum AccountState {
    /** Market data comes from it. */
    ACTIVE,
    /** Usable, waiting its turn. */
    STANDBY,
    /** Its key was refused: out until an operator re-enables it. */
    FAILED,
    /** Rate-limited, flapping or its broker down: may take over again once the cool-down is over and it answers. */
    COOLING_DOWN,
    /** The broker suspended it: out for the rest of the exchange's day. */
    SUSPENDED;

    /** The status and API spelling, e.g. {@code cooling_down}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
