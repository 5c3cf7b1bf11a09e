package io.optionchain.web.alerts;

import io.optionchain.engine.ports.AuditKind;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The kinds of event a target may ask for, and those it gets when it names none. Every {@code AuditKind} is one,
 * so a decision kind added to the engine can be asked for with no change here.
 */
public final class AlertKinds {
    /** No usable account is left: the chains and stops see the last quotes (status's {@code market_data_stale}). */
    public static final String FEED_DOWN = "FEED_DOWN";
    /** Market data flows again after {@link #FEED_DOWN}. */
    public static final String FEED_RESTORED = "FEED_RESTORED";
    /** An MTM limit (a strategy's or the account's max loss, max profit or locked floor) fired. */
    public static final String LIMIT_FIRED = AuditKind.LIMIT_FIRED.name();

    /** What a target without {@code kinds} is sent: what a person must hear of, not every order and re-price. */
    public static final Set<String> DEFAULTS = Set.of(AuditKind.ALERT.name(), AuditKind.TRIGGER.name(),
            AuditKind.FILL.name(), AuditKind.EXIT_FAILED.name(), AuditKind.EXIT_QUEUED.name(),
            AuditKind.FAILOVER.name(), FEED_DOWN, FEED_RESTORED, LIMIT_FIRED);

    private AlertKinds() {
    }

    /** Every kind a target may name: the defaults and every other decision of the desk (OPENED, CLOSED…). */
    public static Set<String> known() {
        Set<String> known = new LinkedHashSet<>();
        Arrays.stream(AuditKind.values()).map(Enum::name).forEach(known::add);
        known.addAll(DEFAULTS);
        return known;
    }
}
