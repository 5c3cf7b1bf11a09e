package io.optionchain.engine.accounts;

/** What an account's server or socket answered when it was not usable, as the decision matrix reads it. */
public enum AccountFault {
    /** The key was refused: REST 403 "Invalid openalgo apikey" or the WebSocket's AUTHENTICATION_ERROR. */
    AUTH_REFUSED,
    /** REST 429, or a broker message saying so. */
    RATE_LIMITED,
    /** One of the configured suspension messages. */
    SUSPENDED,
    /** REST 5xx or no answer at all. */
    UNREACHABLE
}
