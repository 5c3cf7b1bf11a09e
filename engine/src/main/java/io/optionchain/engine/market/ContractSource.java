package io.optionchain.engine.market;

/** Where a chain's {@link ContractSpec} came from: the server, the configured fallback, or some of each. */
public enum ContractSource {
    /** Lot size, tick size and freeze quantity all as the server gave them. */
    SERVER,
    /** Some fields from the server, the rest (missing, zero or unreadable there) from {@code underlyings.yaml}. */
    PARTIAL,
    /** All from {@code underlyings.yaml}: the server was not asked yet, did not answer, or gave nothing usable. */
    FALLBACK
}
