package io.optionchain.engine.state;

import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.tick.TickEvent;

import java.time.Duration;
import java.time.Instant;

/**
 * Where today's OI change of an instrument is measured from, kept in its chain-state record so a restart keeps
 * it: the open interest the previous session ended with, or, for an instrument chain state first hears of today
 * (the first day, a strike that entered the window, a state file moved aside), the first OI of this session.
 *
 * <p>Set on the writer's first tick of each exchange day, before the tick is merged, so the previous session's
 * last OI is still in the record; the record's {@code updatedMillis} says which day it belongs to. A day is the
 * calendar day in India (no daylight saving, so a fixed offset), counted in the application clock's time as
 * every record's {@code updatedMillis} is. Plain arithmetic: it runs on the ring and allocates nothing.
 */
public final class SessionOi {
    /** The baseline is the last OI of the session before today's. */
    public static final int PREVIOUS_SESSION = 1;
    /** The baseline is the first OI this session gave: nothing from an earlier session was in chain state. */
    public static final int SESSION_START = 2;

    /** The exchange zone's offset, read once: India has kept +05:30 since 1945, with no daylight saving. */
    private static final long EXCHANGE_OFFSET_MILLIS = Duration.ofSeconds(
            ExpiryDates.EXCHANGE_ZONE.getRules().getOffset(Instant.EPOCH).getTotalSeconds()).toMillis();
    private static final long MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    private SessionOi() {
    }

    /** The exchange's calendar day of an epoch-millisecond time, as an epoch day. */
    static int exchangeDay(long epochMillis) {
        return (int) Math.floorDiv(epochMillis + EXCHANGE_OFFSET_MILLIS, MILLIS_PER_DAY);
    }


    /**
     * Sets today's baseline on the record if it has none yet: from the record's own OI when the record was last
     * written on an earlier day, else from this tick's OI; a tick without OI on a record new today leaves it for
     * the first tick that has one. Call before the tick is merged.
     */
    static void beforeMerge(TickEvent tick, QuoteRecord record, long nowMillis) {
        int today = exchangeDay(nowMillis);
        if (record.getOiBaselineDay() == today) {
            return;
        }
        if (record.getTicks() > 0 && exchangeDay(record.getUpdatedMillis()) < today) {
            record.setOiBaseline(record.getOi());
            record.setOiBaselineKind(PREVIOUS_SESSION);
            record.setOiBaselineDay(today);
        } else if (tick.has(TickEvent.OI)) {
            record.setOiBaseline(tick.oi);
            record.setOiBaselineKind(SESSION_START);
            record.setOiBaselineDay(today);
        }
    }

    /**
     * Today's OI change of a record read at {@code nowMillis}: its OI less today's baseline, or null when the
     * record has no baseline for today (no tick today yet, or no OI heard).
     */
    public static Long change(QuoteRecord record, long nowMillis) {
        return record.getOiBaselineDay() == exchangeDay(nowMillis) ? record.getOi() - record.getOiBaseline() : null;
    }
}
