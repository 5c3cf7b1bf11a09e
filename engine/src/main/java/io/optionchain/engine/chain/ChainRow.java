package io.optionchain.engine.chain;

/** One strike of the window: its row tag (from the call's side), the strike and both legs. */
public record ChainRow(String tag, double strike, int offset, LegQuote ce, LegQuote pe) {
}
