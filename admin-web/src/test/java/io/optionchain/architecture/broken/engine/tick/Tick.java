package io.optionchain.architecture.broken.engine.tick;

import io.optionchain.architecture.broken.engine.chain.Chain;

/** Breaks two rules: the tick reaches up into the chain, and with {@link Chain} forms a package cycle. */
public class Tick {
    public Chain chain;
}
