package io.optionchain.engine.chain;

/** What an OI change is measured from. */
public enum OiChangeBasis {
    /** The open interest the previous session ended with, as chain state kept it. */
    PREVIOUS_SESSION,
    /** The first open interest of this session: chain state held nothing earlier for the instrument. */
    SESSION_START,
    /** A chain's total only: some legs are measured from the previous session, others from this one's start. */
    MIXED
}
