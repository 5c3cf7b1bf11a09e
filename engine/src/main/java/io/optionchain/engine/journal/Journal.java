package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.ports.ExitOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.optionchain.engine.journal.JournalDescriptor.VERSION;

/**
 * The positions' append-only journal: sync-marked, length- and CRC-framed records ({@link JournalDescriptor}),
 * each written and synced to disk before {@link #append} returns, so whatever an append precedes (above all an
 * exit order) happens only once the record would survive a crash.
 *
 * <p>Opening reads every record back and never fails on damage. When it finds any (a bad frame in the middle,
 * a torn tail, a header that does not verify), it first writes the file as it was to
 * {@code positions.journal.damaged-<yyyyMMdd-HHmmss>} (never overwriting one), then replaces the journal,
 * atomically, with what it could read ({@link JournalScanner}): a bad frame is skipped and reading resumes at
 * the next good one; only a torn tail (the one frame being written when the process stopped) is simply cut.
 * When records were lost (anything but a torn tail), the repair also appends:
 * <ul>
 *   <li>a NEEDS_REVIEW record for each position a lost record may have concerned
 *       ({@link JournalReplay#reviewCandidates}): every position that replays OPEN or EXITING and was opened
 *       before the last lost range, and every id whose OPENED was lost and that no later record ended. It is
 *       watched and exited again only once a person says so.</li>
 *   <li>an IDS_RESERVED record above the highest id read, here or in an older journal in the directory, by
 *       as many ids as lost records (the gap in sequence numbers; for a lost tail or a version-1 file, one per
 *       {@value JournalDescriptor#MIN_OPENED_FRAME_LENGTH} lost bytes), so no id a lost OPENED held is given
 *       out again.</li>
 * </ul>
 * A version-1 journal is rewritten as version 2 under a new epoch the same way. Each file has an epoch, a
 * random name kept in its header and created with the file, so exit tags can differ across journals; a header
 * that does not verify loses its epoch and the repaired file gets a new one.
 *
 * <p>Records of positions that have left memory ({@link #retire}) are dead weight: {@link JournalCompaction}
 * rewrites the file without them, atomically, and this journal goes on appending to the new file. A
 * {@code positions.journal.compact} left by a compaction that stopped before its rename is deleted on opening.
 *
 * <p>Thread-safe: appends come from API threads (open, cancel) and the exit executor, one at a time. The file
 * is locked while open, so a second process on the same data directory fails to start rather than exiting the
 * same positions again.
 */
public final class Journal implements AutoCloseable {
    public static final String FILE_NAME = "positions.journal";
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private FileChannel channel;
    private final List<JournalRecord> replayed;
    private final String epoch;
    private final JournalHealth health;
    private final String recovery;
    /** Each order's owner (the exit tag of its leg or slice), by account, from this journal's OrderSent and snapshot. */
    private final OrderOwners orderIds = new OrderOwners();
    private final JournalFrames frames = new JournalFrames(4_096);
    private OlderJournals older;
    private long maxPositionId = -1;
    private long nextSequence;
    private long size;
    private PositionRecords counts = new PositionRecords();
    /** While a compaction prepares its file: what is appended meanwhile, for it to add before its rename. */
    private List<JournalRecord> appendedDuringCompaction;
    private volatile CompactionReport lastCompaction;
    private volatile long compactions;

    private Journal(Path file, FileChannel channel, List<JournalRecord> replayed, long nextSequence, String epoch,
                    JournalHealth health, String recovery, OlderJournals older) throws IOException {
        this.nextSequence = nextSequence;
        this.file = file;
        this.channel = channel;
        this.replayed = Collections.unmodifiableList(replayed);
        this.epoch = epoch;
        this.health = health;
        this.recovery = recovery;
        this.older = older;
        this.size = channel.size();
        channel.position(size);
        replayed.forEach(this::noted);
    }

    /**
     * Opens (or creates) {@code directory/positions.journal} and reads its records back, repairing damage.
     *
     * @param clock stamps what a repair writes: the damaged copy's name and the NEEDS_REVIEW records
     */
    public static Journal open(Path directory, Clock clock) {
        return open(directory, clock, List.of(), JournalStorage.FILES);
    }

    /**
     * Opens (or creates) the journal as {@link #open(Path, Clock)} does; a journal created now beside traces of
     * earlier use, or one nothing of which could be read, has lost its history ({@link #historyLoss()}).
     *
     * @param earlierUse files whose presence shows the directory was used before, beside the older journals this
     *                   class finds itself (the audit log, chain state), as they were before this start made any
     */
    public static Journal open(Path directory, Clock clock, List<Path> earlierUse) {
        return open(directory, clock, earlierUse, JournalStorage.FILES);
    }

    /** As {@link #open(Path, Clock, List)}, with every file the journal writes opened through {@code storage}. */
    public static Journal open(Path directory, Clock clock, List<Path> earlierUse, JournalStorage storage) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            FileChannel channel = storage.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                // two desks exiting the same positions would each send an exit
                if (!locked(channel)) {
                    throw new IllegalStateException(file + " is in use by another process (or desk); one engine per"
                            + " data directory");
                }
                // only now that the journal is ours: another process's compaction may be writing it
                JournalCompaction.removeLeftover(file);
                return load(file, channel, clock, earlierUse, storage);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the position journal " + file, e);
        }
    }

    private static Journal load(Path file, FileChannel channel, Clock clock, List<Path> earlierUse,
                                JournalStorage storage)
            throws IOException {
        byte[] bytes = readAll(channel);
        JournalScanner.Scan scan = JournalScanner.scan(bytes);
        boolean damaged = scan.headerDamaged || !scan.ranges.isEmpty();
        if (!damaged && scan.version == VERSION && bytes.length > 0) {
            JournalHealth clean = new JournalHealth(scan.records.size(), 0, 0, List.of(), null, List.of(), false);
            return new Journal(file, channel, scan.records, scan.nextSequence, scan.epoch, clean, null, null);
        }
        JournalRepair.Repaired repaired = JournalRepair.repair(file, channel, bytes, scan, clock, earlierUse,
                storage);
        return new Journal(file, repaired.channel(), repaired.records(), repaired.records().size(), repaired.epoch(),
                repaired.health(), repaired.recovery(), repaired.older());
    }

    /**
     * Reads the records of a journal file without changing it, skipping damage as opening does: for tools and
     * tests that check what is on disk.
     */
    public static List<JournalRecord> read(Path file) {
        try {
            return JournalScanner.scan(Files.readAllBytes(file)).records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Records found when the journal was opened, oldest first, with those a repair appended. */
    public List<JournalRecord> replayed() {
        return replayed;
    }

    /** What opening had to repair, or null when it was whole. */
    public String recovery() {
        return recovery;
    }

    /** What opening found and repaired. */
    public JournalHealth health() {
        return health;
    }

    /**
     * The history this journal began without, as its records say (at its start, or at a start before this one),
     * acknowledged or not as they were when it was opened; null when it lost none.
     */
    public HistoryLoss historyLoss() {
        return HistoryLoss.of(replayed);
    }

    /** This journal file's random name: eight lowercase base-32 characters, kept in its header. */
    public String epoch() {
        return epoch;
    }

    /** The highest position id any record names (an IDS_RESERVED one included); -1 when none does. */
    public synchronized long maxPositionId() {
        return maxPositionId;
    }

    /**
     * Every broker order id an exit has owned according to this journal's ORDER_SENT records and those of any
     * readable older journal in its directory ({@code positions.journal.corrupt-*}, {@code .damaged-*}, any other
     * {@code positions.journal.*} renamed by hand): orders no position may adopt as its own.
     */
    public Set<String> knownOrderIds() {
        return knownOrders().keySet();
    }

    /**
     * Every broker order id an exit has owned, here and in any older journal beside this one (moved aside or kept
     * after damage), each with the exit tag of the leg, or slice of a leg, that owned it: a look-up may give an
     * order back to its owner, never to another leg or slice.
     */
    public Map<String, String> knownOrders() {
        return Collections.unmodifiableMap(allOwners().byOrderId());
    }

    /**
     * Every broker order an exit has owned, here and in any older journal beside this one, with the account it went
     * through and its owner's tag: two accounts may have orders of the same id, and each is known apart.
     */
    public List<OwnedOrder> knownOrderOwners() {
        return allOwners().all();
    }

    private OrderOwners allOwners() {
        OlderJournals before;
        synchronized (this) {
            if (older == null) {
                older = OlderJournals.read(file);
            }
            before = older;
        }
        OrderOwners all = new OrderOwners();
        all.addAll(orderIds);         // this journal's owner first, as it was always the one kept
        all.addAll(before.orderOwners);
        return all;
    }

    public Path file() {
        return file;
    }

    /** Bytes in the file, header included. */
    public synchronized long size() {
        return size;
    }

    /** Records in the file. */
    public synchronized long records() {
        return counts.records();
    }

    /** Records in the file of positions that have left memory: what a compaction would drop. */
    public synchronized long deadRecords() {
        return counts.dead();
    }

    /**
     * The position has left memory: its records stay until the next compaction, and count as dead meanwhile.
     * Every order its exits owned stays known ({@link #knownOrders}), before and after the compaction.
     */
    public synchronized void retire(long positionId) {
        counts.retire(positionId);
    }

    /** The last compaction of this journal in this process, or null before the first. */
    public CompactionReport lastCompaction() {
        return lastCompaction;
    }

    /** Compactions of this journal in this process. */
    public long compactions() {
        return compactions;
    }

    /**
     * The tag of the leg that owned {@code sent}'s order, as this journal (of {@code epoch}) gave it: the one place
     * an owner is named from a record, for this journal, older ones and compactions alike.
     */
    static String owner(String epoch, OrderSent sent) {
        return ExitOrder.tag(epoch, sent.positionId(), sent.leg(), sent.slice(), sent.slices());
    }

    /** Appends one record and syncs it to disk before returning. */
    public void append(JournalRecord record) {
        appendAll(List.of(record));
    }

    /** Appends records in order with one sync for all of them. */
    public synchronized void appendAll(List<? extends JournalRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        frames.clear();
        long sequence = nextSequence;
        for (JournalRecord record : records) {
            frames.add(record, sequence++);
        }
        ByteBuffer frame = frames.flip();
        try {
            long at = size;
            while (frame.hasRemaining()) {
                at += channel.write(frame, at);
            }
            channel.force(false);
            size = at;
            nextSequence = sequence;
            if (appendedDuringCompaction != null) {
                appendedDuringCompaction.addAll(records);
            }
        } catch (IOException e) {
            try {
                channel.truncate(size); // no half-written frame left to read back
            } catch (IOException ignored) {
                // the next open cuts it as a torn tail
            }
            throw new JournalUnavailableException("cannot append to the position journal " + file + ": "
                    + e.getMessage(), e);
        }
        records.forEach(this::noted);
    }

    private void noted(JournalRecord record) {
        maxPositionId = Math.max(maxPositionId, record.positionId());
        counts.noted(record);
        orderIds.noted(epoch, record);
    }

    // ---- for JournalCompaction, which holds this journal's monitor around the last two ----

    /** Starts keeping what is appended, and returns the file's length at this moment. */
    synchronized long beginCompaction() {
        if (appendedDuringCompaction != null) {
            throw new IllegalStateException("a compaction of " + file + " is already under way");
        }
        appendedDuringCompaction = new ArrayList<>();
        return size;
    }

    /** What was appended since {@link #beginCompaction}; stops keeping it. */
    synchronized List<JournalRecord> endCompaction() {
        List<JournalRecord> appended = appendedDuringCompaction;
        appendedDuringCompaction = null;
        return appended == null ? List.of() : appended;
    }

    /**
     * Goes on in the compacted file, renamed over this one already: its channel (locked), length, records, and
     * the orders it names; the old channel is let go.
     */
    synchronized void continueIn(FileChannel compacted, long length, PositionRecords written,
                                 OrderOwners owners, CompactionReport report) {
        FileChannel old = channel;
        channel = compacted;
        size = length;
        nextSequence = written.records();
        counts = written;
        // the compacted file names every order the old one did: its snapshot keeps the dropped positions'
        orderIds.replaceWith(owners);
        lastCompaction = report;
        compactions++;
        try {
            old.close();
        } catch (IOException e) {
            LOG.warn("closing the journal {} as it was before its compaction failed", file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing {} failed", file, e);
        }
    }

    static boolean locked(FileChannel channel) throws IOException {
        try {
            return channel.tryLock() != null;
        } catch (OverlappingFileLockException heldHere) {
            return false;
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long length = channel.size();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("a position journal of " + length + " bytes is too large to read");
        }
        ByteBuffer all = ByteBuffer.allocate((int) length);
        long at = 0;
        while (all.hasRemaining()) {
            int read = channel.read(all, at);
            if (read < 0) {
                throw new IOException("file ended early at " + at);
            }
            at += read;
        }
        return all.array();
    }
}
