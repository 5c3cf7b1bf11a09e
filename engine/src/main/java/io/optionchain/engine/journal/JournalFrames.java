package io.optionchain.engine.journal;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import static io.optionchain.engine.journal.JournalDescriptor.CRC_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.EPOCH_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.FILE_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.FRAME_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.HEADER_CRC_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.LENGTH_CHECK_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.LENGTH_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.MAGIC;
import static io.optionchain.engine.journal.JournalDescriptor.MAX_RECORD_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.SEQUENCE_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.SYNC;
import static io.optionchain.engine.journal.JournalDescriptor.SYNC_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.VERSION;

/** Version-2 frames (and the file header) to bytes, into one buffer that grows as needed. Not thread-safe. */
final class JournalFrames {
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer;

    JournalFrames(int capacity) {
        buffer = ByteBuffer.allocate(capacity);
    }

    JournalFrames clear() {
        buffer.clear();
        return this;
    }

    /** The 20-byte file header carrying {@code epoch}. */
    JournalFrames header(String epoch) {
        byte[] name = epoch.getBytes(StandardCharsets.US_ASCII);
        if (name.length != EPOCH_LENGTH) {
            throw new IllegalArgumentException("epoch must be " + EPOCH_LENGTH + " ASCII characters: " + epoch);
        }
        ensure(FILE_HEADER_LENGTH);
        int start = buffer.position();
        buffer.putInt(MAGIC).putInt(VERSION).put(name);
        crc.reset();
        crc.update(buffer.array(), start, HEADER_CRC_OFFSET);
        buffer.putInt((int) crc.getValue());
        return this;
    }

    /** Adds {@code record} as the frame numbered {@code sequence}. */
    JournalFrames add(JournalRecord record, long sequence) {
        while (true) {
            // position() past the limit is an IllegalArgumentException, not an overflow: make room for the header first
            ensure(FRAME_HEADER_LENGTH + 1);
            int start = buffer.position();
            try {
                buffer.position(start + FRAME_HEADER_LENGTH);
                JournalCodec.encode(record, buffer);
                int length = buffer.position() - start - FRAME_HEADER_LENGTH;
                if (length > MAX_RECORD_LENGTH) {
                    buffer.position(start);
                    throw new IllegalArgumentException("record of " + length + " bytes exceeds the journal's limit");
                }
                buffer.putInt(start + SYNC_OFFSET, SYNC);
                buffer.putInt(start + LENGTH_OFFSET, length);
                buffer.putInt(start + LENGTH_CHECK_OFFSET, ~length);
                buffer.putLong(start + SEQUENCE_OFFSET, sequence);
                crc.reset();
                crc.update(buffer.array(), start + LENGTH_OFFSET, 4);
                crc.update(buffer.array(), start + SEQUENCE_OFFSET, 8);
                crc.update(buffer.array(), start + FRAME_HEADER_LENGTH, length);
                buffer.putInt(start + CRC_OFFSET, (int) crc.getValue());
                return this;
            } catch (BufferOverflowException full) {
                buffer.position(start);
                ensure(buffer.capacity());
            }
        }
    }

    /** The bytes added since {@link #clear}, ready to write. */
    ByteBuffer flip() {
        return buffer.flip();
    }

    private void ensure(int more) {
        if (buffer.remaining() >= more) {
            return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
    }
}
