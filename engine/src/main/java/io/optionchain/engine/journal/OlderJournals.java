package io.optionchain.engine.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the journals moved or kept aside in the same directory ({@code positions.journal.corrupt-*},
 * {@code .damaged-*}, or any other {@code positions.journal.*} an operator renamed one to) still say: the broker
 * orders their exits owned (in their records, and in the snapshot of one that was compacted) and the highest
 * position id they name.
 */
final class OlderJournals {
    private static final Logger LOG = LoggerFactory.getLogger(OlderJournals.class);
    /** The file a repair writes before renaming it over the journal: the journal itself, not an older one. */
    static final String REPAIR_NAME = Journal.FILE_NAME + ".repair";

    /** Every order an exit owned in an older journal, by account, with its owner's tag (epoch, position, leg, slice). */
    final OrderOwners orderOwners;
    final long maxPositionId;

    private OlderJournals(OrderOwners orderOwners, long maxPositionId) {
        this.orderOwners = orderOwners;
        this.maxPositionId = maxPositionId;
    }

    /**
     * Whether a file beside the journal is an older one: kept aside after damage ({@code .damaged-*}), moved aside
     * ({@code .corrupt-*}), or renamed by hand to any {@code positions.journal.<something>}; never the temporary file
     * a repair writes before renaming it over the journal.
     */
    static boolean isOlderJournal(String name) {
        return name.startsWith(Journal.FILE_NAME + ".") && !name.equals(REPAIR_NAME);
    }

    /** Reads every older journal beside {@code file}; one that cannot be read is logged and passed over. */
    static OlderJournals read(Path file) {
        OrderOwners orderIds = new OrderOwners();
        long max = -1;
        List<Path> older;
        try (Stream<Path> listing = Files.list(file.getParent())) {
            older = listing.filter(p -> isOlderJournal(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list older position journals beside {}", file, e);
            return new OlderJournals(orderIds, max);
        }
        for (Path path : older) {
            try {
                JournalScanner.Scan scan = JournalScanner.scan(Files.readAllBytes(path));
                String epoch = scan.epoch == null ? "" : scan.epoch;
                OrderOwners ofFile = new OrderOwners();   // position ids, and so their accounts, are per journal
                for (JournalRecord record : scan.records) {
                    max = Math.max(max, record.positionId());
                    ofFile.noted(epoch, record);
                }
                orderIds.addAll(ofFile);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot read the older position journal {}; its orders are not known", path, e);
            }
        }
        return new OlderJournals(orderIds, max);
    }
}
