package io.optionchain.engine.journal;

/**
 * Layout of the position journal, {@code positions.journal} in the data directory. Big-endian throughout.
 *
 * <pre>
 *   file:   | magic "OCPJ" (int) | version (int) | frame | frame | ...
 *
 *   frame:  0               4               8      9
 *           +---------------+---------------+------+---------------------------+
 *           | length (int)  | CRC32C (int)  | type | payload (length - 1 bytes) |
 *           +---------------+---------------+------+---------------------------+
 *           length counts type + payload; the CRC covers type + payload
 * </pre>
 *
 * Payload fields in order, per type: strings are an unsigned short byte count then UTF-8; a nullable double
 * is a presence byte then the double; times are epoch ms longs.
 *
 * <pre>
 *   1 OPENED      id, openedMillis, strategy, product, rules, legCount (byte), legs
 *                 rules: stop?, target?, stopPercent?, trailKind (0 none, 1 points, 2 percent), trailAmount
 *                 leg:   symbol, exchange, underlying, expiryEpochDay (int, -1 none), strike, optionType
 *                        ("" none), side (0 long, 1 short), quantity (long), lotSize (int), entryPrice
 *   2 TRAIL_MARK  id, watermark
 *   3 EXITING     id, triggeredMillis, reason (ordinal), mark, level, tickSymbol, tickExchangeMillis,
 *                 tickServerMillis, bid, ask, ltp, latencyNanos
 *   4 ORDER_SENT  id, leg (int), orderId, price, adopted (byte)
 *   5 REPRICED    id, leg, count (int), price
 *   6 FILLED      id, leg, price
 *   7 EXIT_FAILED id, leg, message
 *   8 CLOSED      id, closedMillis
 *   9 CANCELLED   id, cancelledMillis
 * </pre>
 */
final class JournalDescriptor {
    static final int MAGIC = 0x4F43504A; // "OCPJ"
    static final int VERSION = 1;
    static final int FILE_HEADER_LENGTH = 8;

    static final int LENGTH_OFFSET = 0;
    static final int CRC_OFFSET = 4;
    static final int FRAME_HEADER_LENGTH = 8;
    /** type byte plus the largest payload: a 20-leg position with long names stays far below it. */
    static final int MAX_RECORD_LENGTH = 64 * 1024;

    static final byte OPENED = 1;
    static final byte TRAIL_MARK = 2;
    static final byte EXITING = 3;
    static final byte ORDER_SENT = 4;
    static final byte REPRICED = 5;
    static final byte FILLED = 6;
    static final byte EXIT_FAILED = 7;
    static final byte CLOSED = 8;
    static final byte CANCELLED = 9;

    private JournalDescriptor() {
    }
}
