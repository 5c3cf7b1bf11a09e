package io.optionchain.engine.market;

import java.math.BigDecimal;

/**
 * The strike grid of one underlying: ATM from the index price, the window around it and its tags.
 *
 * <p>Strikes are addressed by their grid index {@code k} (strike = k × step), so arithmetic on the
 * window is integer arithmetic and a fractional step such as 2.5 never accumulates rounding error.
 */
public final class StrikeLadder {
    private static final double HALF_STEP_EPSILON = 1e-9;

    private final BigDecimal step;
    private final double stepValue;
    private final int strikesEachSide;

    public StrikeLadder(BigDecimal step, int strikesEachSide) {
        this.step = step;
        this.stepValue = step.doubleValue();
        this.strikesEachSide = strikesEachSide;
    }

    /**
     * Grid index of the strike nearest {@code indexLtp}, halves rounding up: 24,575 → 24,600 on a 50 grid.
     * Runs on every index tick, so it is double arithmetic, not BigDecimal; the epsilon keeps a price that
     * is a half-step in decimal (24,575.00) from rounding down when its binary value sits a hair below.
     */
    public long atmIndex(double indexLtp) {
        return (long) Math.floor(indexLtp / stepValue + 0.5 + HALF_STEP_EPSILON);
    }

    public double atmStrike(double indexLtp) {
        return strikeAt(atmIndex(indexLtp));
    }

    public double strikeAt(long gridIndex) {
        return step.multiply(BigDecimal.valueOf(gridIndex)).doubleValue();
    }

    public long gridIndexOf(double strike) {
        return Math.round(strike / stepValue);
    }

    public int strikesEachSide() {
        return strikesEachSide;
    }

    public int windowSize() {
        return 2 * strikesEachSide + 1;
    }

    public double step() {
        return stepValue;
    }

    /**
     * Row tag as the exchange table shows it, from the call's side: below ATM ITMn, above OTMn.
     *
     * @param offset strike's grid offset from ATM, negative below
     */
    public static String rowTag(int offset) {
        if (offset == 0) {
            return "ATM";
        }
        return offset < 0 ? "ITM" + (-offset) : "OTM" + offset;
    }

    /** A leg's own moneyness: a put below ATM is OTM, a call below ATM is ITM. */
    public static String legTag(int offset, OptionType type) {
        return rowTag(type == OptionType.CE ? offset : -offset);
    }
}
