package io.optionchain.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The market times at which the date-sensitive tests run besides the real clock: each one once broke, or
 * could break, a test that assumed an ordinary weekday with days to go before the nearest expiry.
 */
public final class MarketDates {
    /** The parameters of a {@code @ParameterizedClass}: every pinned time, then the real clock. */
    static final List<Pinned> ALL = List.of(
            Pinned.ist("weekly expiry eve 10:00", "2026-12-07T10:00"),
            Pinned.ist("weekly expiry day 15:29", "2026-12-08T15:29"),
            Pinned.ist("Saturday", "2026-12-12T11:00"),
            Pinned.ist("monthly expiry day 15:29", "2026-12-29T15:29"),
            Pinned.ist("monthly expiry on the last day of a quarter 15:29", "2026-03-31T15:29"),
            Pinned.ist("year end 23:59:30", "2026-12-31T23:59:30"),
            new Pinned("real clock", null));

    private MarketDates() {
    }

    /**
     * One market time.
     *
     * @param at the instant the market starts at; null for the real clock
     */
    public record Pinned(String name, Instant at) {
        /** India has had no daylight saving since 1945, so a fixed offset is the exchange zone exactly. */
        private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

        static Pinned ist(String name, String localDateTime) {
            return new Pinned(name, LocalDateTime.parse(localDateTime).toInstant(IST));
        }

        /**
         * Starts at the pinned instant now and runs on at real speed, as a market does: a simulator started
         * with it ticks, paces and times out as on the real clock. Make one per simulator, not per class, so
         * every test starts at the pinned instant.
         */
        public Clock running() {
            Clock real = Clock.systemUTC();
            return at == null ? real : Clock.offset(real, Duration.between(Instant.now(), at));
        }

        /** Roughly the market's now while a test runs: the pinned instant, or the real now. */
        public Instant now() {
            return at == null ? Instant.now() : at;
        }

        /** Stands still at the pinned instant (at the real now for the real clock): for single-threaded model tests. */
        public Clock frozen() {
            return Clock.fixed(at == null ? Instant.now() : at, ZoneOffset.UTC);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
