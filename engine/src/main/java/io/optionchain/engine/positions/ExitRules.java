package io.optionchain.engine.positions;

/**
 * When a position is exited, judged on its mark: one leg's exit-side price, or for a group of legs the
 * sum of each leg's exit-side price (the combined premium of a straddle). A null rule is not set; any
 * set rule that is reached triggers the exit.
 *
 * <p>For a long, stops are below the mark and the target above; for a short (premium sold), stops are
 * above and the target below. Levels are premiums in rupees per unit.
 *
 * @param stop        fixed stop level
 * @param target      target level
 * @param stopPercent stop as a percentage of the entry premium: a long stops at entry × (1 − p/100), a
 *                    short at entry × (1 + p/100)
 * @param trailing    trailing stop by points or percent
 */
public record ExitRules(Double stop, Double target, Double stopPercent, TrailingStop trailing) {

    public ExitRules {
        positive("stop", stop);
        positive("target", target);
        positive("stop_percent", stopPercent);
    }

    public static ExitRules none() {
        return new ExitRules(null, null, null, null);
    }

    public static ExitRules stopAt(double stop) {
        return none().withStop(stop);
    }

    public ExitRules withStop(Double level) {
        return new ExitRules(level, target, stopPercent, trailing);
    }

    public ExitRules withTarget(Double level) {
        return new ExitRules(stop, level, stopPercent, trailing);
    }

    public ExitRules withStopPercent(Double percent) {
        return new ExitRules(stop, target, percent, trailing);
    }

    public ExitRules withTrailing(TrailingStop trail) {
        return new ExitRules(stop, target, stopPercent, trail);
    }

    private static void positive(String name, Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            throw new IllegalArgumentException(name + " must be a positive premium, got " + value);
        }
    }
}
