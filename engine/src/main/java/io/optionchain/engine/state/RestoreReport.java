package io.optionchain.engine.state;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What opening the chain state found: how much of the last run came back and how stale it was, and
 * whether an unusable file had to be moved aside.
 *
 * @param file                the chain-state file; null for a memory-only store
 * @param restoredInstruments records whose instrument got its old id back
 * @param oldestUpdateMillis  wall-clock time of the last tick on the stalest restored record; 0 when none
 * @param newestUpdateMillis  wall-clock time of the last tick on the freshest restored record; 0 when none
 * @param openedMillis        when the file was opened; ages are measured to this moment, so they say how
 *                            stale the restored state was when it came back, however long ago that was
 * @param movedAside          where an unusable file went; null when none was moved
 * @param problem             what was wrong with the file (moved aside, or recovered after an unclean
 *                            exit); null when it opened cleanly or did not exist yet
 */
public record RestoreReport(Path file, int restoredInstruments, long oldestUpdateMillis, long newestUpdateMillis,
                            long openedMillis, Path movedAside, String problem) {

    static RestoreReport memoryOnly() {
        return new RestoreReport(null, 0, 0, 0, 0, null, null);
    }

    /** Age of the stalest restored record when it came back; empty when nothing was restored. */
    public Optional<Duration> oldestAge() {
        return age(oldestUpdateMillis);
    }

    /** Age of the freshest restored record when it came back; empty when nothing was restored. */
    public Optional<Duration> newestAge() {
        return age(newestUpdateMillis);
    }

    private Optional<Duration> age(long updateMillis) {
        return updateMillis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(openedMillis - updateMillis));
    }
}
