package io.optionchain.engine.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

import static io.optionchain.engine.journal.JournalDescriptor.CRC_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.FILE_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.FRAME_HEADER_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.LENGTH_OFFSET;
import static io.optionchain.engine.journal.JournalDescriptor.MAGIC;
import static io.optionchain.engine.journal.JournalDescriptor.MAX_RECORD_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.VERSION;

/**
 * The positions' append-only journal: length- and CRC-framed records ({@link JournalDescriptor}), each
 * written and synced to disk before {@link #append} returns, so whatever an append precedes (above all an
 * exit order) happens only once the record would survive a crash.
 *
 * <p>Opening reads every record back. A torn or corrupt tail (a crash mid-write, a bad sector) is cut off
 * at the last good record and logged; it is never fatal. A file that is not a journal at all is moved aside
 * ({@code positions.journal.corrupt-<millis>}) and a fresh one started.
 *
 * <p>Thread-safe: appends come from API threads (open, cancel) and the exit executor, one at a time. The file
 * is locked while open, so a second process on the same data directory fails to start rather than exiting the
 * same positions again.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE_NAME = "positions.journal";
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel channel;
    private final List<JournalRecord> replayed;
    private final String recovery;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer frame = ByteBuffer.allocate(4_096);
    private long size;

    private Journal(Path file, FileChannel channel, List<JournalRecord> replayed, long size, String recovery) {
        this.file = file;
        this.channel = channel;
        this.replayed = replayed;
        this.size = size;
        this.recovery = recovery;
    }

    /** Opens (or creates) {@code directory/positions.journal} and reads its records back. */
    public static Journal open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                // two desks exiting the same positions would each send an exit
                if (!locked(channel)) {
                    throw new IllegalStateException(file + " is in use by another process (or desk); one engine per"
                            + " data directory");
                }
                return load(file, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the position journal " + file, e);
        }
    }

    private static Journal load(Path file, FileChannel channel) throws IOException {
        long length = channel.size();
        if (length >= FILE_HEADER_LENGTH && !hasHeader(channel)) {
            channel.close(); // releases the lock; the fresh file takes its own
            Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + System.currentTimeMillis());
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            LOG.error("{} is not a position journal (bad magic or version); moved aside to {}, starting empty",
                    file, aside);
            FileChannel fresh = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            fresh.lock();
            writeHeader(fresh);
            return new Journal(file, fresh, List.of(), FILE_HEADER_LENGTH, "moved aside to " + aside);
        }
        if (length < FILE_HEADER_LENGTH) {
            // new, or torn while its header was written: nothing in it was ever acted on
            if (length > 0) {
                LOG.warn("{} holds {} bytes, less than a header; starting it afresh", file, length);
            }
            channel.truncate(0);
            writeHeader(channel);
            return new Journal(file, channel, List.of(), FILE_HEADER_LENGTH,
                    length > 0 ? "a torn header of " + length + " bytes was rewritten" : null);
        }
        Scan scan = scan(channel, length);
        String recovery = null;
        if (scan.goodEnd < length) {
            recovery = "cut " + (length - scan.goodEnd) + " bytes at offset " + scan.goodEnd + " after record "
                    + scan.records.size() + ": " + scan.problem;
            LOG.warn("position journal {}: {}", file, recovery);
            channel.truncate(scan.goodEnd);
            channel.force(true);
        }
        channel.position(scan.goodEnd);
        return new Journal(file, channel, Collections.unmodifiableList(scan.records), scan.goodEnd, recovery);
    }

    /**
     * Reads the records of a journal file without changing it, stopping at the first bad one: for tools and
     * tests that check what is on disk.
     */
    public static List<JournalRecord> read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < FILE_HEADER_LENGTH || !hasHeader(channel)) {
                return List.of();
            }
            return scan(channel, length).records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Records found when the journal was opened, oldest first. */
    public List<JournalRecord> replayed() {
        return replayed;
    }

    /** What opening had to repair (a cut tail, a file moved aside), or null when it was whole. */
    public String recovery() {
        return recovery;
    }

    public Path file() {
        return file;
    }

    /** Bytes in the file, header included. */
    public synchronized long size() {
        return size;
    }

    /** Appends one record and syncs it to disk before returning. */
    public void append(JournalRecord record) {
        appendAll(List.of(record));
    }

    /** Appends records in order with one sync for all of them. */
    public synchronized void appendAll(List<? extends JournalRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        frame.clear();
        for (JournalRecord record : records) {
            encodeFrame(record);
        }
        frame.flip();
        try {
            long at = size;
            while (frame.hasRemaining()) {
                at += channel.write(frame, at);
            }
            channel.force(false);
            size = at;
        } catch (IOException e) {
            try {
                channel.truncate(size); // no half-written frame left to read back
            } catch (IOException ignored) {
                // the next open cuts it as a torn tail
            }
            throw new UncheckedIOException("cannot append to the position journal " + file, e);
        }
    }

    private void encodeFrame(JournalRecord record) {
        while (true) {
            int start = frame.position();
            try {
                frame.position(start + FRAME_HEADER_LENGTH);
                JournalCodec.encode(record, frame);
                int length = frame.position() - start - FRAME_HEADER_LENGTH;
                if (length > MAX_RECORD_LENGTH) {
                    throw new IllegalArgumentException("record of " + length + " bytes exceeds the journal's limit");
                }
                crc.reset();
                crc.update(frame.array(), start + FRAME_HEADER_LENGTH, length);
                frame.putInt(start + LENGTH_OFFSET, length);
                frame.putInt(start + CRC_OFFSET, (int) crc.getValue());
                return;
            } catch (java.nio.BufferOverflowException full) {
                ByteBuffer bigger = ByteBuffer.allocate(frame.capacity() * 2);
                frame.flip();
                frame.limit(start);
                bigger.put(frame);
                frame = bigger;
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing {} failed", file, e);
        }
    }

    private static boolean locked(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
            return false;
        }
    }

    private static boolean hasHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_LENGTH);
        readFully(channel, header, 0);
        return header.getInt(0) == MAGIC && header.getInt(4) == VERSION;
    }

    private static void writeHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_LENGTH).putInt(MAGIC).putInt(VERSION).flip();
        long at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
        channel.force(true);
        channel.position(FILE_HEADER_LENGTH);
    }

    private record Scan(List<JournalRecord> records, long goodEnd, String problem) {
    }

    private static Scan scan(FileChannel channel, long length) throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(length, Integer.MAX_VALUE - 8));
        readFully(channel, all, 0);
        all.flip();
        List<JournalRecord> records = new ArrayList<>();
        CRC32C check = new CRC32C();
        int at = FILE_HEADER_LENGTH;
        String problem = null;
        while (at < all.limit()) {
            if (all.limit() - at < FRAME_HEADER_LENGTH) {
                problem = "a frame header torn after " + (all.limit() - at) + " bytes";
                break;
            }
            int recordLength = all.getInt(at + LENGTH_OFFSET);
            if (recordLength < 1 || recordLength > MAX_RECORD_LENGTH) {
                problem = "an impossible record length " + recordLength;
                break;
            }
            int body = at + FRAME_HEADER_LENGTH;
            if (all.limit() - body < recordLength) {
                problem = "a record torn after " + (all.limit() - body) + " of its " + recordLength + " bytes";
                break;
            }
            check.reset();
            check.update(all.array(), body, recordLength);
            if ((int) check.getValue() != all.getInt(at + CRC_OFFSET)) {
                problem = "a checksum mismatch";
                break;
            }
            try {
                ByteBuffer payload = all.duplicate().position(body + 1).limit(body + recordLength).slice();
                records.add(JournalCodec.decode(all.get(body), payload));
            } catch (IllegalArgumentException e) {
                problem = "a record that does not decode: " + e.getMessage();
                break;
            }
            at = body + recordLength;
        }
        return new Scan(records, at, problem);
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long from) throws IOException {
        long at = from;
        while (into.hasRemaining()) {
            int read = channel.read(into, at);
            if (read < 0) {
                throw new IOException("file ended early at " + at);
            }
            at += read;
        }
    }
}
