package io.optionchain.engine.positions;

/**
 * What an MTM limit covers: every position the engine watches ({@code ACCOUNT}, whose name is null), or one
 * strategy's.
 */
public enum LimitScope {
    ACCOUNT,
    STRATEGY;

    /** How a scope is written in the limits file and in messages: {@code account} or {@code strategy <name>}. */
    public String describe(String name) {
        return this == ACCOUNT ? "account" : "strategy " + name;
    }
}
