package io.optionchain.engine.desk;

/**
 * A position refused because the journal lost its history and no person has acknowledged it yet: the broker holds
 * the symbol and no journalled position accounts for it, or the broker's holdings are not known yet. A conflict
 * with the desk's state, like any {@link IllegalStateException}; the web layer also says how to acknowledge.
 */
public final class UnacknowledgedHistoryLossException extends IllegalStateException {
    private final String symbol;

    UnacknowledgedHistoryLossException(String symbol, String message) {
        super(message);
        this.symbol = symbol;
    }

    /** The symbol the broker holds; null when the refusal is that its holdings cannot be checked yet. */
    public String symbol() {
        return symbol;
    }
}
