package io.optionchain.engine.journal;

/**
 * Layout of the position journal, {@code positions.journal} in the data directory. Big-endian throughout.
 *
 * <pre>
 *   file (version 2):
 *           0               4               8                              16              20
 *           +---------------+---------------+------------------------------+---------------+-------+-------+--
 *           | magic "OCPJ"  | version 2     | epoch (8 ASCII, base 32)     | CRC32C of 0-15| frame | frame | ...
 *           +---------------+---------------+------------------------------+---------------+-------+-------+--
 *
 *   frame (version 2):
 *           0               4               8               12              16                              24
 *           +---------------+---------------+---------------+---------------+-------------------------------+
 *           | sync D15CA7E5 | length (int)  | ~length (int) | CRC32C (int)  | sequence (long)               |
 *           +------+--------+---------------+---------------+---------------+-------------------------------+
 *           | type | payload (length - 1 bytes) ...
 *           +------+-----------------------------
 *           24     25
 *
 *           length counts type + payload; ~length is its bitwise complement, so a length hit by damage is
 *           seen before the body is read (a last frame whose length was hit is not taken for a torn one).
 *           sequence numbers the file's frames 0, 1, 2, ...: a gap is a record lost (even a whole frame cut
 *           out cleanly), a number already read is a copy (a duplicated range) and is skipped. The CRC covers
 *           the length field, sequence, type and payload, so a frame found by its sync marker after damage is
 *           trusted only if all of them agree.

 *   file (version 1, read and upgraded on open; no epoch, no sync marker):
 *           | magic "OCPJ" (int) | version 1 (int) | frame | frame | ...
 *   frame (version 1):
 *           | length (int) | CRC32C of type + payload (int) | type | payload |
 * </pre>
 *
 * Payload fields in order, per type: strings are an unsigned short byte count then UTF-8; a nullable double
 * is a presence byte then the double; times are epoch ms longs. Fields in [brackets] were added at the end when
 * exits began to be sliced, and are written only for a sliced exit (a plan in which some leg is sliced, a slice
 * other than 0, an ORDER_SENT of a leg in more than one slice): a leg sent whole journals byte for byte as before,
 * and a record without them reads as slice 0 of 1. Fields in {braces} were added at the end when positions began
 * to name the account holding them: a record without them was written when there was one account, and reads as
 * the primary's. OPENED's later fields followed the same way: the square-off time of day (absent: none), then the
 * trigger rules (absent: the touch, fired on the first evaluation), then the per-leg rules and on_leg_stop
 * (absent: none, exit_leg), each written only when it or a field after it is
 * set, so a position without them journals byte for byte as before.
 *
 * <pre>
 *   1 OPENED       id, openedMillis, strategy, product, rules, legCount (byte), legs
 *                  rules: stop?, target?, stopPercent?, trailKind (0 none, 1 points, 2 percent), trailAmount
 *                  leg:   symbol, exchange, underlying, expiryEpochDay (int, -1 none), strike, optionType
 *                         ("" none), side (0 long, 1 short), quantity (long), lotSize (int), entryPrice
 *                  {account ("" the primary's when a later field follows)}
 *                  {squareOffSecondOfDay (int, -1 none when a later field follows)}
 *                  {triggerOn (byte: 0 touch, 1 depth), confirmTicks (int), confirmMillis (long)}
 *                  {onLegStop (byte: 0 exit_leg, 1 exit_leg_and_move_others_to_cost, 2 exit_all),
 *                   per leg: stop?, stopPercent?, target?}
 *   2 TRAIL_MARK   id, watermark
 *   3 EXITING      id, triggeredMillis, reason (ordinal), mark, level, tickSymbol, tickExchangeMillis,
 *                  tickServerMillis, bid, ask, ltp, latencyNanos, [legCount (byte), sliceQuantity (long) per leg]
 *   4 ORDER_SENT   id, leg (int), orderId, price, adopted (byte), [slice (int), slices (int)]
 *   5 REPRICED     id, leg, count (int), price, [slice]
 *   6 FILLED       id, leg, price, [slice]
 *   7 EXIT_FAILED  id, leg, message, [slice]
 *   8 CLOSED       id, closedMillis
 *   9 CANCELLED    id, cancelledMillis
 *  10 NEEDS_REVIEW id, markedMillis                       (version 2 only)
 *  11 REVIEWED     id, reviewedMillis, watch (byte)       (version 2 only)
 *  12 IDS_RESERVED highest id that may have been used      (version 2 only)
 *  14 HISTORY_LOSS_ACKNOWLEDGED  acknowledgedMillis       (version 2 only)
 *  15 HISTORY_LOST lostMillis, cause                      (version 2 only)
 *  16 LEG_EXITING  id, leg (int), triggeredMillis, reason (ordinal), price, level, tickSymbol, tickExchangeMillis,
 *                  tickServerMillis, bid, ask, ltp, latencyNanos, sliceQuantity (long), othersToCost (byte)
 *                                                         (version 2 only)
 *  13 SNAPSHOT     nextPositionId, tradingDate (epoch day, int), strategyCount (int),   (version 2 only)
 *                  strategies: strategy, positions (int), realisedPnl;
 *                  orderCount (int), orders: orderId, ownerTag, since (epoch day, int),
 *                  {account per order ("" the primary's), written only when some order is not the primary's}
 *                  first in a compacted file, split over several records when one would exceed the length
 *                  limit (JournalCompaction)
 * </pre>
 *
 * 13 belongs to the compacted journal's snapshot.
 */
final class JournalDescriptor {
    static final int MAGIC = 0x4F43504A; // "OCPJ"
    static final int VERSION_1 = 1;
    static final int VERSION = 2;

    static final int V1_FILE_HEADER_LENGTH = 8;
    static final int V1_LENGTH_OFFSET = 0;
    static final int V1_CRC_OFFSET = 4;
    static final int V1_FRAME_HEADER_LENGTH = 8;

    static final int EPOCH_OFFSET = 8;
    static final int EPOCH_LENGTH = 8;
    static final int HEADER_CRC_OFFSET = 16;
    static final int FILE_HEADER_LENGTH = 20;

    static final int SYNC = 0xD15CA7E5;
    static final int SYNC_OFFSET = 0;
    static final int LENGTH_OFFSET = 4;
    static final int LENGTH_CHECK_OFFSET = 8;
    static final int CRC_OFFSET = 12;
    static final int SEQUENCE_OFFSET = 16;
    static final int FRAME_HEADER_LENGTH = 24;
    /** type byte plus the largest payload: a 20-leg position with long names stays far below it. */
    static final int MAX_RECORD_LENGTH = 64 * 1024;
    /**
     * No OPENED frame is shorter (one leg, empty names: 123 bytes in version 2, 107 in version 1), so a lost
     * version-1 range (or a version-2 tail) of n bytes held at most n / this many positions: the ids reserved
     * after damage. In the middle of a version-2 file the sequence gap counts lost records exactly.
     */
    static final int MIN_OPENED_FRAME_LENGTH = 100;

    static final byte OPENED = 1;
    static final byte TRAIL_MARK = 2;
    static final byte EXITING = 3;
    static final byte ORDER_SENT = 4;
    static final byte REPRICED = 5;
    static final byte FILLED = 6;
    static final byte EXIT_FAILED = 7;
    static final byte CLOSED = 8;
    static final byte CANCELLED = 9;
    static final byte NEEDS_REVIEW = 10;
    static final byte REVIEWED = 11;
    static final byte IDS_RESERVED = 12;
    static final byte HISTORY_LOSS_ACKNOWLEDGED = 14;
    static final byte HISTORY_LOST = 15;
    static final byte SNAPSHOT = 13;
    static final byte LEG_EXITING = 16;

    private JournalDescriptor() {
    }
}
