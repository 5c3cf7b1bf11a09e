package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.HistoryLost;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OrderOwner;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Snapshot;
import io.optionchain.engine.journal.JournalRecord.StrategyTally;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal rewritten without the records of positions that left memory: a snapshot of what later decisions
 * need, then every record of the positions kept, in order; the same epoch and framing, appends going on in the new
 * file; a crash between its two steps leaves the old file whole, and the next open deletes what it left.
 */
class JournalCompactionTest {
    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);
    private static final long NOW = 1_764_043_200_000L;

    @TempDir
    Path data;

    @Test
    void shouldDeleteALeftoverCompactFileAndOpenTheJournalAsItWas() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(11), 20);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(lives.records);
        }
        // what a compaction that stopped half-way through writing its file leaves beside the journal
        Path leftover = data.resolve(Journal.FILE_NAME + ".compact");
        Files.write(leftover, java.util.Arrays.copyOf(Files.readAllBytes(file()), 300));

        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(leftover).doesNotExist();
            assertThat(journal.replayed()).isEqualTo(lives.records);
            assertThat(journal.health().damaged()).isFalse();
        }
    }

    @Test
    void shouldKeepASnapshotAndEveryRecordOfTheKeptPositionsInOrderWithOnlyTheirLastTrailingMark() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(5), 40);
        Set<Long> keep = kept(lives);
        String epoch;
        CompactionReport report;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            epoch = journal.epoch();
            journal.appendAll(lives.records);
            report = new JournalCompaction(journal, 40, DAY, List.of(new StrategyTally("s1", 3, -150.0)), keep)
                    .run(NOW);
            assertThat(journal.lastCompaction()).isEqualTo(report);
            assertThat(journal.compactions()).isEqualTo(1);
            journal.append(new Closed(0, NOW));   // appends go on, in the new file
        }

        List<JournalRecord> read = Journal.read(file());
        List<OrderOwner> dropped = lives.records.stream()
                .filter(r -> r instanceof OrderSent s && !keep.contains(s.positionId()))
                .map(r -> (OrderSent) r)
                .map(s -> new OrderOwner(s.orderId(), ExitOrder.tag(epoch, s.positionId(), s.leg()), DAY)).toList();
        assertThat(dropped).as("the seed drops some exits' orders").isNotEmpty();
        assertThat(read.get(0)).isEqualTo(new Snapshot(40, DAY, List.of(new StrategyTally("s1", 3, -150.0)), dropped));
        List<JournalRecord> expected = new ArrayList<>(keptRecords(lives.records, keep));
        expected.add(new Closed(0, NOW));
        assertThat(read.subList(1, read.size())).isEqualTo(expected);
        assertThat(report.recordsBefore()).isEqualTo(lives.records.size());
        assertThat(report.recordsAfter()).isEqualTo(read.size() - 1);
        assertThat(report.bytesAfter()).isLessThan(report.bytesBefore());
        assertThat(report.ordersKnown()).isEqualTo(dropped.size());

        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.epoch()).isEqualTo(epoch);
            assertThat(journal.health().damaged()).as("framed and numbered as the journal writes").isFalse();
            assertThat(journal.replayed()).isEqualTo(read);
            assertThat(journal.maxPositionId()).isEqualTo(39);
            Set<String> every = lives.records.stream().filter(r -> r instanceof OrderSent)
                    .map(r -> ((OrderSent) r).orderId()).collect(Collectors.toSet());
            assertThat(journal.knownOrders().keySet()).containsExactlyInAnyOrderElementsOf(every);
            Map<Long, PositionState> before = JournalLives.states(lives.records);
            Map<Long, PositionState> after = JournalLives.states(read.subList(0, read.size() - 1));
            assertThat(after).isEqualTo(before.entrySet().stream().filter(e -> keep.contains(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
    }

    /** The lost history belongs to no position: a compaction that kept only positions' records would forget it. */
    @Test
    void shouldKeepAnUnacknowledgedHistoryLossThroughACompaction() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(7), 20);
        HistoryLost lost = new HistoryLost(NOW, "positions.journal was missing beside risk-audit.jsonl");
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.append(lost);
            journal.appendAll(lives.records);
            new JournalCompaction(journal, 20, DAY, List.of(), kept(lives)).run(NOW);
        }

        assertThat(Journal.read(file())).contains(lost);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.historyLoss()).isEqualTo(new HistoryLoss(lost.cause(), NOW, false));
        }
    }

    @Test
    void shouldAddWhatWasAppendedWhileItPreparedItsFile() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(6), 30);
        Set<Long> keep = kept(lives);
        long open = keep.iterator().next();
        Opened later = opened(30);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(lives.records);
            JournalCompaction compaction = new JournalCompaction(journal, 30, DAY, List.of(), keep);
            assertThat(compaction.prepare()).isTrue();
            journal.append(new TrailMark(open, 500));
            journal.append(later);
            compaction.commit(NOW);
            journal.append(new Closed(30, NOW));
        }
        List<JournalRecord> read = Journal.read(file());
        assertThat(read.subList(read.size() - 3, read.size()))
                .containsExactly(new TrailMark(open, 500), later, new Closed(30, NOW));
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.health().damaged()).isFalse();
            assertThat(journal.replayed()).isEqualTo(read);
        }
    }

    /** A second compaction asked for while one prepares does nothing, and takes nothing from the first. */
    @Test
    void shouldLeaveACompactionUnderWayAlone() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(9), 30);
        Set<Long> keep = kept(lives);
        long open = keep.iterator().next();
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(lives.records);
            JournalCompaction first = new JournalCompaction(journal, 30, DAY, List.of(), keep);
            assertThat(first.prepare()).isTrue();
            assertThat(new JournalCompaction(journal, 30, DAY, List.of(), keep).run(NOW)).isNull();
            journal.append(new TrailMark(open, 700));
            first.commit(NOW);
        }
        List<JournalRecord> read = Journal.read(file());
        assertThat(read.get(read.size() - 1)).isEqualTo(new TrailMark(open, 700));
        assertThat(data.resolve(Journal.FILE_NAME + ".compact")).doesNotExist();
    }

    /** The process dies after the compacted file is written and synced, before it is renamed over the journal. */
    @Test
    void shouldLeaveTheOldJournalWholeWhenItStopsBetweenItsFileAndItsRename() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(7), 30);
        List<JournalRecord> all = new ArrayList<>(lives.records);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(lives.records);
            assertThat(new JournalCompaction(journal, 30, DAY, List.of(), Set.of()).prepare()).isTrue();
            journal.append(new Closed(3, NOW));           // appended to the old file, as any append is until the rename
            all.add(new Closed(3, NOW));
        }                                                // the crash: no rename, the compacted file left behind
        assertThat(data.resolve(Journal.FILE_NAME + ".compact")).exists();

        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(data.resolve(Journal.FILE_NAME + ".compact")).doesNotExist();
            assertThat(journal.replayed()).isEqualTo(all);
            assertThat(journal.health().damaged()).isFalse();
            journal.append(new Closed(4, NOW));
            assertThat(new JournalCompaction(journal, 30, DAY, List.of(), kept(lives)).run(NOW)).isNotNull();
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.health().damaged()).isFalse();
            assertThat(JournalReplay.snapshot(journal.replayed()).nextPositionId()).isEqualTo(30);
        }
    }

    @Test
    void shouldSplitASnapshotTooLargeForOneRecordAndReadItBackWhole() throws IOException {
        int positions = 3_000;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            for (int id = 0; id < positions; id++) {
                journal.appendAll(closedLife(id, "broker-order-number-" + (1_000_000 + id)));
            }
            assertThat(new JournalCompaction(journal, positions, DAY, List.of(), Set.of()).run(NOW)).isNotNull();
        }
        List<JournalRecord> read = Journal.read(file());
        assertThat(read).as("one record could not hold 3,000 orders").hasSizeGreaterThan(1)
                .allMatch(r -> r instanceof Snapshot);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.knownOrders()).hasSize(positions)
                    .containsEntry("broker-order-number-1002999", ExitOrder.tag(journal.epoch(), 2_999, 0));
            assertThat(JournalReplay.snapshot(journal.replayed()).orders()).hasSize(positions);
            assertThat(journal.maxPositionId()).isEqualTo(positions - 1);
        }
    }

    @Test
    void shouldKeepADroppedExitsOrderForAWeek() throws IOException {
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(closedLife(0, "old-order"));
            new JournalCompaction(journal, 1, DAY, List.of(), Set.of()).run(NOW);
            new JournalCompaction(journal, 1, DAY.plusDays(JournalCompaction.ORDER_MEMORY_DAYS), List.of(), Set.of())
                    .run(NOW);
            assertThat(journal.knownOrders()).containsKey("old-order");
            new JournalCompaction(journal, 1, DAY.plusDays(JournalCompaction.ORDER_MEMORY_DAYS + 1), List.of(),
                    Set.of()).run(NOW);
            assertThat(journal.knownOrders()).doesNotContainKey("old-order");
            assertThat(journal.maxPositionId()).as("its id is still never given out again").isZero();
        }
    }

    @Test
    void shouldTellTheNextJournalTheOrdersInTheSnapshotOfOneMovedAside(@TempDir Path other) throws IOException {
        String tag;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(closedLife(0, "moved-order"));
            new JournalCompaction(journal, 1, DAY, List.of(), Set.of()).run(NOW);
            tag = ExitOrder.tag(journal.epoch(), 0, 0);
        }
        Files.move(file(), data.resolve(Journal.FILE_NAME + ".corrupt-20251125-093000"));
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.knownOrders()).containsEntry("moved-order", tag);
        }
    }

    @Test
    void shouldStartANewEpochWhenDamageTookTheSnapshot() throws IOException {
        JournalLives lives = JournalLives.generate(new Random(8), 30);
        String epoch;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            epoch = journal.epoch();
            journal.appendAll(lives.records);
            new JournalCompaction(journal, 1_000, DAY, List.of(), kept(lives)).run(NOW);
        }
        byte[] bytes = Files.readAllBytes(file());
        bytes[20 + 30] ^= 0x40;                         // inside the snapshot, the first frame after the header
        Files.write(file(), bytes);

        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.health().recordsSkipped()).isEqualTo(1);
            assertThat(journal.recovery()).contains("new epoch " + journal.epoch());
            assertThat(journal.epoch()).as("ids may repeat; tags must not").isNotEqualTo(epoch);
        }
    }

    /** What a desk would keep: the positions still open or exiting, and every fifth of the others. */
    private static Set<Long> kept(JournalLives lives) {
        Set<Long> keep = new HashSet<>();
        lives.intent.forEach((id, end) -> {
            if (end == PositionState.OPEN || end == PositionState.EXITING || id % 5 == 0) {
                keep.add(id);
            }
        });
        return keep;
    }

    private static List<JournalRecord> keptRecords(List<JournalRecord> records, Set<Long> keep) {
        Map<Long, Integer> lastMark = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i) instanceof TrailMark) {
                lastMark.put(records.get(i).positionId(), i);
            }
        }
        List<JournalRecord> kept = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord record = records.get(i);
            if (keep.contains(record.positionId())
                    && (!(record instanceof TrailMark) || lastMark.get(record.positionId()) == i)) {
                kept.add(record);
            }
        }
        return kept;
    }

    private static Opened opened(long id) {
        return JournalLives.generate(new Random(id), 1).records.stream().filter(r -> r instanceof Opened)
                .map(r -> (Opened) r).map(o -> new Opened(id, o.openedMillis(), o.strategy(), o.product(), o.rules(),
                        o.legs().subList(0, 1))).findFirst().orElseThrow();
    }

    private static List<JournalRecord> closedLife(long id, String orderId) {
        Opened opened = opened(id);
        List<JournalRecord> life = new ArrayList<>();
        life.add(opened);
        life.add(new Exiting(id, NOW, ExitReason.STOP, 80, 80, "", 1, 2, 79.5, 80, 79.8, 1));
        life.add(new OrderSent(id, 0, orderId, 79, false));
        life.add(new Filled(id, 0, 79));
        life.add(new Closed(id, NOW));
        return life;
    }

    private Path file() {
        return data.resolve(Journal.FILE_NAME);
    }
}
