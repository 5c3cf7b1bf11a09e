package io.optionchain.engine.positions;

/**
 * Which price of the exit side a position's stops and target are judged on ({@code trigger_on}).
 *
 * <p>{@link #TOUCH} reads the best level alone; {@link #DEPTH} walks each leg's whole quantity through the five
 * visible levels and takes the quantity-weighted average, so one lot at the touch cannot hide a stop that the
 * whole quantity would already be through.
 */
public enum TriggerOn {
    /** The best bid for a long leg, the best ask for a short one: what one lot would fetch. */
    TOUCH,
    /**
     * The average over the five levels for the leg's whole quantity; what the visible book cannot fill is priced at
     * its deepest visible level (a thin book makes the mark worse, never hides a stop).
     */
    DEPTH
}
