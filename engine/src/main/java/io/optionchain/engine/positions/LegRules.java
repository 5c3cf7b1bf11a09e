package io.optionchain.engine.positions;

/**
 * One leg's own exit rules, judged on that leg's exit-side price alone (a long's bid, a short's ask), beside the
 * position's rules on the combined premium. A null rule is not set.
 *
 * @param stop        the leg's fixed stop level: below the price for a long, above it for a short
 * @param stopPercent the stop as a percentage of the leg's entry price: a long stops at entry × (1 − p/100), a
 *                    short at entry × (1 + p/100)
 * @param target      the leg's target level: above the entry for a long, below it for a short
 */
public record LegRules(Double stop, Double stopPercent, Double target) {
    public static final LegRules NONE = new LegRules(null, null, null);

    public LegRules {
        positive("stop", stop);
        positive("stop_percent", stopPercent);
        positive("target", target);
    }

    /** Whether any rule is set. */
    public boolean any() {
        return stop != null || stopPercent != null || target != null;
    }

    private static void positive(String name, Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            throw new IllegalArgumentException(name + " must be a positive premium, got " + value);
        }
    }
}
