package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.OrderSent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the journals moved or kept aside in the same directory ({@code positions.journal.corrupt-*},
 * {@code .damaged-*}) still say: the broker orders their exits owned and the highest position id they name.
 */
final class OlderJournals {
    private static final Logger LOG = LoggerFactory.getLogger(OlderJournals.class);
    private static final String CORRUPT_PREFIX = Journal.FILE_NAME + ".corrupt-";

    final Set<String> orderIds;
    final long maxPositionId;

    private OlderJournals(Set<String> orderIds, long maxPositionId) {
        this.orderIds = Set.copyOf(orderIds);
        this.maxPositionId = maxPositionId;
    }

    /** Reads every older journal beside {@code file}; one that cannot be read is logged and passed over. */
    static OlderJournals read(Path file) {
        Set<String> orderIds = new HashSet<>();
        long max = -1;
        List<Path> older;
        try (Stream<Path> listing = Files.list(file.getParent())) {
            older = listing.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(CORRUPT_PREFIX) || name.startsWith(DamagedCopy.PREFIX);
            }).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list older position journals beside {}", file, e);
            return new OlderJournals(orderIds, max);
        }
        for (Path path : older) {
            try {
                for (JournalRecord record : JournalScanner.scan(Files.readAllBytes(path)).records) {
                    max = Math.max(max, record.positionId());
                    if (record instanceof OrderSent sent && !sent.orderId().isEmpty()) {
                        orderIds.add(sent.orderId());
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot read the older position journal {}; its orders are not known", path, e);
            }
        }
        return new OlderJournals(orderIds, max);
    }
}
