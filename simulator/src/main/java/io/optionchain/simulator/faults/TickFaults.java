package io.optionchain.simulator.faults;

/**
 * What the tick publisher asks of the faults before each tick: whether the market is stalled, which fault
 * the tick suffers, and the seeded draws inside a fault. Market-wide, so every account streaming a symbol
 * gets the same tick ({@link MarketFaults}); an account's {@link Faults} answers for its market.
 */
public interface TickFaults {
    /** While true no tick is sent to any session; the market still moves. */
    boolean stalled();

    /** Whether the publisher must remember recent ticks, which only out-of-order replays need. */
    boolean remembersTicks();

    /** The fault for the next tick; publisher thread only. At most one fault per tick. */
    Faults.TickFault tickFault();

    /** Size of an oversized frame. */
    int oversizedBytes();

    /** A seeded draw in 0..bound-1, for choices inside a fault; publisher thread only. */
    int pick(int bound);
}
