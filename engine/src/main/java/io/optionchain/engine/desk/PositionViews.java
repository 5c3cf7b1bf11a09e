package io.optionchain.engine.desk;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.positions.ExecutionCheck;
import io.optionchain.engine.positions.NetGreeks;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.StrategyPnl;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;
import io.optionchain.engine.stops.LiveSlice;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Positions as readers see them, marked to the exit side of the book from chain state: a long's best bid, a
 * short's best ask, what the position would fetch closed now. Off the hot path, any thread.
 *
 * <p>An ended position no longer moves with the market: a closed one's legs are marked at their exit fills, a
 * cancelled one's at the exit-side prices when it was cancelled ({@link #freeze}; unknown, so null, for one
 * cancelled before a restart). A reader, and the positions stream above all, sees it change only when it ends.
 * Its Greeks are then {@code NetGreeks.NONE}; an open one's are priced on its chains ({@link PositionGreeks}).
 */
final class PositionViews {
    private final ChainStore store;
    private final ChainBook chains;
    private final InstrumentRegistry registry;
    private final Clock clock;
    private final LongFunction<ExecutionCheck> executionChecks;

    /**
     * @param chains          what prices the positions' Greeks; null for none
     * @param executionChecks each open position's latest execution check by id (the desk's checker's), null for none
     */
    PositionViews(ChainStore store, ChainBook chains, InstrumentRegistry registry, Clock clock,
                  LongFunction<ExecutionCheck> executionChecks) {
        this.store = store;
        this.chains = chains;
        this.registry = registry;
        this.clock = clock;
        this.executionChecks = executionChecks;
    }

    List<Position> all(Collection<LivePosition> positions) {
        QuoteRecord record = ChainStore.newRecord();
        PositionGreeks greeks = greeks();
        List<Position> views = new ArrayList<>();
        for (LivePosition position : positions) {
            views.add(view(position, record, greeks));
        }
        return views;
    }

    private PositionGreeks greeks() {
        return new PositionGreeks(chains, registry, clock);
    }

    /**
     * P&amp;L summed per strategy over the positions listed and those that ended today and left memory
     * ({@code forgotten}), in order of each strategy's first position; net Greeks summed over the positions listed
     * (the forgotten, all ended, hold nothing).
     */
    static List<StrategyPnl> byStrategy(List<Position> positions, List<StrategyTally> forgotten) {
        Map<String, List<Position>> byStrategy = new LinkedHashMap<>();
        Map<String, StrategyTally> gone = new LinkedHashMap<>();
        for (StrategyTally tally : forgotten) {   // one per strategy and account: the strategy's are summed
            byStrategy.put(tally.strategy(), new ArrayList<>());
            gone.merge(tally.strategy(), tally, StrategyTally::plus);
        }
        for (Position position : positions) {
            byStrategy.computeIfAbsent(position.strategy(), s -> new ArrayList<>()).add(position);
        }
        List<StrategyPnl> result = new ArrayList<>();
        byStrategy.forEach((strategy, list) -> {
            StrategyTally left = gone.get(strategy);
            double realized = left == null ? 0 : left.realisedPnl();
            Double unrealized = 0.0;
            int open = 0;
            for (Position position : list) {
                realized += position.realizedPnl();
                if (position.state() == PositionState.OPEN || position.state() == PositionState.EXITING) {
                    open++;
                }
                unrealized = unrealized == null || position.unrealizedPnl() == null ? null
                        : unrealized + position.unrealizedPnl();
            }
            result.add(new StrategyPnl(strategy, list.size() + (left == null ? 0 : left.positions()), open, realized,
                    unrealized, NetGreeks.sum(list.stream().map(Position::greeks).toList())));
        });
        return result;
    }

    Position view(LivePosition position) {
        return view(position, ChainStore.newRecord(), greeks());
    }

    /** Rupees its filled exits locked in. */
    static double realized(LivePosition position) {
        double realized = 0;
        for (LiveLeg leg : position.legs) {
            if (!Double.isNaN(leg.fillPrice)) {
                realized += (leg.fillPrice - leg.entryPrice) * leg.quantity * leg.side.sign();
            }
        }
        return realized;
    }

    /** Holds each leg's exit-side price now as its mark from here on: the position was just cancelled. */
    void freeze(LivePosition position) {
        QuoteRecord record = ChainStore.newRecord();
        for (LiveLeg leg : position.legs) {
            Double price = exitSidePrice(leg, record);
            leg.markAtEnd = price == null ? Double.NaN : price;
        }
    }

    /** The position as of now: marks from chain state on the exit side, or as they stood when it ended. */
    private Position view(LivePosition position, QuoteRecord record, PositionGreeks greeks) {
        List<Position.Leg> legs = new ArrayList<>();
        double realized = 0;
        Double unrealized = 0.0;
        Double mark = 0.0;
        PositionState state = position.state();   // read once: the legs and the rest must agree
        for (LiveLeg leg : position.legs) {
            // an ended position no longer moves with the market: closed at its fills, cancelled where it stood
            Double legMark = state == PositionState.CLOSED ? finite(leg.fillPrice)
                    : state == PositionState.CANCELLED ? finite(leg.markAtEnd) : exitSidePrice(leg, record);
            // slice by slice: what filled is realized at its own fill, the rest (failed exits included: the broker
            // still holds it) is marked; a leg sent whole is one slice
            double legRealized = 0;
            double legUnrealized = 0;
            boolean unmarked = false;
            List<Position.Slice> slices = new ArrayList<>(leg.slices.length > 1 ? leg.slices.length : 0);
            for (LiveSlice slice : leg.slices) {
                double fill = slice.fillPrice;
                if (!Double.isNaN(fill)) {
                    legRealized += (fill - leg.entryPrice) * slice.quantity * leg.side.sign();
                } else if (legMark != null) {
                    legUnrealized += (legMark - leg.entryPrice) * slice.quantity * leg.side.sign();
                } else {
                    unmarked = true;
                }
                if (leg.slices.length > 1) {
                    slices.add(new Position.Slice(slice.quantity, slice.exit, slice.orderId, finite(slice.orderPrice),
                            finite(fill)));
                }
            }
            realized += legRealized;
            unrealized = unrealized == null || unmarked ? null : unrealized + legUnrealized;
            Double pnl = unmarked ? null : legRealized + legUnrealized;
            mark = mark == null || legMark == null ? null : mark + legMark;
            boolean ownExit = leg.exitsOnItsOwn() && leg.triggerPublished;
            legs.add(new Position.Leg(leg.symbol, leg.exchange, leg.side, leg.quantity,
                    (int) (leg.quantity / leg.lotSize), leg.entryPrice, legMark, leg.exit, leg.orderId,
                    finite(leg.orderPrice), finite(leg.fillPrice), pnl, slices, leg.rules, finite(leg.nearestStop()),
                    finite(leg.targetLevel()), ownExit ? leg.reason : null));
        }
        boolean ended = state == PositionState.CLOSED || state == PositionState.CANCELLED;
        boolean triggered = position.triggerPublished;
        Position.ExitWait waiting = null;
        if (state == PositionState.EXITING || state == PositionState.OPEN) {   // open: a leg exiting on its own
            for (LiveLeg leg : position.legs) {
                for (LiveSlice slice : leg.slices) {
                    String cause = slice.waitingFor;
                    if (cause != null && (waiting == null
                            || slice.waitingSinceMillis < waiting.since().toInstant().toEpochMilli())) {
                        waiting = new Position.ExitWait(cause, time(slice.waitingSinceMillis));
                    }
                }
            }
        }
        return new Position(position.id, position.strategy, position.product, state, legs, position.rules,
                position.entryMark, ended ? null : mark, finite(position.nearestStop()), finite(position.targetLevel),
                position.trailKind == 0 ? null : position.watermark, triggered ? position.reason : null,
                triggered ? finite(position.triggerMark) : null, time(position.openedMillis),
                triggered ? time(position.triggeredMillis) : null,
                position.endedMillis > 0 && state != PositionState.EXITING ? time(position.endedMillis) : null,
                realized, ended ? Double.valueOf(0) : unrealized, position.account, waiting,
                greeks.of(position, state), state == PositionState.OPEN ? executionChecks.apply(position.id) : null);
    }

    /**
     * Each leg's exit-side price from chain state as the ring's first {@link LiveLeg#exitPrice}, before the ring sees
     * the position: its scope's MTM can be judged from the first tick of any held leg, not only after each of its own
     * legs ticked. Whether the quote is fresh enough to act on is still the ring's to judge.
     */
    void seedExitPrices(LivePosition position) {
        QuoteRecord record = ChainStore.newRecord();
        for (LiveLeg leg : position.legs) {
            Double price = exitSidePrice(leg, record);
            if (price != null) {
                leg.exitPrice = price;
            }
        }
    }

    Double mark(LivePosition position) {
        return mark(position, ChainStore.newRecord());
    }

    private Double mark(LivePosition position, QuoteRecord record) {
        double sum = 0;
        for (LiveLeg leg : position.legs) {
            Double price = exitSidePrice(leg, record);
            if (price == null) {
                return null;
            }
            sum += price;
        }
        return sum;
    }

    /** A long's best bid or a short's best ask from chain state; null when there is none. */
    private Double exitSidePrice(LiveLeg leg, QuoteRecord record) {
        if (!store.read(leg.instrumentId, record)) {
            return null;
        }
        double price = leg.side == PositionSide.LONG
                ? record.getBidLevels() > 0 ? record.getBidPriceAt(0) : 0
                : record.getAskLevels() > 0 ? record.getAskPriceAt(0) : 0;
        return price > 0 ? price : null;
    }

    private static ZonedDateTime time(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ExpiryDates.EXCHANGE_ZONE);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
