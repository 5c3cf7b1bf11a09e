package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.Cancelled;
import io.optionchain.engine.journal.JournalRecord.Closed;
import io.optionchain.engine.journal.JournalRecord.ExitFailed;
import io.optionchain.engine.journal.JournalRecord.Exiting;
import io.optionchain.engine.journal.JournalRecord.Filled;
import io.optionchain.engine.journal.JournalRecord.HistoryLossAcknowledged;
import io.optionchain.engine.journal.JournalRecord.HistoryLost;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.journal.JournalRecord.OrderSent;
import io.optionchain.engine.journal.JournalRecord.Repriced;
import io.optionchain.engine.journal.JournalRecord.TrailMark;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.TrailingStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {
    private static final Opened STRADDLE = new Opened(7, 1_764_043_200_000L, "short straddle ∆-neutral", "NRML",
            new ExitRules(250.0, 120.0, 30.0, TrailingStop.percent(15)), List.of(
            new OpenedLeg("NIFTY25NOV2524500CE", "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_500, OptionType.CE,
                    PositionSide.SHORT, 150, 75, 101.05),
            new OpenedLeg("NIFTY25NOV2524500PE", "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_500, OptionType.PE,
                    PositionSide.SHORT, 150, 75, 94.95)));

    private static final List<JournalRecord> LIFE = List.of(
            STRADDLE,
            new TrailMark(7, 180.5),
            new Exiting(7, 1_764_043_260_000L, ExitReason.STOP, 250.0, 250.0, "NIFTY25NOV2524500PE",
                    1_764_043_259_998L, 1_764_043_259_999L, 109.5, 110.0, 109.8, 41_250),
            new OrderSent(7, 0, "250408000989443", 141.0, false),
            new OrderSent(7, 1, "250408000989444", 111.0, true),
            new Repriced(7, 1, 1, 112.5),
            new Filled(7, 0, 140.95),
            new ExitFailed(7, 1, "exit order 250408000989444 rejected at the broker"),
            new Closed(7, 1_764_043_270_000L),
            new Cancelled(8, 1_764_043_280_000L),
            new HistoryLost(1_764_043_290_000L, "positions.journal was missing — kept at /données/aside"),
            new HistoryLossAcknowledged(1_764_043_300_000L));

    /**
     * A batch whose frames pass the end of the 4 KB frame buffer with a frame header, not a payload: 98 trailing
     * marks of 41 bytes, then an order of 63 starting 15 bytes short of the end, then another mark.
     */
    @Test
    void shouldAppendABatchLargerThanItsFrameBufferWhereverAFrameStarts(@TempDir Path data) {
        List<JournalRecord> batch = new ArrayList<>();
        for (int id = 0; id < 98; id++) {
            batch.add(new TrailMark(id, 100 + id));
        }
        batch.add(new OrderSent(7, 0, "order-123456789", 141.0, false));
        batch.add(new TrailMark(99, 199));
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(batch);
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).isEqualTo(batch);
        }
    }

    @Test
    void shouldReadBackEveryKindOfRecordAfterReopening(@TempDir Path data) {
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).isEmpty();
            journal.append(LIFE.get(0));
            journal.appendAll(LIFE.subList(1, LIFE.size()));
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).containsExactlyElementsOf(LIFE);
            assertThat(journal.recovery()).isNull();
            assertThat(Journal.read(journal.file())).containsExactlyElementsOf(LIFE);
        }
    }

    /** Every byte at which a crash can tear the last record: the records before it survive, the torn one goes. */
    @Test
    void shouldCutATornTailAtTheLastWholeRecordWhereverTheTearFalls(@TempDir Path data) throws IOException {
        List<Long> ends = new ArrayList<>();
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            for (JournalRecord record : LIFE) {
                journal.append(record);
                ends.add(journal.size());
            }
        }
        Path file = data.resolve(Journal.FILE_NAME);
        byte[] whole = Files.readAllBytes(file);
        for (int cut = 0; cut < whole.length; cut++) {
            Files.write(file, java.util.Arrays.copyOf(whole, cut));
            int kept = 0;
            while (kept < ends.size() && ends.get(kept) <= cut) {
                kept++;
            }
            // a cut header leaves nothing readable: the journal starts afresh, its lost history said first
            boolean headerCut = cut > 0 && cut < JournalDescriptor.FILE_HEADER_LENGTH;
            try (Journal journal = Journal.open(data, Clock.systemUTC())) {
                if (headerCut) {
                    assertThat(journal.replayed()).as("cut at byte %d", cut).hasSize(1).first()
                            .isInstanceOf(HistoryLost.class);
                } else {
                    assertThat(journal.replayed()).as("cut at byte %d", cut)
                            .containsExactlyElementsOf(LIFE.subList(0, kept));
                    long expectedSize = kept == 0 ? JournalDescriptor.FILE_HEADER_LENGTH : ends.get(kept - 1);
                    assertThat(journal.size()).isEqualTo(expectedSize);
                    assertThat(Files.size(file)).isEqualTo(expectedSize);
                }
                journal.append(new Cancelled(99, 1));   // and it appends cleanly after the cut
            }
            try (Journal journal = Journal.open(data, Clock.systemUTC())) {
                assertThat(journal.replayed()).hasSize(kept + (headerCut ? 2 : 1)).last()
                        .isEqualTo(new Cancelled(99, 1));
            }
        }
    }

    /** Was: cut at the corrupt record, losing the third. Now the third is replayed and the position reviewed. */
    @Test
    void shouldSkipACorruptRecordAndSayWhere(@TempDir Path data) throws IOException {
        long secondStart;
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.append(LIFE.get(0));
            secondStart = journal.size();
            journal.append(LIFE.get(1));
            journal.append(LIFE.get(2));
        }
        try (RandomAccessFile file = new RandomAccessFile(data.resolve(Journal.FILE_NAME).toFile(), "rw")) {
            file.seek(secondStart + 14);                 // inside the second record's payload
            file.write(0x5A);
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).startsWith(LIFE.get(0), LIFE.get(2));
            assertThat(journal.replayed().get(2)).isInstanceOf(JournalRecord.NeedsReview.class);
            assertThat(journal.recovery()).contains("at offset " + secondStart).contains("checksum mismatch");
        }
    }

    @Test
    void shouldMoveAsideAFileThatIsNotAJournal(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve(Journal.FILE_NAME), "{\"positions\":[]} and more text than a header");
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).hasSize(1).first().isInstanceOf(HistoryLost.class);
            assertThat(journal.recovery()).contains("started afresh");      // was: "moved aside to", as .corrupt-*
            assertThat(journal.health().startedFresh()).isTrue();
            assertThat(journal.historyLoss().cause()).contains("could be read")
                    .contains(journal.health().keptAside().toString());
            assertThat(journal.historyLoss().acknowledged()).isFalse();
            journal.append(LIFE.get(0));
        }
        try (var listing = Files.list(data)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(Journal.FILE_NAME + ".damaged-"));
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.replayed()).hasSize(2).endsWith(LIFE.get(0));
            assertThat(journal.historyLoss().acknowledged()).as("still to be acknowledged after a restart").isFalse();
        }
    }

    @Test
    void shouldSayAJournalMissingBesideTracesOfEarlierUseLostItsHistoryUntilAcknowledged(@TempDir Path data)
            throws IOException {
        Path audit = Files.writeString(data.resolve("risk-audit.jsonl"), "");
        try (Journal journal = Journal.open(data, Clock.systemUTC(), List.of(audit))) {
            assertThat(journal.historyLoss()).as("a first start: an empty audit log shows nothing").isNull();
        }
        Files.delete(data.resolve(Journal.FILE_NAME));
        Files.writeString(audit, "{\"kind\":\"OPENED\"}\n");
        try (Journal journal = Journal.open(data, Clock.systemUTC(), List.of(audit))) {
            assertThat(journal.historyLoss().cause()).contains("missing").contains("risk-audit.jsonl (18 bytes)");
        }

        Files.move(data.resolve(Journal.FILE_NAME), data.resolve(Journal.FILE_NAME + ".by-hand"));
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.historyLoss().cause()).contains(Journal.FILE_NAME + ".by-hand");
            assertThat(journal.replayed()).hasSize(1);
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.historyLoss().acknowledged()).as("a restart does not forget it").isFalse();
            journal.append(new HistoryLossAcknowledged(1_764_043_300_000L));
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.historyLoss().acknowledged()).as("nor that it was acknowledged").isTrue();
            assertThat(JournalReplay.fold(journal.replayed())).as("about no position").isEmpty();
        }
    }
}
