package io.optionchain.engine.positions;

import java.time.Duration;

/**
 * How the risk desk judges stops and works its exits. Each field's limits are checked here, with the
 * name a config file uses for it.
 *
 * @param exitBuffer          rupees beyond the touch an exit limit is priced at (sell at bid − buffer, buy at
 *                            ask + buffer), 0..1,000: more fills surer in a fast market, costs more when it
 *                            does not need to
 * @param spreadTolerance     widest spread (ask − bid, rupees) at which the touch prices the exit, 0.05..10,000;
 *                            wider, the exit is priced at the depth level that fills the whole quantity
 * @param tickSize            price step exit limits are rounded to, in the marketable direction, for a leg with no
 *                            contract data (its underlying no longer configured); every other leg takes its own
 *                            from its chain's contract data. NSE options 0.05
 * @param maxQuoteAge         a quote older than this never triggers, 50 ms..60 s: too short and a quiet leg of a
 *                            straddle blocks its group, too long and a frozen feed is trusted
 * @param nearStopPercent     an alert fires when the mark comes within this percentage of the stop level, and
 *                            re-arms beyond twice it; 0 turns alerts off, at most 100
 * @param repriceWait         how long a working exit may stay unfilled before it is re-priced, 100 ms..10 min
 * @param maxReprices         re-prices of one exit order before the desk stops chasing and alerts, 0..100
 * @param statusPollInterval  how often a working exit order's status is asked for, 50 ms..60 s: OpenAlgo allows
 *                            10 requests/s, shared by every working order
 * @param ambiguousSettle     after a send whose outcome is unknown (timeout, 5xx), how long to wait before
 *                            asking the broker's order book whether the order exists, 0..60 s
 * @param trailJournalInterval how often moved trailing-stop marks are journalled, 100 ms..10 min: a restart
 *                            resumes from the last journalled mark, never looser than entry
 * @param maxPositions        most positions open at once, 1..100,000; sizes the hand-off queues
 * @param retainEnded         how long a closed or cancelled position stays listed before it leaves memory (and,
 *                            at the next compaction, the journal), 1 min..7 days: the list, its stream and the
 *                            journal stay small on a busy day; a failed exit stays listed
 */
public record RiskSettings(double exitBuffer, double spreadTolerance, double tickSize, Duration maxQuoteAge,
                           double nearStopPercent, Duration repriceWait, int maxReprices,
                           Duration statusPollInterval, Duration ambiguousSettle, Duration trailJournalInterval,
                           int maxPositions, Duration retainEnded) {

    public RiskSettings {
        range("exit_buffer", exitBuffer, 0, 1_000);
        range("spread_tolerance", spreadTolerance, 0.05, 10_000);
        range("tick_size", tickSize, 0.0001, 100);
        within("max_quote_age", maxQuoteAge, Duration.ofMillis(50), Duration.ofSeconds(60));
        range("near_stop_percent", nearStopPercent, 0, 100);
        within("reprice_wait", repriceWait, Duration.ofMillis(100), Duration.ofMinutes(10));
        if (maxReprices < 0 || maxReprices > 100) {
            throw new IllegalArgumentException("max_reprices must be 0..100, got " + maxReprices);
        }
        within("status_poll_interval", statusPollInterval, Duration.ofMillis(50), Duration.ofSeconds(60));
        within("ambiguous_settle", ambiguousSettle, Duration.ZERO, Duration.ofSeconds(60));
        within("trail_journal_interval", trailJournalInterval, Duration.ofMillis(100), Duration.ofMinutes(10));
        within("retain_ended", retainEnded, Duration.ofMinutes(1), Duration.ofDays(7));
        if (maxPositions < 1 || maxPositions > 100_000) {
            throw new IllegalArgumentException("max_positions must be 1..100000, got " + maxPositions);
        }
    }

    /**
     * Buffer 1 rupee, tolerance 2 rupees, tick 0.05, quotes trusted for 3 s, alerts within 10 % of a stop,
     * re-price after 2 s up to 5 times, status every 250 ms, 1 s before looking up an unknown send, trailing
     * marks journalled each second, up to 1,024 positions, ended ones kept in memory for an hour.
     */
    public static RiskSettings defaults() {
        return new RiskSettings(1.0, 2.0, 0.05, Duration.ofSeconds(3), 10, Duration.ofSeconds(2), 5,
                Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(1), 1_024, Duration.ofHours(1));
    }

    public RiskSettings withMaxQuoteAge(Duration age) {
        return new RiskSettings(exitBuffer, spreadTolerance, tickSize, age, nearStopPercent, repriceWait,
                maxReprices, statusPollInterval, ambiguousSettle, trailJournalInterval, maxPositions, retainEnded);
    }

    public RiskSettings withNearStopPercent(double percent) {
        return new RiskSettings(exitBuffer, spreadTolerance, tickSize, maxQuoteAge, percent, repriceWait,
                maxReprices, statusPollInterval, ambiguousSettle, trailJournalInterval, maxPositions, retainEnded);
    }

    public RiskSettings withReprices(Duration wait, int max) {
        return new RiskSettings(exitBuffer, spreadTolerance, tickSize, maxQuoteAge, nearStopPercent, wait, max,
                statusPollInterval, ambiguousSettle, trailJournalInterval, maxPositions, retainEnded);
    }

    public RiskSettings withRetainEnded(Duration retain) {
        return new RiskSettings(exitBuffer, spreadTolerance, tickSize, maxQuoteAge, nearStopPercent, repriceWait,
                maxReprices, statusPollInterval, ambiguousSettle, trailJournalInterval, maxPositions, retain);
    }

    public RiskSettings withPricing(double buffer, double tolerance) {
        return new RiskSettings(buffer, tolerance, tickSize, maxQuoteAge, nearStopPercent, repriceWait, maxReprices,
                statusPollInterval, ambiguousSettle, trailJournalInterval, maxPositions, retainEnded);
    }

    private static void range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static void within(String name, Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
