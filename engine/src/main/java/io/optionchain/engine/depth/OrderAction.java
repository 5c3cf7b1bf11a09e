package io.optionchain.engine.depth;

/** Which way an order trades: a buy takes the asks, a sell hits the bids. */
public enum OrderAction {
    BUY,
    SELL
}
