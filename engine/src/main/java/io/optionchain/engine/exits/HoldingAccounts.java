package io.optionchain.engine.exits;

import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.stops.LiveLeg;
import io.optionchain.engine.stops.LivePosition;
import io.optionchain.engine.stops.LiveSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The accounts positions are held in, as the exit executor sees them: each one's order API, whether it can take
 * orders now, and the exits waiting for it. An account that refused a call (401/403), rate-limited it (429), failed
 * it (5xx) or did not answer is out until a call to it succeeds; meanwhile the exits it holds wait where they stood
 * (to place, or to look the book up first), an {@link AuditKind#EXIT_QUEUED} alert goes out at once for each
 * position, and one of its exits asks again after a back-off from the status poll interval, doubling up to
 * {@link #MAX_RETRY_MILLIS}: an account that cannot take orders is not hammered, and one that answers again is used
 * within that much. Nothing here ever chooses another account: a position's exit has exactly one. Executor thread
 * only.
 */
final class HoldingAccounts {
    /** The longest wait between tries of an account that cannot take orders: how late an exit may go once it can. */
    static final long MAX_RETRY_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(HoldingAccounts.class);

    /** Why an account cannot take orders, and when it is tried next. */
    private static final class Outage {
        String cause;
        long retryMillis;
        long nextTryMillis;
    }

    private final OrderAccounts accounts;
    private final long firstRetryMillis;
    private final Consumer<AuditEvent> audit;
    private final Map<String, Outage> outages = new HashMap<>();
    /**
     * What each account was last logged as answering, and since when, until it takes an order again: an account
     * whose look-ups answer while its sends fail goes in and out of an outage on every try, and is logged once.
     */
    private final Map<String, String> logged = new HashMap<>();
    private final Map<String, Long> loggedSince = new HashMap<>();
    /**
     * Why each account could not take an order, from its failure until it takes one again, for readers on other
     * threads ("can this stop execute now?"): an account whose look-ups answer while its sends fail stays in it.
     */
    private final Map<String, String> refusing = new ConcurrentHashMap<>();

    HoldingAccounts(OrderAccounts accounts, long firstRetryMillis, Consumer<AuditEvent> audit) {
        this.accounts = accounts;
        this.firstRetryMillis = Math.max(1, Math.min(firstRetryMillis, MAX_RETRY_MILLIS));
        this.audit = audit;
    }

    /**
     * Why {@code account} cannot take orders now, as its last failed call said, until it takes one again; null when
     * nothing says it cannot. Any thread.
     */
    String problem(String account) {
        if (accounts.gateway(account) == null) {
            return "account " + account + " is not configured";
        }
        String cause = refusing.get(account);
        return cause == null ? null : "account " + account + " cannot take orders (" + cause + ")";
    }

    /** The order API of {@code account}; null when the accounts file no longer has it. */
    OrderGateway gateway(String account) {
        return accounts.gateway(account);
    }

    /**
     * The order API of the account holding the slice's position, if it may be called now. Otherwise null, and the
     * slice waits: until the account's next try while it cannot take orders, or for good when it is no longer
     * configured (a restart with it in the accounts file sends the exit); never through another account.
     */
    OrderGateway reachable(LiveSlice slice, long nowMillis) {
        String account = slice.leg.position.account;
        OrderGateway gateway = accounts.gateway(account);
        if (gateway == null) {
            failed(account, "account " + account + " is not configured", nowMillis);
            queue(slice, "account " + account + " is not configured: the exit waits for it", nowMillis);
            return null;
        }
        Outage outage = outages.get(account);
        if (outage != null && outage.nextTryMillis > nowMillis) {
            queue(slice, outage.cause, nowMillis);
            return null;
        }
        return gateway;
    }

    /** The holding account could not take the slice's call: it is out, and the slice waits for it. */
    void refused(LiveSlice slice, RuntimeException e, long nowMillis) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failed(slice.leg.position.account, cause, nowMillis);
        queue(slice, cause, nowMillis);
    }

    /** {@code account} answered a call: the exits it holds go on at once. */
    void answered(String account) {
        outages.remove(account);
    }

    /** {@code account} took an order (or showed one in its book): it takes orders again. */
    void tookOrder(String account, long nowMillis) {
        outages.remove(account);
        refusing.remove(account);
        String cause = logged.remove(account);
        if (cause != null) {
            LOG.info("account {} takes orders again after {} ms ({})", account,
                    nowMillis - loggedSince.remove(account), cause);
        }
    }

    private void failed(String account, String cause, long nowMillis) {
        Outage outage = outages.get(account);
        if (outage == null) {
            outage = new Outage();
            outage.retryMillis = firstRetryMillis;
            outages.put(account, outage);
        } else {
            outage.retryMillis = Math.min(MAX_RETRY_MILLIS, outage.retryMillis * 2);
        }
        outage.cause = cause;
        refusing.put(account, cause);
        outage.nextTryMillis = nowMillis + outage.retryMillis;
        if (!cause.equals(logged.put(account, cause))) {
            loggedSince.putIfAbsent(account, nowMillis);
            LOG.warn("account {} cannot take orders ({}); the exits it holds wait for it", account, cause);
        }
    }

    /** The slice waits for its account until the next try; the first of its position's slices to wait alerts. */
    private void queue(LiveSlice slice, String cause, long nowMillis) {
        LivePosition position = slice.leg.position;
        Outage outage = outages.get(position.account);
        slice.nextActionMillis = Math.max(slice.nextActionMillis, outage == null ? nowMillis : outage.nextTryMillis);
        boolean alerted = false;
        for (LiveLeg leg : position.legs) {
            for (LiveSlice other : leg.slices) {
                alerted |= other.waitingFor != null;
            }
        }
        if (slice.waitingFor == null) {
            slice.waitingSinceMillis = nowMillis;
        }
        slice.waitingFor = cause;
        if (!alerted) {
            audit.accept(new AuditEvent(AuditKind.EXIT_QUEUED, nowMillis, position.id, position.strategy, null, null,
                    slice.leg.exitReason(), null, null, null, null, null, null, null, null, null, null, null, null,
                    "account " + position.account + " cannot take orders (" + cause + "); the exit waits for it and"
                            + " is sent through it once it answers, never through another account",
                    position.account));
        }
    }
}
