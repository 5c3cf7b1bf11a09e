package io.optionchain.architecture.broken.engine.chain;

import io.optionchain.architecture.broken.engine.tick.Tick;

/** Reads ticks, as the real chain does; with {@link Tick} reaching back, the two packages form a cycle. */
public class Chain {
    public Tick last;
}
