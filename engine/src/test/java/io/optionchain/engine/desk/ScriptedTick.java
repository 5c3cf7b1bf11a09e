package io.optionchain.engine.desk;

/**
 * One tick of a seeded market script, as data: the same script drives the hot path and its naive twin.
 *
 * @param nowMillis      the engine clock when the tick is handled
 * @param depth          whether it carries a book (else LTP only)
 * @param bid            best bid; 0 for an empty (or zero-priced) side
 * @param ask            best ask; 0 likewise
 * @param zeroPriced     an empty side is sent as one level priced 0 rather than no level
 * @param exchangeMillis exchange time; older than the last one makes the tick out of order
 * @param serverMillis   feed-server time; 0 when the server sent none
 */
record ScriptedTick(long nowMillis, String symbol, boolean depth, double ltp, double bid, double ask,
                    boolean zeroPriced, long exchangeMillis, long serverMillis) {
}
