package io.optionchain.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a measurement ran on, as its result files state it: cores, memory, the JVM and how busy
 * the machine was, since on a shared machine the load average says how far the figures can be trusted.
 */
public final class Machine {
    private Machine() {
    }

    /** e.g. {@code 2 cores, 23.5 GiB memory, OpenJDK 64-Bit Server VM 17.0.15+6, load average 0.16 1.66 2.29}. */
    public static String describe() {
        return String.format(Locale.ROOT, "%d cores, %s memory, %s %s, load average %s",
                Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), loadAverage());
    }

    static String memory() {
        long bytes = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            double oneMinute = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return String.format(Locale.ROOT, "%.2f", oneMinute);
        }
    }
}
