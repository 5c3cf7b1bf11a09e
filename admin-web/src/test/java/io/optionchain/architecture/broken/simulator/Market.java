package io.optionchain.architecture.broken.simulator;

import io.optionchain.architecture.broken.gateway.Feed;

/** A stand-in that borrows the client's code: the violation the simulator rule exists for. */
public class Market {
    public Feed feed;
}
