package io.optionchain.engine.hours;

import java.util.Locale;

/** Where the exchange's day stands at an instant, as status and the admin API name it. */
public enum MarketSession {
    /** The pre-open call auction: index and option prices show, trades match only at its end. */
    PRE_OPEN,
    /** The normal market. */
    OPEN,
    /** The closing session after the normal market. */
    POST_CLOSE,
    /** A trading day outside its sessions, or a weekend. */
    CLOSED,
    /** A trading holiday's date, outside any special session on it. */
    HOLIDAY,
    /** A special session's window (muhurat trading, a Saturday or budget-day session). */
    SPECIAL;

    /** {@code pre_open}, {@code open}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The normal market or a special one: where stops and entries act on live prices. */
    public boolean marketOpen() {
        return this == OPEN || this == SPECIAL;
    }

    /** Any session in which the exchange publishes prices, so ticks can arrive. */
    public boolean ticksExpected() {
        return this == PRE_OPEN || this == OPEN || this == POST_CLOSE || this == SPECIAL;
    }
}
