package io.optionchain.engine.journal;

/**
 * What one compaction of the journal did ({@link JournalCompaction}), for status and metrics.
 *
 * @param atMillis       when it renamed the compacted file over the journal (the desk's clock)
 * @param recordsBefore  records in the file it replaced
 * @param recordsAfter   records in the compacted file: the snapshot's, the kept positions' and those appended
 *                       while it ran
 * @param bytesBefore    the file it replaced, header included
 * @param bytesAfter     the compacted file, header included
 * @param ordersKnown    orders of dropped positions its snapshot names, never adopted by another exit
 */
public record CompactionReport(long atMillis, long recordsBefore, long recordsAfter, long bytesBefore,
                               long bytesAfter, int ordersKnown) {
}
