package io.optionchain.engine.positions;

/**
 * What a position does when one leg's own stop or target fires ({@code on_leg_stop}): the partial or complete
 * square-off choice the executors (Stoxxo, AlgoTest, Quantiply) offer.
 */
public enum OnLegStop {
    /** That leg alone exits; the others stay watched, each on its own rules and the position's. */
    EXIT_LEG,
    /**
     * That leg exits and every leg still watched has its stop moved to its entry price (Quantiply's "move SL to
     * cost"): a fixed stop at the entry replaces its stops, its target stays.
     */
    EXIT_LEG_AND_MOVE_OTHERS_TO_COST,
    /** The whole position exits, as a combined stop exits it. */
    EXIT_ALL
}
