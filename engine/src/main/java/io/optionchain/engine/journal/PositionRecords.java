package io.optionchain.engine.journal;

import io.optionchain.engine.journal.JournalRecord.IdsReserved;
import io.optionchain.engine.journal.JournalRecord.Snapshot;

import java.util.HashMap;
import java.util.Map;

/**
 * How many of a journal file's records there are, and how many belong to positions that have left memory: what
 * says when a compaction is worth its rewrite. Guarded by the journal's monitor.
 */
final class PositionRecords {
    /** Records per position, until the position is retired. */
    private final Map<Long, Integer> byPosition = new HashMap<>();
    private long records;
    private long dead;

    /** One more record in the file. Snapshots and id reservations belong to no position, and never die. */
    void noted(JournalRecord record) {
        records++;
        if (!(record instanceof Snapshot) && !(record instanceof IdsReserved)) {
            byPosition.merge(record.positionId(), 1, Integer::sum);
        }
    }

    /** The position left memory: its records are dead from now on. */
    void retire(long positionId) {
        Integer count = byPosition.remove(positionId);
        if (count != null) {
            dead += count;
        }
    }

    long records() {
        return records;
    }

    long dead() {
        return dead;
    }
}
