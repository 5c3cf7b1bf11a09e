package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalHealth.SkippedRange;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static io.optionchain.engine.journal.JournalDescriptor.CRC_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.EPOCH_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.EPOCH_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.FILE_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.FRAME_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.HEADER_CRC_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.LENGTH_CHECK_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.LENGTH_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.MAGIC;
import static io.optionchain.engine.journal.JournalDescriptor.MAX_RECORD_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.MIN_OPENED_FRAME_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.SEQUENCE_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.SYNC;
import static io.optionchain.engine.journal.JournalDescriptor.V1_CRC_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.V1_FILE_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.V1_FRAME_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.V1_LENGTH_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.VERSION;
import static io.optionchain.engine.journal.JournalDescriptor.VERSION_1;

/**
 * Reads a journal file's bytes, never failing: the records that verify, and the ranges it had to skip. After a
 * bad frame it resyncs at the next offset where a whole frame verifies (version 2: a sync marker, a sane length
 * and a matching CRC; version 1: a sane length and a matching CRC) and carries on from there.
 *
 * <p>In the middle of a version-2 file, the sequence number of the frame found after damage says how many
 * records were lost (none, when only bytes between frames were hit); a frame numbered below one already read is
 * a copy and is skipped. A version-1 file has no numbers: every damaged range counts as one lost record.
 *
 * <p>Damage that runs to the end of the file is a <em>torn tail</em> only when it can be the start of the one
 * frame being written when the process stopped: it begins like a frame (version 2: the sync marker's bytes),
 * its length, when present, is sane (version 2: matches its complement) and runs past the end of the file,
 * and no other sync marker follows in it. An append's sync had not returned for such a frame, so nothing it
 * precedes (an exit order) was done: it is cut and nothing is put in review. Any other damage at the end (a
 * whole frame that fails its CRC, zeroes, a second marker, a length hit by damage) is a <em>lost</em> range,
 * like damage in the middle. One shape of damage cannot be told from a crash: bytes cut out of the last frame
 * after its header (what is left is a frame's first bytes); it is taken as torn.
 */
final class JournalScanner {
    private final byte[] bytes;
    private final ByteBuffer all;
    private final CRC32C crc = new CRC32C();
    private final int version;
    private JournalRecord decoded;
    private long sequence;
    private String problem;

    /** What the bytes held. */
    static final class Scan {
        /** 1 or 2: how the frames were read. */
        int version = VERSION;
        /** The header's epoch; null for version 1 or a header that does not verify. */
        String epoch;
        /** The header did not verify (or the file is shorter than one). */
        boolean headerDamaged;
        final List<JournalRecord> records = new ArrayList<>();
        final List<SkippedRange> ranges = new ArrayList<>();
        /** Some range other than a torn tail: a record that was acted on may be gone. */
        boolean lost;
        /** How many position ids lost records may have held: the lost records, or bytes / smallest OPENED. */
        long idsLost;
        long recordsSkipped;
        /** The number the next appended frame takes. */
        long nextSequence;
        /** Index in records of the first record after the last lost range. */
        int firstAfterLoss;
        /**
         * Records were lost before any position's record was read: where a compacted journal keeps its snapshot (the
         * next id, the orders dropped positions owned), which may be gone with them.
         */
        boolean leadLost;
    }

    private JournalScanner(byte[] bytes, int version) {
        this.bytes = bytes;
        this.all = ByteBuffer.wrap(bytes);
        this.version = version;
    }

    static Scan scan(byte[] bytes) {
        Scan scan = new Scan();
        int n = bytes.length;
        if (n == 0) {
            return scan;
        }
        ByteBuffer all = ByteBuffer.wrap(bytes);
        int magic = n >= 4 ? all.getInt(0) : 0;
        int version = n >= 8 ? all.getInt(4) : 0;
        if (magic == MAGIC && version == VERSION && n >= FILE_HEADER_LENGTH && headerVerifies(bytes)) {
            scan.epoch = new String(bytes, EPOCH_OFFSET, EPOCH_LENGTH, java.nio.charset.StandardCharsets.US_ASCII);
            new JournalScanner(bytes, VERSION).frames(scan, FILE_HEADER_LENGTH);
            return scan;
        }
        if (magic == MAGIC && version == VERSION_1) {
            Scan v1 = new Scan();
            v1.version = VERSION_1;
            new JournalScanner(bytes, VERSION_1).frames(v1, V1_FILE_HEADER_LENGTH);
            if (!v1.records.isEmpty() || !v1.lost) {
                return v1;
            }
            // nothing reads as version 1: a version 2 file whose version field was hit, maybe
        }
        scan.headerDamaged = true;
        // the header is gone, maybe not the records: look for frames of either version
        // (bytes cut out of the header move the first frame before where a header would end)
        JournalScanner v2 = new JournalScanner(bytes, VERSION);
        int first = v2.resync(0);
        if (first >= 0) {
            v2.frames(scan, Math.min(first, FILE_HEADER_LENGTH));
            return scan;
        }
        JournalScanner v1 = new JournalScanner(bytes, VERSION_1);
        first = v1.resync(0);
        if (first >= 0) {
            scan.version = VERSION_1;
            v1.frames(scan, Math.min(first, V1_FILE_HEADER_LENGTH));
            return scan;
        }
        scan.ranges.add(new SkippedRange(0, n, false, "no readable header or record"));
        scan.lost = true;
        scan.idsLost = n / MIN_OPENED_FRAME_LENGTH;
        scan.recordsSkipped = 1;
        return scan;
    }

    static boolean headerVerifies(byte[] bytes) {
        CRC32C check = new CRC32C();
        check.update(bytes, 0, HEADER_CRC_OFFSET);
        if ((int) check.getValue() != ByteBuffer.wrap(bytes).getInt(HEADER_CRC_OFFSET)) {
            return false;
        }
        for (int i = EPOCH_OFFSET; i < EPOCH_OFFSET + EPOCH_LENGTH; i++) {
            if (Epoch.ALPHABET.indexOf(bytes[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    private void frames(Scan scan, int start) {
        int n = bytes.length;
        int at = start;
        long expected = 0;
        while (at < n) {
            int end = frameAt(at);
            if (end > 0 && version == VERSION && sequence != expected) {
                if (sequence < expected) {
                    scan.ranges.add(new SkippedRange(at, end - at, false, "a copy of record " + sequence));
                    at = end;
                    continue;
                }
                long missing = sequence - expected;
                String gap = missing + " records missing before record " + sequence;
                SkippedRange before = scan.ranges.isEmpty() ? null : scan.ranges.get(scan.ranges.size() - 1);
                if (before != null && before.offset() + before.length() == at) {
                    scan.ranges.set(scan.ranges.size() - 1, new SkippedRange(before.offset(), before.length(), false,
                            before.problem() + "; " + gap));
                } else {
                    scan.ranges.add(new SkippedRange(at, 0, false, gap));
                }
                lost(scan, missing, missing);
            }
            if (end > 0) {
                scan.records.add(decoded);
                expected = sequence + 1;
                at = end;
                continue;
            }
            String why = problem;
            int next = resync(at + 1);
            int rangeEnd = next < 0 ? n : next;
            boolean torn = next < 0 && tornTail(at);
            scan.ranges.add(new SkippedRange(at, rangeEnd - at, torn, why));
            if (torn) {
                scan.recordsSkipped++;
            } else if (version != VERSION) {
                lost(scan, 1, (rangeEnd - at) / MIN_OPENED_FRAME_LENGTH);
            } else if (next < 0) {
                lost(scan, Math.max(1, syncMarkers(at, rangeEnd)), (rangeEnd - at) / MIN_OPENED_FRAME_LENGTH);
            }
            // in the middle of a version-2 file the next frame's sequence number says what was lost, if anything
            at = rangeEnd;
        }
        scan.nextSequence = expected;
    }

    private static void lost(Scan scan, long records, long ids) {
        scan.lost = true;
        scan.leadLost |= scan.records.stream().allMatch(JournalRecord.Snapshot.class::isInstance);
        scan.recordsSkipped += records;
        scan.idsLost += ids;
        scan.firstAfterLoss = scan.records.size();
    }

    /** @return the end of the good frame at {@code at} (its record in {@link #decoded}), or -1 and a problem */
    private int frameAt(int at) {
        int n = bytes.length;
        int header = version == VERSION ? FRAME_HEADER_LENGTH : V1_FRAME_HEADER_LENGTH;
        if (n - at < header) {
            problem = "a frame header torn after " + (n - at) + " bytes";
            return -1;
        }
        if (version == VERSION && all.getInt(at) != SYNC) {
            problem = "no sync marker";
            return -1;
        }
        int length = all.getInt(at + (version == VERSION ? LENGTH_OFFSET : V1_LENGTH_OFFSET));
        if (length < 1 || length > MAX_RECORD_LENGTH
                || version == VERSION && all.getInt(at + LENGTH_CHECK_OFFSET) != ~length) {
            problem = "an impossible record length " + length;
            return -1;
        }
        int body = at + header;
        if (n - body < length) {
            problem = "a record torn after " + (n - body) + " of its " + length + " bytes";
            return -1;
        }
        crc.reset();
        if (version == VERSION) {
            crc.update(bytes, at + LENGTH_OFFSET, 4);
            crc.update(bytes, at + SEQUENCE_OFFSET, 8);
            sequence = all.getLong(at + SEQUENCE_OFFSET);
        }
        crc.update(bytes, body, length);
        if ((int) crc.getValue() != all.getInt(at + (version == VERSION ? CRC_OFFSET : V1_CRC_OFFSET))) {
            problem = "a checksum mismatch";
            return -1;
        }
        try {
            ByteBuffer payload = all.duplicate().position(body + 1).limit(body + length).slice();
            decoded = JournalCodec.decode(bytes[body], payload);
        } catch (IllegalArgumentException e) {
            problem = "a record that does not decode: " + e.getMessage();
            return -1;
        }
        if (version == VERSION_1 && decoded.positionId() < 0) {
            problem = "a negative position id";
            return -1;
        }
        return body + length;
    }

    /** The first offset from {@code from} where a good frame starts, or -1. */
    private int resync(int from) {
        for (int at = from; at < bytes.length; at++) {
            if ((version != VERSION || syncAt(at)) && frameAt(at) > 0) {
                return at;
            }
        }
        return -1;
    }

    private boolean tornTail(int at) {
        int tail = bytes.length - at;
        if (version == VERSION) {
            for (int i = 0; i < Math.min(4, tail); i++) {
                if (bytes[at + i] != (byte) (SYNC >>> (24 - 8 * i))) {
                    return false;
                }
            }
            if (syncMarkers(at + 1, bytes.length) > 0) {
                return false;
            }
        }
        int lengthAt = version == VERSION ? LENGTH_OFFSET : V1_LENGTH_OFFSET;
        if (tail < lengthAt + 4) {
            return true;
        }
        int length = all.getInt(at + lengthAt);
        if (version == VERSION && tail >= LENGTH_CHECK_OFFSET + 4 && all.getInt(at + LENGTH_CHECK_OFFSET) != ~length) {
            return false;
        }
        int header = version == VERSION ? FRAME_HEADER_LENGTH : V1_FRAME_HEADER_LENGTH;
        return length >= 1 && length <= MAX_RECORD_LENGTH && (long) at + header + length > bytes.length;
    }

    /** Sync markers starting in [from, to). */
    private int syncMarkers(int from, int to) {
        int count = 0;
        for (int at = from; at < to; at++) {
            if (syncAt(at)) {
                count++;
            }
        }
        return count;
    }

    private boolean syncAt(int at) {
        return at + 4 <= bytes.length && all.getInt(at) == SYNC;
    }
}
