package io.optionchain.engine.lifecycle;

import java.util.Locale;

/** Where unattended monitoring stands, as status reports it. */
public enum LifecycleState {
    /** The primary account has not answered a ping, or its feed refused it, since start. */
    WAITING_FOR_ACCOUNT,
    /** The account is ready and today's sessions have not begun (or the feed is up ahead of the pre-open). */
    SCHEDULED,
    /** Opening and authenticating the market-data connections. */
    CONNECTING,
    /** Connected with the chains and held positions subscribed. */
    MONITORING,
    /** A weekend, a holiday, or today's sessions are over and the feed is cleaned up. */
    IDLE_CLOSED,
    /** Monitoring was stopped because the account was lost; the cause says why. */
    STOPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
