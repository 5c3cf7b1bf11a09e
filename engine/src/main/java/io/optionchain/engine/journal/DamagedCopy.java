package io.optionchain.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The damaged journal kept aside, byte for byte, before a repair changes anything. */
final class DamagedCopy {
    static final String PREFIX = Journal.FILE_NAME + ".damaged-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private DamagedCopy() {
    }

    /**
     * Writes {@code bytes} to {@code positions.journal.damaged-<yyyyMMdd-HHmmss>} (UTC) beside {@code file},
     * with {@code -2}, {@code -3}… added when that name is taken (never overwriting one), synced to disk.
     *
     * @return the copy
     */
    static Path write(Path file, byte[] bytes, Clock clock) throws IOException {
        String name = PREFIX + STAMP.format(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)));
        for (int n = 1; ; n++) {
            Path copy = file.resolveSibling(n == 1 ? name : name + "-" + n);
            try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer all = ByteBuffer.wrap(bytes);
                while (all.hasRemaining()) {
                    out.write(all);
                }
                out.force(true);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            syncDirectory(file.getParent());
            return copy;
        }
    }

    /** Makes a new or renamed entry in {@code directory} durable; best effort where the platform cannot. */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // some platforms cannot open a directory; the file's own sync still holds its bytes
        }
    }
}
