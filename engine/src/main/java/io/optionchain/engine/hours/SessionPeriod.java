package io.optionchain.engine.hours;

import java.time.ZonedDateTime;

/** One session of one date, placed in time: start inclusive, end exclusive. */
public record SessionPeriod(MarketSession session, ZonedDateTime start, ZonedDateTime end) {
}
