package io.optionchain.engine.exits;

import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.ports.OrderGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The accounts positions are held in, as the exit executor sees them: each one's order API, and whether it can
 * take orders now. An account that refused a call (401/403), rate-limited it (429), failed it (5xx) or did not
 * answer is out until a call to it succeeds; meanwhile the exits it holds wait, and one of them asks again after
 * a back-off from the status poll interval, doubling up to {@link #MAX_RETRY_MILLIS}, so an account that cannot
 * take orders is not hammered and one that answers again is used within that much. Nothing here ever chooses
 * another account: a position's exit has exactly one. Executor thread only.
 */
final class HoldingAccounts {
    /** The longest wait between tries of an account that cannot take orders: how late an exit may go once it can. */
    static final long MAX_RETRY_MILLIS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(HoldingAccounts.class);

    /** Why an account cannot take orders, since when, and when it is tried next. */
    private static final class Outage {
        String cause;
        final long sinceMillis;
        long retryMillis;
        long nextTryMillis;

        Outage(long sinceMillis) {
            this.sinceMillis = sinceMillis;
        }
    }

    private final OrderAccounts accounts;
    private final long firstRetryMillis;
    private final Map<String, Outage> outages = new HashMap<>();

    HoldingAccounts(OrderAccounts accounts, long firstRetryMillis) {
        this.accounts = accounts;
        this.firstRetryMillis = Math.max(1, Math.min(firstRetryMillis, MAX_RETRY_MILLIS));
    }

    /** The order API of {@code account}; null when the accounts file no longer has it. */
    OrderGateway gateway(String account) {
        return accounts.gateway(account);
    }

    /** When {@code account} may be called again; {@code nowMillis} or earlier when it may be now. */
    long nextTry(String account, long nowMillis) {
        Outage outage = outages.get(account);
        return outage == null ? nowMillis : outage.nextTryMillis;
    }

    /** What {@code account} answered when it last could not take a call; null while it can. */
    String cause(String account) {
        Outage outage = outages.get(account);
        return outage == null ? null : outage.cause;
    }

    /** {@code account} could not take a call: it is out, and tried again after the back-off. */
    void failed(String account, String cause, long nowMillis) {
        Outage outage = outages.get(account);
        if (outage == null) {
            outage = new Outage(nowMillis);
            outage.retryMillis = firstRetryMillis;
            outages.put(account, outage);
            LOG.warn("account {} cannot take orders ({}); the exits it holds wait for it", account, cause);
        } else {
            outage.retryMillis = Math.min(MAX_RETRY_MILLIS, outage.retryMillis * 2);
        }
        outage.cause = cause;
        outage.nextTryMillis = nowMillis + outage.retryMillis;
    }

    /** {@code account} answered a call: the exits it holds go on at once. */
    void answered(String account, long nowMillis) {
        Outage outage = outages.remove(account);
        if (outage != null) {
            LOG.info("account {} answers again after {} ms ({}); the exits it holds go on", account,
                    nowMillis - outage.sinceMillis, outage.cause);
        }
    }
}
