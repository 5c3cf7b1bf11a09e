package io.optionchain.engine.exits;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.journal.JournalRecord.ExitFailed;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Works one leg's exit order at a time for the {@link ExitExecutor}: places it, looks it up when a send's
 * outcome is unknown, follows its status, re-prices it in place, and journals and audits each step. Executor
 * thread only.
 */
final class ExitOrderWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ExitOrderWorker.class);
    /**
     * How much earlier than the trigger an untagged order's placement time may read and still be this exit's:
     * brokers stamp whole seconds, and their clock and ours differ by a little. Five seconds covers both; an
     * order for the very same contract, side and quantity placed by someone else within it is the one case
     * this cannot tell apart.
     */
    static final long ADOPTION_CLOCK_SKEW_MILLIS = 5_000;
    /** Failed status look-ups in a row after which an exit order is reported unknown. */
    static final int UNKNOWN_AFTER_FAILURES = 10;
    /** The longest wait between look-ups of an unknown exit order. */
    static final long UNKNOWN_MAX_BACKOFF_MILLIS = 60_000;

    private final ExitRecords records;
    private final OrderGateway gateway;
    private final ChainStore store;
    private final ExitPricer pricer;
    private final Consumer<AuditEvent> audit;
    private final long pollMillis;
    private final long repriceWaitMillis;
    private final int maxReprices;
    private final long settleMillis;
    /** Every order id some leg owns, with that leg's tag: a look-up never adopts another leg's order. */
    private final Map<String, String> claimed = new HashMap<>();
    private final QuoteRecord book = ChainStore.newRecord();
    private long now;

    ExitOrderWorker(ExitRecords records, OrderGateway gateway, ChainStore store, RiskSettings settings,
                    Consumer<AuditEvent> audit) {
        this.records = records;
        this.gateway = gateway;
        this.store = store;
        this.pricer = new ExitPricer(settings);
        this.audit = audit;
        this.pollMillis = settings.statusPollInterval().toMillis();
        this.repriceWaitMillis = settings.repriceWait().toMillis();
        this.maxReprices = settings.maxReprices();
        this.settleMillis = settings.ambiguousSettle().toMillis();
    }

    /** {@code orderId} belongs to the leg tagged {@code ownerTag}; no other leg may take it. */
    void claim(String orderId, String ownerTag) {
        claimed.putIfAbsent(orderId, ownerTag);
    }

    /** Takes the leg's next step; {@code nowMillis} is the executor's cycle time. */
    void step(LiveLeg leg, long nowMillis) {
        now = nowMillis;
        switch (leg.exit) {
            case PLACING -> place(leg);
            case LOOKING_UP -> lookUp(leg);
            case WORKING, EXIT_UNKNOWN -> follow(leg);
            default -> { }
        }
    }

    private void place(LiveLeg leg) {
        double price = priceNow(leg);
        if (Double.isNaN(price)) {
            leg.nextActionMillis = now + pollMillis; // no bid (or ask) to price from yet
            if (!leg.noBookReported) {
                leg.noBookReported = true;
                audit.accept(legEvent(AuditKind.ALERT, leg, null, null, "no " + (leg.side == PositionSide.LONG ? "bid"
                        : "ask") + " to price the exit from; sent once one is quoted"));
            }
            return;
        }
        String orderId;
        try {
            orderId = gateway.place(leg.order(price));
        } catch (OrderGatewayException e) {
            switch (e.outcome()) {
                case NOT_ACCEPTED -> leg.nextActionMillis = now + pollMillis;
                case REJECTED -> fail(leg, "exit order rejected: " + e.getMessage());
                default -> unknownSend(leg, e);
            }
            return;
        } catch (RuntimeException e) {
            unknownSend(leg, e);
            return;
        }
        if (orderId == null || orderId.isBlank()) {
            unknownSend(leg, new IllegalStateException("the broker answered without an order id"));
            return;
        }
        working(leg, orderId, price, false);
    }

    private void unknownSend(LiveLeg leg, RuntimeException e) {
        LOG.warn("exit of position {} leg {}: send outcome unknown ({}); looking it up in {} ms", leg.position.id,
                leg.index, e.getMessage(), settleMillis);
        leg.exit = LegExit.LOOKING_UP;
        leg.nextActionMillis = now + settleMillis;
    }

    /** Whether the broker already has this leg's exit: only when it has none is it sent. */
    private void lookUp(LiveLeg leg) {
        List<BrokerOrder> orders;
        try {
            orders = gateway.orderBook();
        } catch (RuntimeException e) {
            leg.nextActionMillis = now + pollMillis;
            return;
        }
        BrokerOrder match = existing(orders, leg);
        if (match != null) {
            working(leg, match.orderId(), match.price() > 0 ? match.price() : Double.NaN, true);
        } else {
            leg.exit = LegExit.PLACING;
            leg.nextActionMillis = now;
        }
    }

    /**
     * The order in the book that is this leg's exit, or null. Every candidate must be this leg's contract: the
     * same symbol, exchange, side, quantity and product, limit-priced, and owned by no other exit this desk
     * knows of. A server that reports tags must also report this leg's tag. One that does not (OpenAlgo's
     * broker order books never echo {@code strategy}) must report a placement time no earlier than the
     * trigger, less {@link #ADOPTION_CLOCK_SKEW_MILLIS}: an older order for the same contract is someone
     * else's, and adopting it would leave this position open at the broker and unwatched. An untagged order
     * with no placement time is never adopted; sending a new exit is the lesser risk.
     */
    private BrokerOrder existing(List<BrokerOrder> orders, LiveLeg leg) {
        long earliest = leg.position.triggeredMillis - ADOPTION_CLOCK_SKEW_MILLIS;
        for (BrokerOrder order : orders) {
            String owner = order.orderId() == null ? null : claimed.get(order.orderId());
            if (order.orderId() == null || owner != null && !owner.equals(leg.tag) || !sameContract(order, leg)) {
                continue;
            }
            boolean tagged = order.strategy() != null && !order.strategy().isBlank();
            // an order a journal (this one, or a damaged copy of it) already gave to this leg is this leg's
            boolean ours = leg.tag.equals(owner) || (tagged ? order.strategy().equals(leg.tag)
                    : order.placedMillis() > 0 && order.placedMillis() >= earliest);
            if (ours) {
                return order;
            }
        }
        return null;
    }

    private static boolean sameContract(BrokerOrder order, LiveLeg leg) {
        return leg.symbol.equals(order.symbol()) && leg.exchange.equalsIgnoreCase(order.exchange())
                && order.action() == leg.side.exitAction() && order.quantity() == leg.quantity
                && (blank(order.product()) || leg.position.product.equalsIgnoreCase(order.product()))
                && (blank(order.priceType()) || "LIMIT".equalsIgnoreCase(order.priceType()));
    }

    private void working(LiveLeg leg, String orderId, double price, boolean adopted) {
        claimed.put(orderId, leg.tag);
        leg.orderId = orderId;
        leg.orderPrice = price;
        leg.exit = LegExit.WORKING;
        leg.pricedAtMillis = now;
        leg.nextActionMillis = now + pollMillis;
        // on a full disk it waits in order; a restart before it is written finds the order by look-up and adopts it
        records.append(new OrderSent(leg.position.id, leg.index, orderId, price, adopted));
        audit.accept(legEvent(adopted ? AuditKind.ORDER_ADOPTED : AuditKind.ORDER_SENT, leg, orderId, finite(price),
                null));
    }

    private void follow(LiveLeg leg) {
        BrokerOrder status;
        try {
            status = gateway.status(leg.orderId, leg.tag);
        } catch (RuntimeException e) {
            statusFailed(leg, e);
            return;
        }
        if (leg.statusFailures > 0) {
            statusFound(leg);
        }
        switch (status.state()) {
            case COMPLETE -> filled(leg, status.averagePrice() > 0 ? status.averagePrice()
                    : status.price() > 0 ? status.price() : leg.orderPrice);
            case REJECTED, CANCELLED -> fail(leg, "exit order " + leg.orderId + " " + status.state()
                    .name().toLowerCase() + " at the broker");
            default -> {
                if (now - leg.pricedAtMillis >= repriceWaitMillis) {
                    reprice(leg);
                }
                leg.nextActionMillis = now + pollMillis;
            }
        }
    }

    /**
     * Not found yet, rate limited, no answer: asked again. After {@link #UNKNOWN_AFTER_FAILURES} in a row the leg is
     * EXIT_UNKNOWN, which alerts once and is shown wherever positions are, and the look-ups back off to
     * {@link #UNKNOWN_MAX_BACKOFF_MILLIS}: a stop whose exit nobody can see must not stay quiet, nor hammer the
     * broker. Each distinct cause is logged once.
     */
    private void statusFailed(LiveLeg leg, RuntimeException e) {
        leg.statusFailures++;
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!cause.equals(leg.statusFailureLogged)) {
            leg.statusFailureLogged = cause;
            LOG.warn("status of exit order {} (position {} leg {}) cannot be read: {}", leg.orderId, leg.position.id,
                    leg.index, cause);
        }
        if (leg.statusFailures < UNKNOWN_AFTER_FAILURES) {
            leg.nextActionMillis = now + pollMillis;
            return;
        }
        if (leg.exit != LegExit.EXIT_UNKNOWN) {
            leg.exit = LegExit.EXIT_UNKNOWN;
            audit.accept(legEvent(AuditKind.ALERT, leg, leg.orderId, finite(leg.orderPrice), "exit order "
                    + leg.orderId + " unknown at the broker after " + leg.statusFailures + " look-ups (" + cause
                    + "); still checking"));
        }
        int doublings = Math.min(16, leg.statusFailures - UNKNOWN_AFTER_FAILURES);
        leg.nextActionMillis = now + Math.min(UNKNOWN_MAX_BACKOFF_MILLIS, pollMillis << doublings);
    }

    private void statusFound(LiveLeg leg) {
        if (leg.exit == LegExit.EXIT_UNKNOWN) {
            LOG.info("exit order {} (position {} leg {}) is known at the broker again after {} failed look-ups",
                    leg.orderId, leg.position.id, leg.index, leg.statusFailures);
            leg.exit = LegExit.WORKING;
        }
        leg.statusFailures = 0;
        leg.statusFailureLogged = null;
    }

    private void reprice(LiveLeg leg) {
        if (leg.reprices >= maxReprices) {
            if (!leg.repriceLimitReported) {
                leg.repriceLimitReported = true;
                audit.accept(legEvent(AuditKind.ALERT, leg, leg.orderId, finite(leg.orderPrice),
                        "exit unfilled after " + leg.reprices + " re-prices; left working at the broker"));
            }
            return;
        }
        leg.pricedAtMillis = now;
        double price = priceNow(leg);
        if (Double.isNaN(price) || price == leg.orderPrice) {
            return;
        }
        leg.reprices++;
        try {
            gateway.modify(leg.orderId, leg.order(price));
        } catch (RuntimeException e) {
            // the same order either way: its status says whether it filled, the next wait re-prices again
            LOG.warn("re-price of order {} failed: {}", leg.orderId, e.getMessage());
            return;
        }
        leg.orderPrice = price;
        records.append(new Repriced(leg.position.id, leg.index, leg.reprices, price));
        audit.accept(legEvent(AuditKind.REPRICE, leg, leg.orderId, price, "re-price " + leg.reprices));
    }

    private void filled(LiveLeg leg, double price) {
        leg.fillPrice = price;
        leg.exit = LegExit.FILLED;
        records.append(new Filled(leg.position.id, leg.index, price));
        audit.accept(legEvent(AuditKind.FILL, leg, leg.orderId, finite(price), null));
    }

    private void fail(LiveLeg leg, String why) {
        leg.failure = why;
        leg.exit = LegExit.FAILED;
        records.append(new ExitFailed(leg.position.id, leg.index, why));
        LOG.error("position {} leg {} ({}): {}", leg.position.id, leg.index, leg.symbol, why);
        audit.accept(legEvent(AuditKind.EXIT_FAILED, leg, leg.orderId, finite(leg.orderPrice), why));
    }

    /** From the leg's book in chain state; for the leg that triggered, the trigger's quote when the book is empty. */
    private double priceNow(LiveLeg leg) {
        OrderAction action = leg.side.exitAction();
        double price = store.read(leg.instrumentId, book) ? pricer.price(action, leg.quantity, book) : Double.NaN;
        if (Double.isNaN(price) && leg.symbol.equals(leg.position.tickSymbol)) {
            price = pricer.priceAtTouch(action, leg.position.tickBid, leg.position.tickAsk);
        }
        return price;
    }

    private AuditEvent legEvent(AuditKind kind, LiveLeg leg, String orderId, Double price, String message) {
        return new AuditEvent(kind, now, leg.position.id, leg.position.strategy, leg.index, leg.symbol,
                leg.position.reason, null, null, null, null, null, null, null, null, null, orderId, price,
                leg.quantity, message);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
