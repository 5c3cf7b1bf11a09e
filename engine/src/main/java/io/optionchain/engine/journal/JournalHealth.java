package io.optionchain.engine.journal;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening the journal found and repaired: the desk's status shows it, and a damaged open also logs it as
 * one ERROR line.
 *
 * @param recordsReplayed records read back (including the NEEDS_REVIEW and IDS_RESERVED ones a repair wrote)
 * @param recordsSkipped  records lost, in full or in part: the gaps in sequence numbers (exact), plus for a
 *                        damaged tail the frame starts (sync markers) in it, at least one; a torn tail counts
 *                        one; a version-1 range counts one
 * @param bytesSkipped    bytes in the skipped ranges, a cut tail included
 * @param ranges          every range not replayed, in file order: damaged bytes, copies of earlier records
 *                        (skipped, nothing lost), and zero-length ranges where whole records are missing
 * @param keptAside       the file as it was before any repair ({@code positions.journal.damaged-*}), or null
 *                        when nothing was damaged
 * @param needsReview     ids this open put in NEEDS_REVIEW, ascending
 * @param startedFresh    nothing of the old file could be read: this journal starts empty, under a new epoch;
 *                        the old one is {@code keptAside}
 */
public record JournalHealth(long recordsReplayed, long recordsSkipped, long bytesSkipped, List<SkippedRange> ranges,
                            Path keptAside, List<Long> needsReview, boolean startedFresh) {
    public JournalHealth {
        ranges = List.copyOf(ranges);
        needsReview = List.copyOf(needsReview);
    }

    /** Whether opening found any damage. */
    public boolean damaged() {
        return keptAside != null;
    }

    /**
     * Bytes of the old file that were not replayed.
     *
     * @param offset   where the range starts in the file as it was ({@code keptAside})
     * @param tornTail the range runs to the end of the file and is one frame being written when the process
     *                 stopped: cut, and taken as never acted on
     * @param problem  what was wrong at {@code offset}
     */
    public record SkippedRange(long offset, long length, boolean tornTail, String problem) {
    }
}
