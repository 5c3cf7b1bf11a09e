package io.optionchain.engine.risk;

/** Direction of an order, spelt as OpenAlgo spells it. */
public enum OrderAction {
    BUY,
    SELL
}
