package io.optionchain.web;

import io.optionchain.web.audit.JsonLinesAuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The data directory's permissions, and what in it shows it was used before (for the journal to tell a lost one).
 * Positions, orders' audit trail and the API token are the owner's alone. The
 * directory is made (or tightened to) {@code rwx------}, and the files the engine writes there with the
 * process's umask are tightened to {@code rw-------} once they exist. On a file system without POSIX permissions
 * nothing is changed.
 */
final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    /** What the engine writes with the process's umask: the position journal, the chain state. */
    static final Set<String> ENGINE_FILES = Set.of("positions.journal", "chain-state.cm3");
    private static final String CHAIN_STATE = "chain-state.cm3";

    private DataDirectory() {
    }

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The files of {@code dir} that show it was used before, beside older journals (which the journal finds
     * itself): a non-empty audit log, the chain state. Asked before this start makes any of them.
     */
    static List<Path> earlierUse(Path dir) {
        List<Path> traces = new ArrayList<>();
        for (String name : List.of(JsonLinesAuditLog.FILE_NAME, CHAIN_STATE)) {
            Path file = dir.resolve(name);
            try {
                if (Files.isRegularFile(file) && Files.size(file) > 0) {
                    traces.add(file);
                }
            } catch (IOException gone) {
                // removed while we looked: no trace
            }
        }
        return traces;
    }

    /** Creates {@code dir} owner-only, or tightens it to that, saying so once in the log. */
    static void create(Path dir) {
        try {
            if (!posix()) {
                Files.createDirectories(dir);
                return;
            }
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                Files.setPosixFilePermissions(dir, OWNER_DIRECTORY); // the umask may have taken bits away; never adds
                return;
            }
            tighten(dir, OWNER_DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir + " with owner-only permissions", e);
        }
    }

    /** Tightens each of {@link #ENGINE_FILES} that exists in {@code dir} to {@code rw-------}. */
    static void tightenEngineFiles(Path dir) {
        if (!posix()) {
            return;
        }
        for (String name : ENGINE_FILES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    tighten(file, OWNER_FILE);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot make " + file + " owner-only (chmod 600)", e);
                }
            }
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
        if (!wanted.containsAll(now) || !now.containsAll(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
            LOG.warn("{} was {}; now {} (owner only)", path.toAbsolutePath(), PosixFilePermissions.toString(now),
                    PosixFilePermissions.toString(wanted));
        }
    }
}
