package io.optionchain.engine.ports;

import io.optionchain.engine.market.ContractSpec;
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

    /**
     * Lot size, tick size and freeze quantity of {@code optionSymbol}, one of the underlying's options, as the
     * server's master contract has them; each field it does not give usably (missing, zero, unreadable) is the
     * underlying's configured fallback, and the result says which ({@link ContractSpec#source()}). A source that
     * knows no contract data answers with the fallback alone.
     *
     * @throws RuntimeException when the server cannot be asked; the caller falls back
     */
    default ContractSpec contract(Underlying underlying, String optionSymbol) {
        return ContractSpec.fallback(underlying);
    }
}
