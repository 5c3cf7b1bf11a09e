package io.optionchain.engine.exits;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.journal.JournalRecord.ExitFailed;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.ports.OrderGatewayException;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LiveSlice;
import io.optionchain.engine.stops.MtmScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * Works one exit order at a time for the {@link ExitExecutor}, each a {@link LiveSlice}: a whole leg, or one
 * slice of a leg above the exchange's freeze quantity. It places the order, looks it up when a send's outcome is
 * unknown, follows its status, re-prices it in place, and journals and audits each step, slice by slice.
 *
 * <p>Every call goes to the order API of the account holding the position ({@link HoldingAccounts}), never another
 * one's. When that account cannot take orders (refused, rate limited, a server error, no answer), the slice's
 * exit is queued: it stays where it was (to place, or to look up first when a send's outcome is unknown), an
 * {@link AuditKind#EXIT_QUEUED} alert goes out at once for its position, and it goes on once the account answers.
 * Executor thread only.
 */
final class ExitOrderWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ExitOrderWorker.class);
    /** Failed status look-ups in a row after which an exit order is reported unknown. */
    static final int UNKNOWN_AFTER_FAILURES = 10;
    /** The longest wait between look-ups of an unknown exit order. */
    static final long UNKNOWN_MAX_BACKOFF_MILLIS = 60_000;

    private final ExitRecords records;
    private final HoldingAccounts accounts;
    /** Every order some leg or slice owns, by account: a look-up never adopts another's. */
    private final OrderClaims claims = new OrderClaims();
    private final ChainStore store;
    private final ExitPricer pricer;
    private final IntToDoubleFunction tickSizes;
    private final IntFunction<PriceBand> bands;
    private final Consumer<AuditEvent> audit;
    private final long pollMillis;
    private final long repriceWaitMillis;
    private final int maxReprices;
    private final long settleMillis;
    private final QuoteRecord book = ChainStore.newRecord();
    private long now;

    ExitOrderWorker(ExitRecords records, HoldingAccounts accounts, ChainStore store, RiskSettings settings,
                    IntToDoubleFunction tickSizes, IntFunction<PriceBand> bands, Consumer<AuditEvent> audit) {
        this.records = records;
        this.accounts = accounts;
        this.store = store;
        this.pricer = new ExitPricer(settings);
        this.tickSizes = tickSizes;
        this.bands = bands;
        this.audit = audit;
        this.pollMillis = settings.statusPollInterval().toMillis();
        this.repriceWaitMillis = settings.repriceWait().toMillis();
        this.maxReprices = settings.maxReprices();
        this.settleMillis = settings.ambiguousSettle().toMillis();
    }

    /** {@code orderId} in {@code account}'s book belongs to the leg (or slice) tagged {@code ownerTag} alone. */
    void claim(String account, String orderId, String ownerTag) {
        claims.claim(account, orderId, ownerTag);
    }

    /** Takes the slice's next step; {@code nowMillis} is the executor's cycle time. */
    void step(LiveSlice slice, long nowMillis) {
        now = nowMillis;
        switch (slice.exit) {
            case PLACING -> place(slice);
            case LOOKING_UP -> lookUp(slice);
            case WORKING, EXIT_UNKNOWN -> follow(slice);
            default -> { }
        }
    }

    private void place(LiveSlice slice) {
        String account = slice.leg.position.account;
        OrderGateway gateway = accounts.reachable(slice, now);
        if (gateway == null) {
            return;
        }
        double price = priceNow(slice);
        if (Double.isNaN(price)) {
            slice.nextActionMillis = now + pollMillis; // no bid (or ask) to price from yet
            if (!slice.noBookReported) {
                slice.noBookReported = true;
                audit.accept(legEvent(AuditKind.ALERT, slice, null, null, "no " + (slice.leg.side == PositionSide.LONG
                        ? "bid" : "ask") + " to price the exit from; sent once one is quoted"));
            }
            return;
        }
        String orderId;
        try {
            orderId = gateway.place(slice.order(price));
        } catch (OrderGatewayException e) {
            switch (e.outcome()) {
                // no order exists: it waits, to place, until the account answers
                case NOT_ACCEPTED, ACCOUNT_REFUSED -> accounts.refused(slice, e, now);
                case REJECTED -> {
                    accounts.answered(account);
                    fail(slice, "exit order rejected: " + e.getMessage());
                }
                default -> {
                    // an order may exist: it waits, to look the book up before anything is sent again
                    unknownSend(slice, e);
                    accounts.refused(slice, e, now);
                }
            }
            return;
        } catch (RuntimeException e) {
            unknownSend(slice, e);
            accounts.refused(slice, e, now);
            return;
        }
        accounts.answered(account);
        if (orderId == null || orderId.isBlank()) {
            unknownSend(slice, new IllegalStateException("the broker answered without an order id"));
            return;
        }
        working(slice, orderId, price, false);
    }

    private void unknownSend(LiveSlice slice, RuntimeException e) {
        LOG.warn("exit of position {} leg {}{}: send outcome unknown ({}); looking it up in {} ms",
                slice.leg.position.id, slice.leg.index, suffix(slice), e.getMessage(), settleMillis);
        slice.exit = LegExit.LOOKING_UP;
        slice.nextActionMillis = now + settleMillis;
    }

    /**
     * Whether the holding account already has this slice's exit: only when it has none is it sent. Only that
     * account's book is read: an order in another account's is never this exit's, whatever its id.
     */
    private void lookUp(LiveSlice slice) {
        OrderGateway gateway = accounts.reachable(slice, now);
        if (gateway == null) {
            return;
        }
        List<BrokerOrder> orders;
        try {
            orders = gateway.orderBook();
        } catch (RuntimeException e) {
            accounts.refused(slice, e, now);
            return;
        }
        accounts.answered(slice.leg.position.account);
        BrokerOrder match = claims.existing(orders, slice);
        if (match != null) {
            working(slice, match.orderId(), match.price() > 0 ? match.price() : Double.NaN, true);
        } else {
            slice.exit = LegExit.PLACING;
            slice.nextActionMillis = now;
        }
    }

    private void working(LiveSlice slice, String orderId, double price, boolean adopted) {
        claims.own(slice, orderId);
        accounts.tookOrder(slice.leg.position.account, now);
        slice.waitingFor = null;
        slice.orderId = orderId;
        slice.orderPrice = price;
        slice.exit = LegExit.WORKING;
        slice.pricedAtMillis = now;
        slice.nextActionMillis = now + pollMillis;
        // on a full disk it waits in order; a restart before it is written finds the order by look-up and adopts it
        records.append(new OrderSent(slice.leg.position.id, slice.leg.index, orderId, price, adopted, slice.index,
                slice.leg.slices.length));
        audit.accept(legEvent(adopted ? AuditKind.ORDER_ADOPTED : AuditKind.ORDER_SENT, slice, orderId, finite(price),
                null));
    }

    private void follow(LiveSlice slice) {
        BrokerOrder status;
        try {
            status = holder(slice).status(slice.orderId, slice.tag);
        } catch (RuntimeException e) {
            statusFailed(slice, e);
            return;
        }
        if (slice.statusFailures > 0) {
            statusFound(slice);
        }
        switch (status.state()) {
            case COMPLETE -> filled(slice, status.averagePrice() > 0 ? status.averagePrice()
                    : status.price() > 0 ? status.price() : slice.orderPrice);
            case REJECTED, CANCELLED -> fail(slice, "exit order " + slice.orderId + " " + status.state()
                    .name().toLowerCase() + " at the broker");
            default -> {
                if (now - slice.pricedAtMillis >= repriceWaitMillis) {
                    reprice(slice);
                }
                slice.nextActionMillis = now + pollMillis;
            }
        }
    }

    /**
     * Not found yet, rate limited, no answer: asked again. After {@link #UNKNOWN_AFTER_FAILURES} in a row the slice
     * (and so its leg) is
     * EXIT_UNKNOWN, which alerts once and is shown wherever positions are, and the look-ups back off to
     * {@link #UNKNOWN_MAX_BACKOFF_MILLIS}: a stop whose exit nobody can see must not stay quiet, nor hammer the
     * broker. Each distinct cause is logged once.
     */
    private void statusFailed(LiveSlice slice, RuntimeException e) {
        slice.statusFailures++;
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!cause.equals(slice.statusFailureLogged)) {
            slice.statusFailureLogged = cause;
            LOG.warn("status of exit order {} (position {} leg {}{}) cannot be read: {}", slice.orderId,
                    slice.leg.position.id, slice.leg.index, suffix(slice), cause);
        }
        if (slice.statusFailures < UNKNOWN_AFTER_FAILURES) {
            slice.nextActionMillis = now + pollMillis;
            return;
        }
        if (slice.exit != LegExit.EXIT_UNKNOWN) {
            slice.exit = LegExit.EXIT_UNKNOWN;
            audit.accept(legEvent(AuditKind.ALERT, slice, slice.orderId, finite(slice.orderPrice), "exit order "
                    + slice.orderId + " unknown at the broker after " + slice.statusFailures + " look-ups (" + cause
                    + "); still checking"));
        }
        int doublings = Math.min(16, slice.statusFailures - UNKNOWN_AFTER_FAILURES);
        slice.nextActionMillis = now + Math.min(UNKNOWN_MAX_BACKOFF_MILLIS, pollMillis << doublings);
    }

    private void statusFound(LiveSlice slice) {
        if (slice.exit == LegExit.EXIT_UNKNOWN) {
            LOG.info("exit order {} (position {} leg {}{}) is known at the broker again after {} failed look-ups",
                    slice.orderId, slice.leg.position.id, slice.leg.index, suffix(slice), slice.statusFailures);
            slice.exit = LegExit.WORKING;
        }
        slice.statusFailures = 0;
        slice.statusFailureLogged = null;
    }

    private void reprice(LiveSlice slice) {
        if (slice.reprices >= maxReprices) {
            if (!slice.repriceLimitReported) {
                slice.repriceLimitReported = true;
                audit.accept(legEvent(AuditKind.ALERT, slice, slice.orderId, finite(slice.orderPrice),
                        "exit unfilled after " + slice.reprices + " re-prices; left working at the broker"));
            }
            return;
        }
        slice.pricedAtMillis = now;
        double price = priceNow(slice);
        if (Double.isNaN(price) || price == slice.orderPrice) {
            return;
        }
        slice.reprices++;
        try {
            holder(slice).modify(slice.orderId, slice.order(price));
        } catch (RuntimeException e) {
            // the same order either way: its status says whether it filled, the next wait re-prices again
            LOG.warn("re-price of order {} failed: {}", slice.orderId, e.getMessage());
            return;
        }
        slice.orderPrice = price;
        records.append(new Repriced(slice.leg.position.id, slice.leg.index, slice.reprices, price, slice.index));
        audit.accept(legEvent(AuditKind.REPRICE, slice, slice.orderId, price, "re-price " + slice.reprices));
    }

    private void filled(LiveSlice slice, double price) {
        slice.fillPrice = price;
        MtmScope.basisChanged();   // realised now at the fill: the ring's MTM estimates are summed again
        slice.exit = LegExit.FILLED;
        records.append(new Filled(slice.leg.position.id, slice.leg.index, price, slice.index));
        audit.accept(legEvent(AuditKind.FILL, slice, slice.orderId, finite(price), null));
    }

    private void fail(LiveSlice slice, String why) {
        slice.waitingFor = null;
        slice.failure = why;
        slice.exit = LegExit.FAILED;
        records.append(new ExitFailed(slice.leg.position.id, slice.leg.index, why, slice.index));
        LOG.error("position {} leg {}{} ({}): {}", slice.leg.position.id, slice.leg.index, suffix(slice),
                slice.leg.symbol, why);
        audit.accept(legEvent(AuditKind.EXIT_FAILED, slice, slice.orderId, finite(slice.orderPrice), why));
    }

    /**
     * The order API of the account holding the slice's position, for an order already there.
     *
     * @throws IllegalStateException when that account is no longer configured: its status cannot be read
     */
    private OrderGateway holder(LiveSlice slice) {
        OrderGateway gateway = accounts.gateway(slice.leg.position.account);
        if (gateway == null) {
            throw new IllegalStateException("account " + slice.leg.position.account + " is not configured");
        }
        return gateway;
    }

    /**
     * From the leg's book in chain state; for the leg that triggered, the trigger's quote when the book is empty.
     * Priced for all of the leg still unfilled, not the slice alone: a leg's slices go out together and take the
     * same book, so each must reach as deep as all of them need. Every price, the first and each re-price, is kept
     * inside the underlying's limit price protection band ({@link ExitPricer#reference}): every exit path (stop,
     * target, manual, exit-all, square-off) is priced here, so none is rejected for being too far from the market.
     */
    private double priceNow(LiveSlice slice) {
        LiveLeg leg = slice.leg;
        OrderAction action = leg.side.exitAction();
        long quantity = Math.max(slice.quantity, leg.unfilledQuantity());
        double tick = tickSizes.applyAsDouble(leg.instrumentId);
        PriceBand band = bands.apply(leg.instrumentId);
        boolean known = store.read(leg.instrumentId, book);
        double price = known ? pricer.price(action, quantity, book, tick, band) : Double.NaN;
        if (Double.isNaN(price) && leg.exitsOnItsOwn()) {
            // its own rule fired on its own quote
            price = pricer.priceAtTouch(action, leg.tickBid, leg.tickAsk, tick, band, known ? book.getLtp() : 0);
        } else if (Double.isNaN(price) && leg.symbol.equals(leg.position.tickSymbol)) {
            price = pricer.priceAtTouch(action, leg.position.tickBid, leg.position.tickAsk, tick, band,
                    known ? book.getLtp() : 0);
        }
        return price;
    }

    /** One slice's event: its own quantity, and for a sliced leg "slice k of n" before any message. */
    private AuditEvent legEvent(AuditKind kind, LiveSlice slice, String orderId, Double price, String message) {
        String name = slice.name();
        String text = name == null ? message : message == null ? name : name + ": " + message;
        return new AuditEvent(kind, now, slice.leg.position.id, slice.leg.position.strategy, slice.leg.index,
                slice.leg.symbol, slice.leg.exitReason(), null, null, null, null, null, null, null, null, null,
                orderId, price, slice.quantity, text, slice.leg.position.account);
    }

    /** " slice k of n" for a log line about a sliced leg; empty for a leg sent whole. */
    private static String suffix(LiveSlice slice) {
        String name = slice.name();
        return name == null ? "" : " " + name;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

}
