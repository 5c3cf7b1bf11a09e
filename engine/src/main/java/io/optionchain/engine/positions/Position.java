package io.optionchain.engine.positions;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A position as a reader sees it: built on demand off the hot path, marks read from chain state at that
 * moment. A value not known (no quote yet, no trigger yet) is null.
 *
 * <p>Marks and P&amp;L use the exit side of the book (a long's bid, a short's ask): what the position
 * would fetch if it were closed now, not the LTP or the mid.
 *
 * @param mark          the position's mark: one leg's exit-side price, or the sum over a group's legs
 * @param stopLevel     the tightest stop in force now (fixed, percent or trailing)
 * @param watermark     best mark since entry, which a trailing stop follows; null without a trailing stop
 * @param realizedPnl   rupees locked in by filled exit orders
 * @param unrealizedPnl rupees the unfilled legs would make at their marks; null when a leg has no mark
 * @param account       the account that holds it: its exit orders go through that account and no other
 * @param exitWaiting   why its exit waits for that account, which cannot take orders now; null when it does not
 * @param greeks        net delta, gamma, theta and vega of the units its legs still hold, in rupees; null while one
 *                      of those legs has no Greeks (no two-sided quote, no chain open for its expiry, expired);
 *                      {@link NetGreeks#NONE} once it has ended, since it then holds nothing the desk follows
 * @param execution     whether its stop could execute now, as the desk's checker last judged it; null unless it is
 *                      open and has been judged
 */
public record Position(long id, String strategy, String product, PositionState state, List<Leg> legs,
                       ExitRules rules, double entryPremium, Double mark, Double stopLevel, Double targetLevel,
                       Double watermark, ExitReason exitReason, Double triggerMark, ZonedDateTime openedAt,
                       ZonedDateTime triggeredAt, ZonedDateTime closedAt, double realizedPnl, Double unrealizedPnl,
                       String account, ExitWait exitWaiting, NetGreeks greeks, ExecutionCheck execution) {

    /** Not judged for execution. */
    public Position(long id, String strategy, String product, PositionState state, List<Leg> legs,
                    ExitRules rules, double entryPremium, Double mark, Double stopLevel, Double targetLevel,
                    Double watermark, ExitReason exitReason, Double triggerMark, ZonedDateTime openedAt,
                    ZonedDateTime triggeredAt, ZonedDateTime closedAt, double realizedPnl, Double unrealizedPnl,
                    String account, ExitWait exitWaiting, NetGreeks greeks) {
        this(id, strategy, product, state, legs, rules, entryPremium, mark, stopLevel, targetLevel, watermark,
                exitReason, triggerMark, openedAt, triggeredAt, closedAt, realizedPnl, unrealizedPnl, account,
                exitWaiting, greeks, null);
    }

    /** Realized plus unrealized; null while some unfilled leg has no mark. */
    public Double pnl() {
        return unrealizedPnl == null ? null : realizedPnl + unrealizedPnl;
    }

    /**
     * One leg.
     *
     * @param exit       how far its exit has got (all its slices together when it is sliced)
     * @param orderId    the broker's id of its exit order, once placed (the first slice's that is)
     * @param orderPrice limit price of that order, after any re-price
     * @param fillPrice  average fill price once filled (weighted by quantity over the slices)
     * @param slices     the exit's orders when the leg is above the freeze quantity and sent in several; empty
     *                   when it is sent whole
     * @param rules      the leg's own rules as given
     * @param stopLevel  the leg's own stop in force now (its fixed or percent stop, the tighter; its entry price once
     *                   moved to cost); null without one
     * @param targetLevel the leg's own target; null without one
     * @param exitReason why the leg exited on its own (its own rule fired) while its position stayed open; null when
     *                   it did not (it is watched, or exits with its position)
     */
    public record Leg(String symbol, String exchange, PositionSide side, long quantity, int lots, double entryPrice,
                      Double mark, LegExit exit, String orderId, Double orderPrice, Double fillPrice, Double pnl,
                      List<Slice> slices, LegRules rules, Double stopLevel, Double targetLevel,
                      ExitReason exitReason) {
        public Leg {
            slices = List.copyOf(slices);
            rules = rules == null ? LegRules.NONE : rules;
        }

        /** A leg without rules of its own. */
        public Leg(String symbol, String exchange, PositionSide side, long quantity, int lots, double entryPrice,
                   Double mark, LegExit exit, String orderId, Double orderPrice, Double fillPrice, Double pnl,
                   List<Slice> slices) {
            this(symbol, exchange, side, quantity, lots, entryPrice, mark, exit, orderId, orderPrice, fillPrice, pnl,
                    slices, LegRules.NONE, null, null, null);
        }
    }

    /**
     * An exit queued because the account holding the position cannot take orders: nothing is sent through another
     * account; it goes once the holding account answers again.
     *
     * @param cause what the account answered last (refused, rate limited, a server error, no answer)
     * @param since when the exit began to wait
     */
    public record ExitWait(String cause, ZonedDateTime since) {
    }

    /** One order of a leg sent in slices: at most the exchange's freeze quantity. */
    public record Slice(long quantity, LegExit exit, String orderId, Double orderPrice, Double fillPrice) {
    }
}
