package io.optionchain.web.json;

import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.journal.JournalHealth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The positions journal as status shows it, beside the chain state's file: what opening it found and repaired,
 * which positions wait for a person's review, and whether it can be written now.
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
        return json;
    }
}
