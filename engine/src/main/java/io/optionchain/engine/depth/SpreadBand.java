package io.optionchain.engine.depth;

/** How wide a bid-ask spread is relative to the premium, as the option-chain page colours it. */
public enum SpreadBand {
    TIGHT,
    NORMAL,
    WIDE
}
