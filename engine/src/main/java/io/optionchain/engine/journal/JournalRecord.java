package io.optionchain.engine.journal;

import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.PositionSide;

import java.time.LocalDate;
import java.util.List;

/**
 * One fact about one position, appended to the {@link Journal} in the order it happened. Replaying them
 * in order rebuilds every position's state ({@link JournalReplay}).
 */
public sealed interface JournalRecord {
    long positionId();

    /**
     * A position began to be watched.
     *
     * @param account the account that holds it and sends its exits; null in a record written before accounts,
     *                whose position the primary holds (every order then went through the one account there was)
     */
    record Opened(long positionId, long openedMillis, String strategy, String product, ExitRules rules,
                  List<OpenedLeg> legs, String account) implements JournalRecord {
        public Opened {
            legs = List.copyOf(legs);
        }

        /** Held by the primary, as a record written before accounts reads. */
        public Opened(long positionId, long openedMillis, String strategy, String product, ExitRules rules,
                      List<OpenedLeg> legs) {
            this(positionId, openedMillis, strategy, product, rules, legs, null);
        }
    }

    /**
     * A leg, with what it takes to register its instrument again after a restart.
     *
     * @param expiry null for a non-option (never accepted today; kept for the format)
     * @param rules  the leg's own stops and target; {@link LegRules#NONE} in a record written before legs had them
     */
    record OpenedLeg(String symbol, String exchange, String underlying, LocalDate expiry, double strike,
                     OptionType optionType, PositionSide side, long quantity, int lotSize, double entryPrice,
                     LegRules rules) {
        public OpenedLeg {
            rules = rules == null ? LegRules.NONE : rules;
        }

        /** A leg without rules of its own. */
        public OpenedLeg(String symbol, String exchange, String underlying, LocalDate expiry, double strike,
                         OptionType optionType, PositionSide side, long quantity, int lotSize, double entryPrice) {
            this(symbol, exchange, underlying, expiry, strike, optionType, side, quantity, lotSize, entryPrice,
                    LegRules.NONE);
        }
    }

    /** The best mark a trailing stop follows moved; a restart resumes from it. Throttled. */
    record TrailMark(long positionId, double watermark) implements JournalRecord {
    }

    /**
     * The position triggered (or was closed by hand) and will be exited: written and synced before any
     * exit order is sent.
     *
     * @param sliceQuantities per leg, the largest order its exit is sent in (the freeze quantity in whole lots when
     *                        the trigger came, or the leg's whole quantity): a restart slices the exit as it began,
     *                        whatever the config says by then. Empty in a record written before exits were sliced:
     *                        those legs were sent whole
     */
    record Exiting(long positionId, long triggeredMillis, ExitReason reason, double mark, double level,
                   String tickSymbol, long tickExchangeMillis, long tickServerMillis, double bid, double ask,
                   double ltp, long latencyNanos, List<Long> sliceQuantities) implements JournalRecord {
        public Exiting {
            sliceQuantities = List.copyOf(sliceQuantities);
        }

        /** Every leg sent whole, as before exits were sliced. */
        public Exiting(long positionId, long triggeredMillis, ExitReason reason, double mark, double level,
                       String tickSymbol, long tickExchangeMillis, long tickServerMillis, double bid, double ask,
                       double ltp, long latencyNanos) {
            this(positionId, triggeredMillis, reason, mark, level, tickSymbol, tickExchangeMillis, tickServerMillis,
                    bid, ask, ltp, latencyNanos, List.of());
        }
    }

    /**
     * One leg's own rule fired while its position stays open, and that leg alone will be exited: written and synced
     * before any of its orders is sent. The position's other legs stay watched; an exit of the whole position later
     * exits only the legs no such record has taken.
     *
     * @param leg           the leg's index in its position
     * @param price         the leg's exit-side price that reached the rule
     * @param level         the rule's level
     * @param sliceQuantity the largest order its exit is sent in (as in {@link Exiting#sliceQuantities})
     * @param othersToCost  whether every other leg still watched had its stop moved to its entry price by this
     *                      ({@code on_leg_stop: exit_leg_and_move_others_to_cost}): a restart keeps the moved stops
     */
    record LegExiting(long positionId, int leg, long triggeredMillis, ExitReason reason, double price, double level,
                      String tickSymbol, long tickExchangeMillis, long tickServerMillis, double bid, double ask,
                      double ltp, long latencyNanos, long sliceQuantity, boolean othersToCost)
            implements JournalRecord {
    }

    /**
     * A slice of a leg's exit is at the broker: sent by this desk, or found there and adopted. A leg sent whole is
     * slice 0 of 1, as every record written before exits were sliced reads.
     *
     * @param slices how many slices the leg's exit is sent in: with the leg and slice, it names the owner's tag
     */
    record OrderSent(long positionId, int leg, String orderId, double price, boolean adopted, int slice, int slices)
            implements JournalRecord {

        /** A leg sent whole. */
        public OrderSent(long positionId, int leg, String orderId, double price, boolean adopted) {
            this(positionId, leg, orderId, price, adopted, 0, 1);
        }
    }

    /** A slice's working exit order was modified to a new price. */
    record Repriced(long positionId, int leg, int count, double price, int slice) implements JournalRecord {

        public Repriced(long positionId, int leg, int count, double price) {
            this(positionId, leg, count, price, 0);
        }
    }

    record Filled(long positionId, int leg, double price, int slice) implements JournalRecord {

        public Filled(long positionId, int leg, double price) {
            this(positionId, leg, price, 0);
        }
    }

    /** A slice's exit order was rejected or cancelled at the broker (or refused before it was one); not re-sent. */
    record ExitFailed(long positionId, int leg, String message, int slice) implements JournalRecord {

        public ExitFailed(long positionId, int leg, String message) {
            this(positionId, leg, message, 0);
        }
    }

    /** Every leg filled. */
    record Closed(long positionId, long closedMillis) implements JournalRecord {
    }

    /** Removed by hand while open; no order was sent. */
    record Cancelled(long positionId, long cancelledMillis) implements JournalRecord {
    }

    /**
     * Written when a damaged journal is repaired: a record of this position may have been lost, so it is put in
     * {@code NEEDS_REVIEW} however it looked before. A position known only by later records (its OPENED was
     * lost) is known from here on by its id alone.
     */
    record NeedsReview(long positionId, long markedMillis) implements JournalRecord {
    }

    /** A person resolved a review: {@code watch} returns the position to OPEN, otherwise it is cancelled. */
    record Reviewed(long positionId, long reviewedMillis, boolean watch) implements JournalRecord {
    }

    /**
     * Written when a damaged journal is repaired: position ids up to {@code positionId} may have been used in
     * what was lost, so new positions are numbered above it. Belongs to no position.
     */
    record IdsReserved(long positionId) implements JournalRecord {
    }

    /**
     * The first record of a journal that began without the history its data directory shows (the file was missing
     * or empty beside traces of earlier use, or nothing of it could be read): what the broker holds may include
     * positions this journal never heard of. Belongs to no position; kept until {@link HistoryLossAcknowledged}.
     *
     * @param cause what was found, in words, for status and the log
     */
    record HistoryLost(long lostMillis, String cause) implements JournalRecord {
        @Override
        public long positionId() {
            return -1;
        }
    }

    /**
     * A person checked the broker's positions after a {@link HistoryLost} and said so: positions on symbols the
     * broker holds may be registered again, and a restart does not ask again. Belongs to no position.
     */
    record HistoryLossAcknowledged(long acknowledgedMillis) implements JournalRecord {
        @Override
        public long positionId() {
            return -1;
        }
    }

    /**
     * What a compacted journal keeps of the positions it dropped (those that had left memory), written first in the
     * file by {@link JournalCompaction}. A snapshot too large for one record is split into several, each repeating
     * {@code nextPositionId} and {@code tradingDate}; replay sums their strategies and joins their orders
     * ({@link JournalReplay#snapshot}). Belongs to no position.
     *
     * @param nextPositionId the id the next position takes: ids are never given out twice, dropped ones included
     * @param tradingDate    the exchange (IST) date {@code strategies} belong to; another day starts from zero
     * @param strategies     per strategy, the positions that ended that day and were dropped, and their realised P&amp;L
     * @param orders         every broker order an exit of a dropped position owned, with its owner's tag: never
     *                       adopted by another exit
     */
    record Snapshot(long nextPositionId, LocalDate tradingDate, List<StrategyTally> strategies,
                    List<OrderOwner> orders) implements JournalRecord {
        public Snapshot {
            strategies = List.copyOf(strategies);
            orders = List.copyOf(orders);
        }

        /** The highest id that may have been given out before it, as {@link IdsReserved} says it. */
        @Override
        public long positionId() {
            return nextPositionId - 1;
        }
    }

    /**
     * Positions of one strategy, held by one account, that ended on a snapshot's day and left the journal, and their
     * realised P&amp;L.
     *
     * @param account the account that held them; null for the primary (and in a snapshot written before accounts)
     */
    record StrategyTally(String strategy, int positions, double realisedPnl, String account) {
        public StrategyTally(String strategy, int positions, double realisedPnl) {
            this(strategy, positions, realisedPnl, null);
        }

        /** Tallies of the same strategy and account add up; this is what they are kept by. */
        public String key() {
            return strategy + '\u0000' + (account == null ? "" : account);
        }

        public StrategyTally plus(StrategyTally other) {
            return new StrategyTally(strategy, positions + other.positions, realisedPnl + other.realisedPnl, account);
        }
    }

    /**
     * A broker order an exit owned. The tag is kept as the journal wrote it and never parsed.
     *
     * @param since   the exchange date the owner left the journal: owners are kept
     *                {@value JournalCompaction#ORDER_MEMORY_DAYS} days, far longer than a broker's order book (one
     *                trading day) holds an order
     * @param account the account the order went through (order ids are the broker's, so two accounts may use the
     *                same one); null for the primary, as in a snapshot written before accounts
     */
    record OrderOwner(String orderId, String ownerTag, LocalDate since, String account) {

        /** Of the primary. */
        public OrderOwner(String orderId, String ownerTag, LocalDate since) {
            this(orderId, ownerTag, since, null);
        }
    }
}
