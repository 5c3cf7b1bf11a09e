package io.optionchain.engine.hours;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trading weekday's sessions in order: pre-open and post-close may be absent, the normal market may not.
 * The constructor refuses windows that overlap or run out of order, naming the two.
 */
public record DaySessions(SessionWindow preOpen, SessionWindow normal, SessionWindow postClose) {

    public DaySessions {
        Objects.requireNonNull(normal, "normal");
        if (preOpen != null && (preOpen.overlaps(normal) || preOpen.endsAtMidnight()
                || preOpen.start().isAfter(normal.start()))) {
            throw new IllegalArgumentException("pre_open " + preOpen + " must end before normal " + normal + " starts");
        }
        if (postClose != null && (postClose.overlaps(normal) || normal.endsAtMidnight()
                || postClose.start().isBefore(normal.end()))) {
            throw new IllegalArgumentException("post_close " + postClose + " must start after normal " + normal + " ends");
        }
    }

    /** A day with the normal market only. */
    public static DaySessions normalOnly(SessionWindow normal) {
        return new DaySessions(null, normal, null);
    }

    /** The day's sessions in time order with what each is called. */
    public List<Period> periods() {
        List<Period> periods = new ArrayList<>(3);
        if (preOpen != null) {
            periods.add(new Period(MarketSession.PRE_OPEN, preOpen));
        }
        periods.add(new Period(MarketSession.OPEN, normal));
        if (postClose != null) {
            periods.add(new Period(MarketSession.POST_CLOSE, postClose));
        }
        return periods;
    }

    /** One named window of a day. */
    public record Period(MarketSession session, SessionWindow window) {
    }
}
