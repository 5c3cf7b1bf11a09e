package io.optionchain.engine.hours;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One session's start (inclusive) and end (exclusive) in the exchange's local time. An end of 00:00 means
 * midnight at the end of the day, so a 24-hour window is 00:00–00:00.
 */
public record SessionWindow(LocalTime start, LocalTime end) {

    public static final SessionWindow WHOLE_DAY = new SessionWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public SessionWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.equals(LocalTime.MIDNIGHT) && !start.isBefore(end)) {
            throw new IllegalArgumentException("the end " + end + " is not after the start " + start);
        }
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(start) && (endsAtMidnight() || time.isBefore(end));
    }

    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MIDNIGHT);
    }

    /** True when the two share any instant. */
    public boolean overlaps(SessionWindow other) {
        boolean thisEndsAfterOtherStarts = endsAtMidnight() || end.isAfter(other.start);
        boolean otherEndsAfterThisStarts = other.endsAtMidnight() || other.end.isAfter(start);
        return thisEndsAfterOtherStarts && otherEndsAfterThisStarts;
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }
}
