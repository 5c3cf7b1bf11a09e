package io.optionchain.engine.series;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One chain's series for one day: an append-only file, its points counted by reason. Only the writer's thread
 * appends; any thread reads.
 *
 * <p>Before its first append in a process the file is read once: its points are counted (so the caps hold across
 * a restart), and bytes after its last newline, a line torn by a kill, are cut off, so the next point starts a
 * line of its own. A reader takes only lines ended by a newline, so a line being written is never half read.
 */
final class DayFile {
    private final Path path;
    private boolean prepared;
    private int points;
    private int atmPoints;
    private final Set<AppendOutcome> refusalsLogged = EnumSet.noneOf(AppendOutcome.class);

    DayFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    int points() throws IOException {
        prepare();
        return points;
    }

    int atmPoints() throws IOException {
        prepare();
        return atmPoints;
    }

    /** Whether this is the day's first refusal of its kind: only that one is logged. */
    boolean firstRefusal(AppendOutcome refusal) {
        return refusalsLogged.add(refusal);
    }

    void append(SeriesPoint point, PointReason reason) throws IOException {
        prepare();
        String line = SeriesLine.encode(point, reason);
        boolean created = !Files.exists(path);
        try {
            Files.writeString(path, created ? SeriesLine.HEADER + "\n" + line : line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            prepared = false; // part of the line may be on disk: cut it off before the next one
            throw e;
        }
        points++;
        if (reason == PointReason.ATM) {
            atmPoints++;
        }
    }

    private void prepare() throws IOException {
        if (prepared) {
            return;
        }
        points = 0;
        atmPoints = 0;
        if (Files.exists(path)) {
            byte[] bytes = Files.readAllBytes(path);
            int whole = wholeLength(bytes);
            if (whole < bytes.length) {
                try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    file.truncate(whole);
                }
            }
            for (SeriesLine.Entry entry : entries(bytes, whole)) {
                points++;
                if (entry.reason() == PointReason.ATM) {
                    atmPoints++;
                }
            }
        }
        prepared = true;
    }

    /** The points of the file at {@code path}, in file order; none when there is no file. */
    static List<SeriesLine.Entry> read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        return entries(bytes, wholeLength(bytes));
    }

    /** Bytes up to and with the last newline: the lines written whole. */
    private static int wholeLength(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    private static List<SeriesLine.Entry> entries(byte[] bytes, int length) {
        List<SeriesLine.Entry> entries = new ArrayList<>();
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            SeriesLine.Entry entry = SeriesLine.decode(text.substring(start, end));
            if (entry != null) {
                entries.add(entry);
            }
            start = end + 1;
        }
        return entries;
    }
}
