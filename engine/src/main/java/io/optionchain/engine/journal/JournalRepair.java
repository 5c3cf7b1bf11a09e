package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalHealth.SkippedRange;
import io.optionchain.engine.journal.JournalRecord.HistoryLost;
import io.optionchain.engine.journal.JournalRecord.IdsReserved;
import io.optionchain.engine.journal.JournalRecord.NeedsReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.optionchain.engine.journal.JournalDescriptor.VERSION;

/**
 * Turns what {@link JournalScanner} read of a damaged (or version-1, or empty) journal into a whole version-2
 * journal: the file as it was kept aside first when damaged, then the records read, the reviews and the id
 * reservation a loss calls for (the rule is {@link Journal}'s), written to a new file renamed over the old one.
 * A journal begun without the history its directory shows ({@link HistoryLoss}) starts with a HISTORY_LOST record,
 * written in the same rename, so no crash can leave the new journal without it.
 */
final class JournalRepair {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final String HELD = "until a person acknowledges the lost history, no position is registered on a"
            + " symbol the broker holds that no journalled position accounts for";

    private JournalRepair() {
    }

    /** The repaired journal: its locked channel, records, epoch and what the repair found. */
    record Repaired(FileChannel channel, List<JournalRecord> records, String epoch, JournalHealth health,
                    String recovery, OlderJournals older) {
    }

    /**
     * @param earlierUse files whose presence shows the data directory was used before ({@link HistoryLoss})
     * @param storage    how the repaired file is opened
     */
    static Repaired repair(Path file, FileChannel channel, byte[] bytes, JournalScanner.Scan scan, Clock clock,
                           List<Path> earlierUse, JournalStorage storage) throws IOException {
        boolean damaged = scan.headerDamaged || !scan.ranges.isEmpty();
        Path aside = damaged ? DamagedCopy.write(file, bytes, clock) : null;
        boolean fresh = damaged && scan.records.isEmpty() && scan.headerDamaged;
        // a lost snapshot took the next id and the orders of dropped positions with it: ids may be given out again,
        // so the tags they go into must differ from the old ones
        String epoch = scan.epoch != null && !scan.leadLost ? scan.epoch : Epoch.next();
        List<JournalRecord> records = new ArrayList<>(scan.records);
        String historyLost = fresh ? HistoryLoss.ofUnreadableJournal(aside)
                : bytes.length == 0 ? HistoryLoss.ofMissingJournal(file, earlierUse) : null;
        if (historyLost != null) {
            records.add(new HistoryLost(clock.millis(), historyLost));
        }
        List<Long> review = List.of();
        OlderJournals older = null;
        // a damaged header, or a lost lead (where a snapshot lives), starts a new epoch; the exit tags of orders
        // already sent carry the old one, and a look-up under the new one cannot find them
        boolean epochLost = (scan.headerDamaged && scan.epoch == null || scan.leadLost && scan.epoch != null)
                && !scan.records.isEmpty();
        if (scan.lost || epochLost) {
            Set<Long> held = new TreeSet<>(scan.lost
                    ? JournalReplay.reviewCandidates(scan.records, scan.firstAfterLoss) : List.of());
            if (epochLost) {
                held.addAll(JournalReplay.exiting(scan.records));
            }
            review = List.copyOf(held);
            long now = clock.millis();
            review.forEach(id -> records.add(new NeedsReview(id, now)));
        }
        if (scan.lost) {
            older = OlderJournals.read(file);
            long read = records.stream().mapToLong(JournalRecord::positionId).max().orElse(-1);
            long reserved = Math.max(older.maxPositionId, read) + scan.idsLost;
            if (reserved > read) {
                records.add(new IdsReserved(reserved));
            }
        }
        FileChannel repaired = replace(file, channel, storage, new JournalFrames(bytes.length + 4_096).header(epoch),
                records);
        long bytesSkipped = scan.ranges.stream().mapToLong(SkippedRange::length).sum();
        JournalHealth health = new JournalHealth(records.size(), scan.recordsSkipped, bytesSkipped, scan.ranges, aside,
                review, fresh);
        String recovery = damaged ? describe(scan, health, epoch) : scan.version != VERSION ? "upgraded from version "
                + scan.version + " under epoch " + epoch : null;
        if (damaged) {
            LOG.error("position journal {} was damaged: {}", file, recovery);
        } else if (historyLost != null) {
            LOG.error("position journal {} began without its history: {}; {}", file, historyLost, HELD);
        } else if (recovery != null) {
            LOG.info("position journal {}: {}", file, recovery);
        }
        return new Repaired(repaired, records, epoch, health, recovery, older);
    }

    private static String describe(JournalScanner.Scan scan, JournalHealth health, String epoch) {
        StringBuilder text = new StringBuilder();
        if (scan.headerDamaged) {
            text.append("its header does not verify; ");
        }
        if (health.startedFresh()) {
            text.append("nothing in it could be read, started afresh under epoch ").append(epoch).append("; ")
                    .append(HELD).append("; ");
        } else if (scan.leadLost && scan.epoch != null) {
            text.append("records before the first position's were lost (a compacted journal's snapshot, maybe), so it"
                    + " continues under a new epoch ").append(epoch).append("; ");
        }
        for (SkippedRange range : health.ranges()) {
            text.append(range.tornTail() ? "cut a torn tail of " : "skipped ").append(range.length())
                    .append(" bytes at offset ").append(range.offset()).append(" (").append(range.problem())
                    .append("); ");
        }
        text.append(health.recordsSkipped()).append(" records lost, ").append(scan.records.size())
                .append(" replayed; ").append(health.needsReview().size()).append(" positions put in NEEDS_REVIEW ")
                .append(health.needsReview()).append("; the file as it was is kept at ").append(health.keptAside());
        return text.toString();
    }

    /**
     * Writes a header and {@code records} to a new file, synced, locks it and renames it over {@code file},
     * then lets go of the old one: a crash leaves either file whole, never half of one.
     */
    private static FileChannel replace(Path file, FileChannel old, JournalStorage storage, JournalFrames content,
                                       List<JournalRecord> records) throws IOException {
        for (int i = 0; i < records.size(); i++) {
            content.add(records.get(i), i);
        }
        ByteBuffer bytes = content.flip();
        Path temp = file.resolveSibling(OlderJournals.REPAIR_NAME);
        FileChannel fresh = storage.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (!Journal.locked(fresh)) {
                throw new IllegalStateException(temp + " is in use by another process");
            }
            long at = 0;
            while (bytes.hasRemaining()) {
                at += fresh.write(bytes, at);
            }
            fresh.force(true);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DamagedCopy.syncDirectory(file.getParent());
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
        old.close();
        return fresh;
    }

}
