package io.optionchain.gateway.rest;

/**
 * A snapshot quote from OpenAlgo's {@code quotes} endpoint; used for an index's spot at start-up and
 * for any symbol between ticks. Absent fields are 0 (an index has no bid, ask or OI).
 */
public record IndexQuote(double ltp, double bid, double ask, double open, double high, double low,
                         double prevClose, long volume, long oi) {
}
