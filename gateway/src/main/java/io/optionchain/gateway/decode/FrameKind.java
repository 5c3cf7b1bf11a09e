package io.optionchain.gateway.decode;

/** What {@link FrameDecoder} made of one WebSocket text frame; only {@link #TICK} may be offered to the ring. */
public enum FrameKind {
    /** A market-data frame for a registered instrument; the scratch event holds it. */
    TICK,
    /** Any well-formed frame whose type is not market_data: auth, subscribe and unsubscribe replies, pongs, errors. */
    CONTROL,
    /** A market-data frame for a symbol the registry does not know, e.g. one just unsubscribed. */
    UNKNOWN_SYMBOL,
    /** Larger than any frame OpenAlgo sends; skipped unread so it cannot hold up the reader. */
    OVERSIZED,
    /** Not JSON, not an object, truncated, or a market-data frame without a symbol or any usable field. */
    MALFORMED
}
