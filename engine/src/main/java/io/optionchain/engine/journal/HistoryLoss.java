package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.HistoryLossAcknowledged;
import io.optionchain.engine.journal.JournalRecord.HistoryLost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A journal that began without the history its data directory shows, beside {@link JournalHealth}'s account of
 * damage: the journal file was missing or empty while older journals, the audit log or chain state showed earlier
 * use, or nothing of it could be read. What the broker holds may then include positions this journal never heard
 * of, so the desk registers nothing on them until a person acknowledges the loss ({@link HistoryLost},
 * {@link HistoryLossAcknowledged}).
 *
 * @param cause        what was found, in words
 * @param sinceMillis  when this journal began without its history
 * @param acknowledged a person has since said the broker's positions were checked
 */
public record HistoryLoss(String cause, long sinceMillis, boolean acknowledged) {
    /** Longest cause kept: the names of a few files, far below a record's limit. */
    static final int MAX_CAUSE_CHARACTERS = 1_000;
    private static final int NAMES_SHOWN = 5;

    /** The journal's last loss, acknowledged when an acknowledgement follows it; null when it lost nothing. */
    static HistoryLoss of(List<JournalRecord> records) {
        HistoryLoss loss = null;
        for (JournalRecord record : records) {
            if (record instanceof HistoryLost lost) {
                loss = new HistoryLoss(lost.cause(), lost.lostMillis(), false);
            } else if (record instanceof HistoryLossAcknowledged && loss != null) {
                loss = new HistoryLoss(loss.cause, loss.sinceMillis, true);
            }
        }
        return loss;
    }

    /**
     * Why a journal created now lost its history, or null when nothing shows the directory was used before: other
     * journal files beside it (moved or kept aside: {@code positions.journal.*}), and each of {@code earlierUse}
     * that is not empty.
     *
     * @param earlierUse files the application names as traces of earlier use, looked at before this start made any
     */
    static String ofMissingJournal(Path file, List<Path> earlierUse) {
        List<String> traces = new ArrayList<>();
        try (Stream<Path> listing = Files.list(file.getParent())) {
            listing.map(p -> p.getFileName().toString()).filter(OlderJournals::isOlderJournal).sorted()
                    .forEach(traces::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + file.getParent(), e);
        }
        for (Path trace : earlierUse) {
            try {
                if (Files.isRegularFile(trace) && Files.size(trace) > 0) {
                    traces.add(trace.getFileName() + " (" + Files.size(trace) + " bytes)");
                }
            } catch (IOException gone) {
                // removed while we looked: it says nothing either way
            }
        }
        if (traces.isEmpty()) {
            return null;
        }
        String shown = String.join(", ", traces.subList(0, Math.min(NAMES_SHOWN, traces.size())))
                + (traces.size() > NAMES_SHOWN ? " and " + (traces.size() - NAMES_SHOWN) + " more" : "");
        return cut(Journal.FILE_NAME + " was missing or empty, but the data directory shows earlier use: " + shown);
    }

    /** Why a journal nothing of which could be read lost its history. */
    static String ofUnreadableJournal(Path keptAside) {
        return cut("nothing in " + Journal.FILE_NAME + " could be read and it was started afresh; the original is kept"
                + " at " + keptAside);
    }

    private static String cut(String cause) {
        return cause.length() <= MAX_CAUSE_CHARACTERS ? cause : cause.substring(0, MAX_CAUSE_CHARACTERS - 1) + "…";
    }
}
