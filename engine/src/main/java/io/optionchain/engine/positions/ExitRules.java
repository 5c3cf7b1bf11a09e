package io.optionchain.engine.positions;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

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
 * @param triggerOn   which exit-side price the stops and target are judged on: the touch (one lot) or the whole
 *                    quantity walked through the depth; null reads as {@link TriggerOn#TOUCH}
 * @param confirmTicks the stops and target fire only once reached on this many consecutive evaluations of the
 *                    position (0 or 1: on the first, as without it); a mark back inside every level starts again
 * @param confirmMillis the stops and target fire only once reached continuously for this long by the risk stage's
 *                    clock (0: at once); at most one of the two confirmations is set
 * @param onLegStop   what the position does when one leg's own rule ({@link LegRules}) fires; null reads as
 *                    {@link OnLegStop#EXIT_LEG}. The trigger rules above apply to the legs' rules too
 */
public record ExitRules(Double stop, Double target, Double stopPercent, TrailingStop trailing, LocalTime squareOffAt,
                        TriggerOn triggerOn, int confirmTicks, long confirmMillis, OnLegStop onLegStop) {
    /** How a square-off time is written, per position and in config: HH:MM or HH:MM:SS, 24-hour. */
    public static final DateTimeFormatter SQUARE_OFF_TIME = DateTimeFormatter.ofPattern("HH:mm[:ss]");
    /** Most consecutive evaluations a confirmation may ask for: far beyond any spike, far below a stop never firing. */
    public static final int MAX_CONFIRM_TICKS = 10_000;
    /** Longest a confirmation may ask a breach to hold: an hour, beyond which it is no longer a stop. */
    public static final long MAX_CONFIRM_MILLIS = 3_600_000;

    public ExitRules(Double stop, Double target, Double stopPercent, TrailingStop trailing) {
        this(stop, target, stopPercent, trailing, null);
    }

    public ExitRules(Double stop, Double target, Double stopPercent, TrailingStop trailing, LocalTime squareOffAt) {
        this(stop, target, stopPercent, trailing, squareOffAt, TriggerOn.TOUCH, 0, 0);
    }

    public ExitRules(Double stop, Double target, Double stopPercent, TrailingStop trailing, LocalTime squareOffAt,
                     TriggerOn triggerOn, int confirmTicks, long confirmMillis) {
        this(stop, target, stopPercent, trailing, squareOffAt, triggerOn, confirmTicks, confirmMillis,
                OnLegStop.EXIT_LEG);
    }

    public ExitRules {
        onLegStop = onLegStop == null ? OnLegStop.EXIT_LEG : onLegStop;
        positive("stop", stop);
        positive("target", target);
        positive("stop_percent", stopPercent);
        triggerOn = triggerOn == null ? TriggerOn.TOUCH : triggerOn;
        if (confirmTicks < 0 || confirmTicks > MAX_CONFIRM_TICKS) {
            throw new IllegalArgumentException("confirm_ticks must be a whole number 0.." + MAX_CONFIRM_TICKS
                    + ", got " + confirmTicks);
        }
        if (confirmMillis < 0 || confirmMillis > MAX_CONFIRM_MILLIS) {
            throw new IllegalArgumentException("confirm_ms must be a whole number 0.." + MAX_CONFIRM_MILLIS
                    + ", got " + confirmMillis);
        }
        if (confirmTicks > 0 && confirmMillis > 0) {
            throw new IllegalArgumentException("give confirm_ticks or confirm_ms, not both");
        }
    }

    public static ExitRules none() {
        return new ExitRules(null, null, null, null, null);
    }

    /** Whether the trigger rules are other than the default (the touch, no confirmation). */
    public boolean hasTriggerRules() {
        return triggerOn != TriggerOn.TOUCH || confirmTicks > 0 || confirmMillis > 0;
    }

    /**
     * The trigger rules as the request spells them, for an audit line: {@code trigger_on depth, confirm_ticks 3};
     * null for the default.
     */
    public String triggerRulesText() {
        if (!hasTriggerRules()) {
            return null;
        }
        String text = "trigger_on " + triggerOn.name().toLowerCase(Locale.ROOT);
        if (confirmTicks > 0) {
            text += ", confirm_ticks " + confirmTicks;
        }
        if (confirmMillis > 0) {
            text += ", confirm_ms " + confirmMillis;
        }
        return text;
    }

    public static ExitRules stopAt(double stop) {
        return none().withStop(stop);
    }

    public ExitRules withStop(Double level) {
        return new ExitRules(level, target, stopPercent, trailing, squareOffAt, triggerOn, confirmTicks, confirmMillis,
                onLegStop);
    }

    public ExitRules withTarget(Double level) {
        return new ExitRules(stop, level, stopPercent, trailing, squareOffAt, triggerOn, confirmTicks, confirmMillis,
                onLegStop);
    }

    public ExitRules withStopPercent(Double percent) {
        return new ExitRules(stop, target, percent, trailing, squareOffAt, triggerOn, confirmTicks, confirmMillis,
                onLegStop);
    }

    public ExitRules withTrailing(TrailingStop trail) {
        return new ExitRules(stop, target, stopPercent, trail, squareOffAt, triggerOn, confirmTicks, confirmMillis,
                onLegStop);
    }

    public ExitRules withSquareOffAt(LocalTime time) {
        return new ExitRules(stop, target, stopPercent, trailing, time, triggerOn, confirmTicks, confirmMillis,
                onLegStop);
    }

    /** Judged on {@code on}: the touch or the whole quantity through the depth. */
    public ExitRules withTriggerOn(TriggerOn on) {
        return new ExitRules(stop, target, stopPercent, trailing, squareOffAt, on, confirmTicks, confirmMillis,
                onLegStop);
    }

    /** Fires only once reached on {@code ticks} consecutive evaluations; replaces a confirmation by time. */
    public ExitRules withConfirmTicks(int ticks) {
        return new ExitRules(stop, target, stopPercent, trailing, squareOffAt, triggerOn, ticks, 0, onLegStop);
    }

    /** Fires only once reached continuously for {@code millis}; replaces a confirmation by ticks. */
    public ExitRules withConfirmMillis(long millis) {
        return new ExitRules(stop, target, stopPercent, trailing, squareOffAt, triggerOn, 0, millis, onLegStop);
    }

    /** What the position does when one leg's own rule fires. */
    public ExitRules withOnLegStop(OnLegStop then) {
        return new ExitRules(stop, target, stopPercent, trailing, squareOffAt, triggerOn, confirmTicks, confirmMillis,
                then);
    }

    /** Whether a rule on the combined premium is set (a fixed, percent or trailing stop, or a target). */
    public boolean combined() {
        return stop != null || target != null || stopPercent != null || trailing != null;
    }

    private static void positive(String name, Double value) {
        if (value != null && (!(value > 0) || value.isInfinite())) {
            throw new IllegalArgumentException(name + " must be a positive premium, got " + value);
        }
    }
}
