package io.optionchain.engine.desk;

import io.optionchain.engine.journal.JournalRecord.Snapshot;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.market.ExpiryDates;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per strategy, how many positions that ended today have left memory and what they realised: what the desk's
 * P&amp;L per strategy adds to the positions it still lists, and what a journal compaction's snapshot keeps of the
 * positions it drops. "Today" is the exchange's date (IST) on the desk's clock; a new day starts from zero, and a
 * position that ended on an earlier day adds nothing. Thread-safe.
 */
final class ForgottenToday {
    /** One day's tallies, read at one moment. */
    record Day(LocalDate date, List<StrategyTally> strategies) {
    }

    private final Clock clock;
    private final Map<String, StrategyTally> strategies = new LinkedHashMap<>();
    private LocalDate date;

    ForgottenToday(Clock clock) {
        this.clock = clock;
        this.date = dateOf(clock.millis());
    }

    /** What a compacted journal's snapshot kept, when it was taken today; an older one is yesterday's news. */
    synchronized void restore(Snapshot snapshot) {
        roll();
        if (snapshot != null && snapshot.tradingDate().equals(date)) {
            snapshot.strategies().forEach(tally -> strategies.put(tally.key(), tally));
        }
    }

    /**
     * A position that ended at {@code endedMillis} left memory, having realised {@code realised}; {@code account} held
     * it (null: the primary).
     */
    synchronized void add(String strategy, String account, double realised, long endedMillis) {
        roll();
        if (dateOf(endedMillis).equals(date)) {
            StrategyTally tally = new StrategyTally(strategy, 1, realised, account);
            strategies.merge(tally.key(), tally, StrategyTally::plus);
        }
    }

    /** Today's tallies, one per strategy and holding account, in the order each first left memory. */
    synchronized Day today() {
        roll();
        return new Day(date, List.copyOf(strategies.values()));
    }

    private void roll() {
        LocalDate today = dateOf(clock.millis());
        if (!today.equals(date)) {
            date = today;
            strategies.clear();
        }
    }

    private static LocalDate dateOf(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ExpiryDates.EXCHANGE_ZONE).toLocalDate();
    }
}
