package io.optionchain.engine.positions;

import java.util.List;

/**
 * A position for the desk to watch and exit: one leg, or several legs judged together on their combined premium
 * (a short straddle: sell CE and PE, stop on CE ask + PE ask), each leg on its own rules too when it has any. Legs
 * that differ in side or quantity (a ratio spread) have no combined premium a trader would agree on: such a
 * position takes per-leg rules, a square-off time and its strategy's MTM limits, never combined rules.
 *
 * @param strategy name the position is reported under (P&L per strategy), 1..64 characters
 * @param legs     one leg, or several
 * @param rules    exit rules on the position's mark
 * @param product  OpenAlgo product of the exit orders, MIS or NRML: the product the position was entered
 *                 with, or the broker opens a new position instead of closing it
 * @param account  the account that holds the position at the broker, whose order API alone sends its exits; null
 *                 for the primary
 */
public record PositionRequest(String strategy, List<LegRequest> legs, ExitRules rules, String product,
                              String account) {

    public PositionRequest {
        legs = legs == null ? null : List.copyOf(legs);
        rules = rules == null ? ExitRules.none() : rules;
    }

    /** Held by the primary account. */
    public PositionRequest(String strategy, List<LegRequest> legs, ExitRules rules, String product) {
        this(strategy, legs, rules, product, null);
    }

    /** The same position, held by {@code holder}. */
    public PositionRequest heldBy(String holder) {
        return new PositionRequest(strategy, legs, rules, product, holder);
    }

    /** A single-leg position with the given rules, exits as intraday (MIS) orders. */
    public static PositionRequest single(String strategy, LegRequest leg, ExitRules rules) {
        return new PositionRequest(strategy, List.of(leg), rules, "MIS");
    }
}
