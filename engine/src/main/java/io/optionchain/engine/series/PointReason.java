package io.optionchain.engine.series;

/** Why a point of the day's series was taken; kept in its file, so the ATM points' share survives a restart. */
public enum PointReason {
    /** The clock crossed a minute while the underlying ticked. */
    MINUTE,
    /** The chain's ATM strike moved. */
    ATM
}
