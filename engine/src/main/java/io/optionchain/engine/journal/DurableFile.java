package io.optionchain.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file whole or not at all, and durably: the new content goes to a temporary file beside it, is
 * fsynced, renamed over the old one in one step, and the directory is fsynced so the rename itself survives a
 * power cut (the trading-hours template, the MTM limits). A crash leaves the old file or the new one, never half of either; at worst a temporary file
 * ({@value #TEMPORARY_SUFFIX}), which {@link #removeLeftovers} clears.
 */
public final class DurableFile {
    public static final String TEMPORARY_SUFFIX = ".tmp";

    private DurableFile() {
    }

    public static void replace(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName() + ".", TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Deletes what a write cut short left in {@code directory}; returns how many. */
    public static int removeLeftovers(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.newDirectoryStream(directory, "*" + TEMPORARY_SUFFIX)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }
}
