package io.optionchain.engine.ports;

import io.optionchain.engine.market.Underlying;

import java.time.LocalDate;
import java.util.List;

/**
 * The engine's port to slow-changing market facts fetched over REST at start-up. Implementations may
 * block; the engine calls them only from start-up and admin threads, never from the ring.
 */
public interface ReferenceData {
    /** Last traded price of the underlying's index. */
    double indexLtp(Underlying underlying);

    /** Listed option expiries of the underlying, any order. */
    List<LocalDate> optionExpiries(Underlying underlying);
}
