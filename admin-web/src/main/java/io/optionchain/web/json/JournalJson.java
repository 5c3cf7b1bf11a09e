package io.optionchain.web.json;

import io.optionchain.engine.desk.HistoryLossReport;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.journal.CompactionReport;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalHealth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The positions journal as status shows it, beside the chain state's file: what opening it found and repaired,
 * which positions wait for a person's review, whether it can be written now,  how large it is and how much of
 * it belongs to positions no longer in memory, what its last compaction did, and the history it began without
 * ({@code history_lost}, null when none) with what the broker holds that no journalled position accounts for.
 */
public final class JournalJson {
    private JournalJson() {
    }

    public static Map<String, Object> of(RiskDesk desk) {
        JournalHealth health = desk.journalHealth();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", desk.journal().file().toString());
        json.put("epoch", desk.epoch());
        json.put("records_replayed", health.recordsReplayed());
        json.put("records_skipped", health.recordsSkipped());
        json.put("bytes_skipped", health.bytesSkipped());
        json.put("skipped_ranges", health.ranges().stream().map(range -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("offset", range.offset());
            item.put("length", range.length());
            item.put("torn_tail", range.tornTail());
            item.put("problem", range.problem());
            return item;
        }).toList());
        json.put("kept_aside", health.keptAside() == null ? null : health.keptAside().toString());
        json.put("started_fresh", health.startedFresh());
        json.put("needs_review", health.needsReview());
        json.put("write_problem", desk.journalProblem());
        Journal journal = desk.journal();
        json.put("bytes", journal.size());
        json.put("records", journal.records());
        json.put("dead_records", journal.deadRecords());
        json.put("compactions", journal.compactions());
        CompactionReport last = journal.lastCompaction();
        Map<String, Object> compaction = null;
        if (last != null) {
            compaction = new LinkedHashMap<>();
            compaction.put("at", WireFormat.exchangeTime(last.atMillis()));
            compaction.put("records_before", last.recordsBefore());
            compaction.put("records_after", last.recordsAfter());
            compaction.put("bytes_before", last.bytesBefore());
            compaction.put("bytes_after", last.bytesAfter());
            compaction.put("orders_known", last.ordersKnown());
        }
        json.put("last_compaction", compaction);
        json.put("history_lost", historyLost(desk.historyLoss()));
        return json;
    }

    /** {@code broker_holdings} is null until the broker's position book has been read. */
    private static Map<String, Object> historyLost(HistoryLossReport loss) {
        if (loss == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cause", loss.cause());
        json.put("since", WireFormat.exchangeTime(loss.sinceMillis()));
        json.put("acknowledged", loss.acknowledged());
        json.put("broker_holdings", loss.brokerHoldings() == null ? null : loss.brokerHoldings().stream().map(h -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("symbol", h.symbol());
            item.put("exchange", h.exchange());
            item.put("product", h.product());
            item.put("quantity", h.quantity());
            item.put("unaccounted", h.unaccounted());
            return item;
        }).toList());
        json.put("holdings_read_at", WireFormat.time(loss.holdingsReadMillis()));
        json.put("broker_problem", loss.brokerProblem());
        return json;
    }
}
