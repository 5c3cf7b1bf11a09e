package io.optionchain.engine.positions;

/**
 * What an MTM limit covers: every position the engine watches ({@code ACCOUNT}, whose name is null), those one
 * account holds at its broker ({@code HOLDING_ACCOUNT}, named by the account), or one strategy's.
 */
public enum LimitScope {
    ACCOUNT,
    HOLDING_ACCOUNT,
    STRATEGY;

    /** How a scope is named in messages: {@code account}, {@code account <name>} or {@code strategy <name>}. */
    public String describe(String name) {
        return switch (this) {
            case ACCOUNT -> "account";
            case HOLDING_ACCOUNT -> "account " + name;
            case STRATEGY -> "strategy " + name;
        };
    }
}
