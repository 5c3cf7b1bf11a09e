package io.optionchain.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A process's resident set as the kernel counts it ({@code VmRSS} in /proc/PID/status): heap, off-heap
 * chain state, mapped files, code and thread stacks alike, which is what a memory budget must hold,
 * rather than the heap the JVM reports. {@code bin/bench} reads its own; {@code bin/soak} the
 * application's, with its peak ({@code VmHWM}).
 */
public final class ResidentMemory {
    private static final Path SELF = Path.of("/proc/self/status");

    /**
     * One reading, in MiB; -1 where /proc is not available or the process has gone.
     *
     * @param resident resident now ({@code VmRSS})
     * @param peak     the most it was ever resident ({@code VmHWM})
     */
    public record Reading(double resident, double peak) {
        static final Reading UNKNOWN = new Reading(-1, -1);
    }

    private ResidentMemory() {
    }

    /** This process's resident megabytes (MiB) now; -1 where /proc is not available. */
    static double megabytes() {
        return read(SELF).resident();
    }

    /** Another process's resident and peak megabytes (MiB). */
    public static Reading of(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static Reading read(Path status) {
        double resident = -1;
        double peak = -1;
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    resident = kibibytes(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kibibytes(line) / 1024.0;
                }
            }
        } catch (NoSuchFileException e) {
            return Reading.UNKNOWN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reading(resident, peak);
    }

    private static long kibibytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
