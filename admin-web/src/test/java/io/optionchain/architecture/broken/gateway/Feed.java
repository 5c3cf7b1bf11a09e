package io.optionchain.architecture.broken.gateway;

import io.optionchain.architecture.broken.simulator.Market;

/** A client that borrows its stand-in's code: the violation the gateway rule exists for. */
public class Feed {
    public Market market;
}
