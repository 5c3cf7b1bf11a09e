package io.optionchain.engine.state;

import net.openhft.chronicle.core.values.IntValue;
import net.openhft.chronicle.hash.impl.SizePrefixedBlob;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The persisted chain-state file, {@code chain-state.cm3} in the data directory, and how it is opened:
 *
 * <ul>
 *   <li>no file: a fresh map;</li>
 *   <li>a file whose self-describing header is exactly what this build writes (library version aside):
 *       opened as it is ({@code createPersistedTo}), or recovered ({@code recoverPersistedTo}) when the
 *       last process using it did not close it;</li>
 *   <li>anything else (garbage, truncated, another record layout or capacity, a header left half written):
 *       logged, moved aside to {@code chain-state.cm3.corrupt-<yyyyMMdd-HHmmss>}, never deleted and never
 *       used, and a fresh map takes its place.</li>
 * </ul>
 *
 * <p>The header is checked before Chronicle sees the file because Chronicle waits a minute for a header
 * that is not marked complete, and takes a header it can parse at its word: a map of another value
 * layout would open and fail only on the first read. An exclusive lock on {@code chain-state.cm3.open}
 * marks the file in use while this object is open; a marker left behind by a process that died is how
 * an unclean exit is recognised.
 */
final class ChainStateFile implements AutoCloseable {
    static final String FILE_NAME = "chain-state.cm3";
    private static final Logger LOG = LoggerFactory.getLogger(ChainStateFile.class);
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern LIBRARY_VERSION = Pattern.compile("dataFileVersion: [^,\\n]*");

    private final Path file;
    private final Path marker;
    private final FileChannel markerChannel;
    private final ChronicleMapBuilder<IntValue, QuoteRecord> builder;
    private final Clock clock;
    private final ChronicleMap<IntValue, QuoteRecord> map;
    private final Path movedAside;
    private final String problem;

    private ChainStateFile(Path file, Path marker, FileChannel markerChannel,
                           ChronicleMapBuilder<IntValue, QuoteRecord> builder, Clock clock,
                           ChronicleMap<IntValue, QuoteRecord> map, Path movedAside, String problem) {
        this.file = file;
        this.marker = marker;
        this.markerChannel = markerChannel;
        this.builder = builder;
        this.clock = clock;
        this.map = map;
        this.movedAside = movedAside;
        this.problem = problem;
    }

    /**
     * Opens {@code directory}'s chain-state file with {@code builder}, whatever state it is found in.
     *
     * @throws IllegalStateException when another process has the file open
     * @throws UncheckedIOException  when the directory cannot be written (a bad file cannot even be moved)
     */
    static ChainStateFile open(Path directory, ChronicleMapBuilder<IntValue, QuoteRecord> builder, Clock clock) {
        Path file = directory.resolve(FILE_NAME);
        Path marker = directory.resolve(FILE_NAME + ".open");
        try {
            boolean uncleanExit = Files.exists(marker) && Files.exists(file);
            FileChannel markerChannel = lock(marker, file);
            try {
                return open(file, marker, markerChannel, builder, clock, uncleanExit);
            } catch (IOException | RuntimeException e) {
                markerChannel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open chain state " + file, e);
        }
    }

    private static ChainStateFile open(Path file, Path marker, FileChannel markerChannel,
                                       ChronicleMapBuilder<IntValue, QuoteRecord> builder, Clock clock,
                                       boolean uncleanExit) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return new ChainStateFile(file, marker, markerChannel, builder, clock,
                    builder.createPersistedTo(file.toFile()), null, null);
        }
        String problem;
        try {
            Header header = Header.read(file);
            String difference = difference(header.text(), expectedHeader(file, builder));
            if (difference != null) {
                throw new IOException("it holds a map of another record layout or capacity (" + difference + ")");
            }
            if (!header.complete()) {
                throw new IOException("its header was never marked complete: the process creating or recovering"
                        + " it stopped part-way");
            }
            if (!uncleanExit) {
                return new ChainStateFile(file, marker, markerChannel, builder, clock,
                        builder.createPersistedTo(file.toFile()), null, null);
            }
            LOG.warn("chain state {} was not closed by the process that last used it; recovering it", file);
            return new ChainStateFile(file, marker, markerChannel, builder, clock,
                    builder.recoverPersistedTo(file.toFile(), false), null,
                    "not closed by the last run; recovered");
        } catch (IOException | RuntimeException e) {
            problem = describe(e);
        }
        return replace(file, marker, markerChannel, builder, clock, problem);
    }

    /**
     * Gives up on a file that opened but whose records turned out unusable: closes it, moves it aside
     * and opens a fresh one in its place.
     */
    ChainStateFile discard(String why) {
        map.close();
        try {
            return replace(file, marker, markerChannel, builder, clock, why);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace chain state " + file, e);
        }
    }

    private static ChainStateFile replace(Path file, Path marker, FileChannel markerChannel,
                                          ChronicleMapBuilder<IntValue, QuoteRecord> builder, Clock clock,
                                          String problem) throws IOException {
        Path aside = moveAside(file, clock);
        LOG.warn("chain state {} is unusable: {}; moved it to {} and started afresh", file, problem, aside);
        return new ChainStateFile(file, marker, markerChannel, builder, clock,
                builder.createPersistedTo(file.toFile()), aside, problem);
    }

    ChronicleMap<IntValue, QuoteRecord> map() {
        return map;
    }

    Path file() {
        return file;
    }

    /** Where an unusable file went; null when none was moved. */
    Path movedAside() {
        return movedAside;
    }

    /** What was wrong with the file found; null when it opened cleanly or there was none. */
    String problem() {
        return problem;
    }

    /** Closes the map and removes the in-use marker: the next process opens the file without recovery. */
    @Override
    public void close() {
        map.close();
        try {
            Files.deleteIfExists(marker);
            markerChannel.close();
        } catch (IOException e) {
            LOG.warn("could not remove chain-state marker {}; the next start will recover the file", marker, e);
        }
    }

    private static FileChannel lock(Path marker, Path file) throws IOException {
        FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("chain state " + file + " is in use by another store (lock " + marker
                    + "); one process, one store per data directory");
        }
        return channel;
    }

    /** What this build would write: the header of a fresh map made with the same builder. */
    private static String expectedHeader(Path file, ChronicleMapBuilder<IntValue, QuoteRecord> builder)
            throws IOException {
        Path reference = Files.createTempFile(file.getParent(), FILE_NAME + ".layout-", ".tmp");
        try {
            builder.createPersistedTo(reference.toFile()).close();
            return Header.read(reference).text();
        } finally {
            Files.deleteIfExists(reference);
        }
    }

    /** @return the first line where the two headers differ, library version aside; null when none does */
    private static String difference(String found, String expected) {
        String[] foundLines = LIBRARY_VERSION.matcher(found).replaceFirst("").split("\n");
        String[] expectedLines = LIBRARY_VERSION.matcher(expected).replaceFirst("").split("\n");
        for (int i = 0; i < Math.max(foundLines.length, expectedLines.length); i++) {
            String a = i < foundLines.length ? foundLines[i].strip() : "(end)";
            String b = i < expectedLines.length ? expectedLines[i].strip() : "(end)";
            if (!a.equals(b)) {
                return "header line " + (i + 1) + " is '" + printable(a) + "' where this build writes '" + b + "'";
            }
        }
        return null;
    }

    /** A garbage header would otherwise put control characters and kilobytes of noise into the log. */
    private static String printable(String line) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static Path moveAside(Path file, Clock clock) throws IOException {
        String base = file.getFileName() + ".corrupt-" + ASIDE_STAMP.format(LocalDateTime.now(clock));
        Path aside = file.resolveSibling(base);
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling(base + "-" + n);
        }
        return Files.move(file, aside);
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    /**
     * Chronicle's file header: an 8-byte checksum, a little-endian size word whose sign bit says "not
     * complete yet", then the map's configuration as text.
     */
    private record Header(String text, boolean complete) {
        static Header read(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long length = channel.size();
                int textOffset = SizePrefixedBlob.SELF_BOOTSTRAPPING_HEADER_OFFSET;
                if (length < textOffset) {
                    throw new IOException("it is " + length + " bytes long, shorter than any Chronicle Map header");
                }
                int sizeWord = readFully(channel, SizePrefixedBlob.SIZE_WORD_OFFSET, 4)
                        .order(ByteOrder.LITTLE_ENDIAN).getInt(0);
                int size = SizePrefixedBlob.extractSize(sizeWord);
                if (length < (long) textOffset + size) {
                    throw new IOException("it is " + length + " bytes long, shorter than the " + size
                            + "-byte header it declares: truncated, or not a Chronicle Map");
                }
                ByteBuffer text = readFully(channel, textOffset, size);
                return new Header(new String(text.array(), StandardCharsets.UTF_8),
                        SizePrefixedBlob.isReady(sizeWord));
            }
        }

        private static ByteBuffer readFully(FileChannel channel, long position, int size) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(size);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("it ended while its header was being read");
                }
            }
            return buffer;
        }
    }
}
