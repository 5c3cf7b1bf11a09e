package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord.Cancelled;
import io.optionchain.engine.journal.JournalRecord.Opened;
import io.optionchain.engine.journal.JournalRecord.OpenedLeg;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart on a journal that holds a position cancelled two hours ago, longer than the shipped
 * {@code retain_ended_ms} (1 h): the position is not listed, the journal is compacted at start-up without its
 * records, and status and /metrics say what the compaction did.
 */
class CompactedJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCompactTheJournalAtStartUpAndSaySoInStatusAndMetrics(@TempDir Path data) throws Exception {
        long now = Clock.systemUTC().millis();
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.append(opened(0, now - 3 * 3_600_000L));
            journal.append(new Cancelled(0, now - 2 * 3_600_000L));   // ended two hours ago: forgotten at start
            journal.append(opened(1, now - 120_000));
            journal.append(new Cancelled(1, now - 60_000));            // a minute ago: still listed
        }
        long before = Files.size(data.resolve(Journal.FILE_NAME));

        try (RunningApplication app = RunningApplication.start(data)) {
            JsonNode journal = JSON.readTree(app.http().get("/api/option-chain/status").body()).get("journal");
            assertThat(journal.get("compactions").asLong()).isEqualTo(1);
            JsonNode last = journal.get("last_compaction");
            assertThat(last.get("records_before").asLong()).isEqualTo(4);
            assertThat(last.get("records_after").asLong()).as("the snapshot and the listed position's two").isEqualTo(3);
            assertThat(last.get("bytes_before").asLong()).isEqualTo(before);
            assertThat(last.get("bytes_after").asLong()).isLessThan(before)
                    .isEqualTo(Files.size(data.resolve(Journal.FILE_NAME)));
            assertThat(last.get("at").asText()).endsWith("+05:30");
            assertThat(journal.get("dead_records").asLong()).isZero();
            assertThat(journal.get("bytes").asLong()).isEqualTo(last.get("bytes_after").asLong());

            JsonNode positions = JSON.readTree(app.http().get("/api/positions").body()).get("positions");
            assertThat(positions.findValuesAsText("state")).containsExactly("CANCELLED");
            assertThat(positions.get(0).get("id").asLong()).isEqualTo(1);
            String metrics = app.http().get("/metrics").body();
            assertThat(metrics).contains("optionchain_journal_compactions_total 1.0")
                    .containsPattern("optionchain_journal_bytes [1-9]")
                    .contains("optionchain_journal_dead_records 0.0")
                    .containsPattern("optionchain_journal_last_compaction_timestamp_seconds [1-9]");
        }
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            assertThat(journal.maxPositionId()).as("the forgotten id is never given out again").isEqualTo(1);
        }
    }

    private static Opened opened(long id, long millis) {
        return new Opened(id, millis, "morning", "MIS", ExitRules.stopAt(10), List.of(new OpenedLeg(
                "NIFTY25NOV2524500CE", "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_500, OptionType.CE,
                PositionSide.LONG, 75, 75, 100)));
    }
}
