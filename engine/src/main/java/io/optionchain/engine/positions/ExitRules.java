package io.optionchain.engine.positions;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

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
 * @param squareOffAt a time of day in the exchange's zone (Asia/Kolkata) at which the position exits whatever its
 *                    mark: the first such moment after it was opened, so a position opened after the time that day
 *                    squares off at it the next day; null for none
 */
public record ExitRules(Double stop, Double target, Double stopPercent, TrailingStop trailing, LocalTime squareOffAt) {
    /** How a square-off time is written, per position and in config: HH:MM or HH:MM:SS, 24-hour. */
    public static final DateTimeFormatter SQUARE_OFF_TIME = DateTimeFormatter.ofPattern("HH:mm[:ss]");

    public ExitRules(Double stop, Double target, Double stopPercent, TrailingStop trailing) {
        this(stop, target, stopPercent, trailing, null);
    }

    public ExitRules {
        positive("stop", stop);
        positive("target", target);
        positive("stop_percent", stopPercent);
    }

    public static ExitRules none() {
        return new ExitRules(null, null, null, null, null);
    }

    public static ExitRules stopAt(double stop) {
        return none().withStop(stop);
    }

    public ExitRules withStop(Double level) {
        return new ExitRules(level, target, stopPercent, trailing, squareOffAt);
    }

    public ExitRules withTarget(Double level) {
        return new ExitRules(stop, level, stopPercent, trailing, squareOffAt);
    }

    public ExitRules withStopPercent(Double percent) {
        return new ExitRules(stop, target, percent, trailing, squareOffAt);
    }

    public ExitRules withTrailing(TrailingStop trail) {
        return new ExitRules(stop, target, stopPercent, trail, squareOffAt);
    }

    public ExitRules withSquareOffAt(LocalTime time) {
        return new ExitRules(stop, target, stopPercent, trailing, time);
    }

    private static void positive(String name, Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            throw new IllegalArgumentException(name + " must be a positive premium, got " + value);
        }
    }
}
