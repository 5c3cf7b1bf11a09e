package io.optionchain.engine.exits;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The exit's journal records after its trigger (order sent, re-priced, filled, failed, closed), written in the order
 * they happened. When the journal cannot be written (a full disk), they wait here and are written, still in order,
 * once it can: an order whose OrderSent was refused must still be on disk as this leg's before its fill is, or a
 * restart would show the leg closed with its order unknown, and that order free for another leg's look-up to adopt.
 * Until then a restart finds the legs exiting without an order and looks them up, as after a crash. Executor thread
 * only.
 */
final class ExitRecords {
    private static final Logger LOG = LoggerFactory.getLogger(ExitRecords.class);

    private final Journal journal;
    private final List<JournalRecord> waiting = new ArrayList<>();
    /** Why the last write failed, null once one succeeds: logged when it changes, not on every retry. */
    private volatile String problem;

    ExitRecords(Journal journal) {
        this.journal = journal;
    }

    /** Journals {@code record} after every record still waiting; keeps it waiting if the journal refuses. */
    void append(JournalRecord record) {
        waiting.add(record);
        flush();
    }

    /** Writes what is waiting, with one sync; returns how many records were written. */
    int flush() {
        if (waiting.isEmpty()) {
            return 0;
        }
        try {
            journal.appendAll(waiting);
        } catch (RuntimeException e) {
            String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!cause.equals(problem)) {
                LOG.error("cannot journal {} exit records; they are kept in order and written once the journal can"
                        + " be: {}", waiting.size(), cause);
            }
            problem = cause;
            return 0;
        }
        int written = waiting.size();
        if (problem != null) {
            LOG.info("journalled {} exit records that had waited ({})", written, problem);
            problem = null;
        }
        waiting.clear();
        return written;
    }

    /** Records waiting for the journal. */
    int waiting() {
        return waiting.size();
    }

    /** Why they wait, or null. */
    String problem() {
        return problem;
    }
}
