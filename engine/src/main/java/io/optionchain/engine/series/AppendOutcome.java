package io.optionchain.engine.series;

/** What {@link SeriesStore#append} did with a point. */
public enum AppendOutcome {
    /** The point is in its day's file. */
    WRITTEN,
    /** The chain's day already holds {@link SeriesStore#MOST_POINTS_A_DAY} points: dropped. */
    DAY_FULL,
    /** An ATM point, and the day already holds {@link SeriesStore#MOST_ATM_POINTS_A_DAY} of them: dropped. */
    ATM_SHARE_FULL,
    /** The file could not be written (the disk refused); dropped, and the next point tries again. */
    FAILED
}
