package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.HistoryLossAcknowledged;
import io.optionchain.engine.journal.JournalRecord.HistoryLost;
import io.optionchain.engine.journal.JournalRecord.IdsReserved;
import io.optionchain.engine.journal.JournalRecord.OrderOwner;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Snapshot;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.optionchain.engine.journal.JournalDescriptor.MAX_RECORD_LENGTH;
import static io.optionchain.engine.journal.JournalDescriptor.VERSION;

/**
 * Rewrites a {@link Journal} without the records of positions that have left memory, atomically, in two steps:
 *
 * <pre>
 *   1. prepare (appends go on)      read the file up to now; write positions.journal.compact: the same header
 *                                   and epoch, a SNAPSHOT, then every record of each kept position in its
 *                                   original order (of its TRAIL_MARKs only the last), numbered from 0; fsync
 *   2. commit (appends held)        add what was appended since step 1; fsync; rename over positions.journal
 *                                   (ATOMIC_MOVE); fsync the directory; the journal appends to the new file
 * </pre>
 *
 * A crash at any moment leaves either the old file or the new one whole under the journal's name: before the
 * rename the old one is untouched (the next open deletes the leftover {@code .compact}), after it the new one was
 * synced before it took the name. Step 2 holds the journal's monitor, so no append waits longer than for the
 * records appended during step 1 to be written again and synced.
 *
 * <p>The snapshot keeps what the dropped records held that later decisions need: the next position id (ids are
 * never reused), today's realised P&amp;L per strategy of the dropped positions (given by the desk, which counts
 * them as they leave memory), and every broker order their exits owned with its owner's tag, for
 * {@value #ORDER_MEMORY_DAYS} days, so no other exit adopts one. Records are copied through the codec as they
 * were read, whatever fields they carry; owner tags are never parsed.
 */
public final class JournalCompaction {
    /**
     * Days an order of a dropped position stays in the snapshot. A broker's order book holds one trading day, and
     * a look-up never adopts an untagged order placed before its trigger, so a week is ample; beyond it the
     * snapshot would grow for ever.
     */
    public static final int ORDER_MEMORY_DAYS = 7;
    static final String SUFFIX = ".compact";
    /** A snapshot part stays this far below the record limit; the rest goes in further parts. */
    private static final int PART_BYTES = MAX_RECORD_LENGTH - 1_024;
    private static final Logger LOG = LoggerFactory.getLogger(JournalCompaction.class);

    private final Journal journal;
    private final long nextPositionId;
    private final LocalDate tradingDate;
    private final List<StrategyTally> strategies;
    private final Set<Long> keep;
    private final Path temp;
    private final JournalFrames frames = new JournalFrames(64 * 1024);
    private final PositionRecords counts = new PositionRecords();
    private final OrderOwners owners = new OrderOwners();
    private FileChannel out;
    private long written;
    private int ordersKnown;
    /** It began keeping the journal's appends, and so must end that: another compaction's are not its to end. */
    private boolean begun;

    /**
     * @param nextPositionId the desk's next id when it looked: positions numbered from it on were opened since, and
     *                       are kept whatever {@code keep} says
     * @param tradingDate    today, on the exchange's calendar (IST)
     * @param strategies     today's realised P&amp;L per strategy of every position no longer in memory
     * @param keep           ids of the positions in memory: their records are kept, all others dropped
     */
    public JournalCompaction(Journal journal, long nextPositionId, LocalDate tradingDate,
                             List<StrategyTally> strategies, Set<Long> keep) {
        this.journal = journal;
        this.nextPositionId = nextPositionId;
        this.tradingDate = tradingDate;
        this.strategies = List.copyOf(strategies);
        this.keep = Set.copyOf(keep);
        this.temp = journal.file().resolveSibling(Journal.FILE_NAME + SUFFIX);
    }

    /**
     * Both steps. Never throws: a compaction that cannot be done is logged and leaves the journal as it was.
     *
     * @return what it did, or null when it did nothing
     */
    public CompactionReport run(long nowMillis) {
        try {
            return prepare() ? commit(nowMillis) : null;
        } catch (IOException | RuntimeException e) {
            abandon();
            LOG.warn("could not compact the position journal {}; it goes on as it was", journal.file(), e);
            return null;
        }
    }

    /** Deletes what a compaction that stopped before its rename left beside {@code journalFile}. */
    static void removeLeftover(Path journalFile) throws IOException {
        Path leftover = journalFile.resolveSibling(Journal.FILE_NAME + SUFFIX);
        if (Files.deleteIfExists(leftover)) {
            LOG.warn("deleted {}, left by a compaction that stopped before its rename; {} is as it was before it",
                    leftover, journalFile);
        }
    }

    /**
     * Step 1: the compacted file, synced, beside the journal; appends go on meanwhile and are kept for step 2.
     *
     * @return false when the file holds damage (a repair on the next open deals with it): nothing was written
     */
    boolean prepare() throws IOException {
        long length = journal.beginCompaction();
        begun = true;
        byte[] bytes = read(journal.file(), length);
        JournalScanner.Scan scan = JournalScanner.scan(bytes);
        if (scan.version != VERSION || scan.headerDamaged || !scan.ranges.isEmpty()
                || !journal.epoch().equals(scan.epoch)) {
            abandon();
            LOG.warn("not compacting the position journal {}: it no longer reads whole", journal.file());
            return false;
        }
        List<JournalRecord> content = new ArrayList<>(snapshot(scan.records));
        content.addAll(kept(scan.records));
        frames.clear().header(journal.epoch());
        for (JournalRecord record : content) {
            add(record);
        }
        out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (!Journal.locked(out)) {
            throw new IllegalStateException(temp + " is in use by another process");
        }
        written = write(frames.flip(), 0);
        out.force(true);
        return true;
    }

    /** Step 2: what was appended since step 1 added and synced, then the rename; appends wait meanwhile. */
    CompactionReport commit(long nowMillis) throws IOException {
        synchronized (journal) {
            List<JournalRecord> appended = journal.endCompaction();
            begun = false;
            if (!appended.isEmpty()) {
                frames.clear();
                for (JournalRecord record : appended) {
                    add(record);
                }
                written = write(frames.flip(), written);
                out.force(true);
            }
            long recordsBefore = journal.records();
            long bytesBefore = journal.size();
            Files.move(temp, journal.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DamagedCopy.syncDirectory(journal.file().getParent());
            CompactionReport report = new CompactionReport(nowMillis, recordsBefore, counts.records(), bytesBefore,
                    written, ordersKnown);
            journal.continueIn(out, written, counts, owners, report);
            out = null;
            LOG.info("position journal {} compacted: {} records ({} bytes) to {} ({} bytes); {} orders of dropped"
                    + " positions kept in its snapshot", journal.file(), recordsBefore, bytesBefore, counts.records(),
                    written, ordersKnown);
            return report;
        }
    }

    /**
     * Gives up before the rename: the journal goes on in its own file, and the compacted one, if this compaction
     * made it, is deleted (one that found another under way touches neither its appends nor its file).
     */
    void abandon() {
        if (begun) {
            journal.endCompaction();
            begun = false;
        }
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // deleted below
        }
        out = null;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("cannot delete {}; the next open will", temp, e);
        }
    }

    /** The snapshot, in as many parts as it takes; always at least one, which carries the next id. */
    private List<Snapshot> snapshot(List<JournalRecord> records) {
        // an order is known by its account and id together: two accounts may each have an order of one id
        record Key(String account, String orderId) {
        }
        Map<Key, OrderOwner> orders = new LinkedHashMap<>();
        Snapshot before = JournalReplay.snapshot(records);
        if (before != null) {
            LocalDate oldest = tradingDate.minusDays(ORDER_MEMORY_DAYS);
            for (OrderOwner owner : before.orders()) {
                if (!owner.since().isBefore(oldest)) {
                    orders.putIfAbsent(new Key(owner.account(), owner.orderId()), owner);
                }
            }
        }
        OrderOwners accounts = new OrderOwners();
        for (JournalRecord record : records) {
            accounts.noted(journal.epoch(), record);
            if (record instanceof OrderSent sent && !kept(sent.positionId()) && !sent.orderId().isEmpty()) {
                String account = accounts.accountOf(sent.positionId());
                orders.putIfAbsent(new Key(account, sent.orderId()), new OrderOwner(sent.orderId(),
                        Journal.owner(journal.epoch(), sent), tradingDate, account));
            }
        }
        ordersKnown = orders.size();
        long next = Math.max(nextPositionId, journal.maxPositionId() + 1);
        List<Snapshot> parts = new ArrayList<>();
        List<StrategyTally> partStrategies = new ArrayList<>();
        List<OrderOwner> partOrders = new ArrayList<>();
        int bytes = 0;
        for (StrategyTally tally : strategies) {
            // its account's name too, and room for every order's empty account that a tally's account brings along
            int size = 16 + utf8(tally.strategy()) + (tally.account() == null ? 0 : utf8(tally.account()));
            if (bytes + size > PART_BYTES) {
                parts.add(new Snapshot(next, tradingDate, partStrategies, partOrders));
                partStrategies.clear();
                bytes = 0;
            }
            partStrategies.add(tally);
            bytes += size;
        }
        for (OrderOwner owner : orders.values()) {
            int size = 10 + utf8(owner.orderId()) + utf8(owner.ownerTag())
                    + (owner.account() == null ? 0 : utf8(owner.account()));
            if (bytes + size > PART_BYTES) {
                parts.add(new Snapshot(next, tradingDate, partStrategies, partOrders));
                partStrategies.clear();
                partOrders.clear();
                bytes = 0;
            }
            partOrders.add(owner);
            bytes += size;
        }
        parts.add(new Snapshot(next, tradingDate, partStrategies, partOrders));
        return parts;
    }

    /**
     * Every record of a kept position in file order, of its trailing marks only the last, and the records of a lost
     * history and its acknowledgement.
     */
    private List<JournalRecord> kept(List<JournalRecord> records) {
        Map<Long, Integer> lastMark = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof TrailMark mark) {
                lastMark.put(mark.positionId(), i);
            }
        }
        List<JournalRecord> kept = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord record = records.get(i);
            if (record instanceof HistoryLost || record instanceof HistoryLossAcknowledged) {
                kept.add(record);           // an unacknowledged loss must outlive the compaction
                continue;
            }
            if (record instanceof Snapshot || record instanceof IdsReserved || !kept(record.positionId())
                    || record instanceof TrailMark && lastMark.get(record.positionId()) != i) {
                continue;
            }
            kept.add(record);
        }
        return kept;
    }

    private boolean kept(long positionId) {
        return keep.contains(positionId) || positionId >= nextPositionId;
    }

    /** Frames the record with the next sequence number, and notes what the journal counts of it. */
    private void add(JournalRecord record) {
        frames.add(record, counts.records());
        counts.noted(record);
        owners.noted(journal.epoch(), record);
    }

    private long write(ByteBuffer bytes, long at) throws IOException {
        while (bytes.hasRemaining()) {
            at += out.write(bytes, at);
        }
        return at;
    }

    private static byte[] read(Path file, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a position journal of " + length + " bytes is too large to compact");
        }
        ByteBuffer all = ByteBuffer.allocate((int) length);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (all.hasRemaining()) {
                if (in.read(all, all.position()) < 0) {
                    throw new IOException(file + " ended at " + all.position() + " of " + length + " bytes");
                }
            }
        }
        return all.array();
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
