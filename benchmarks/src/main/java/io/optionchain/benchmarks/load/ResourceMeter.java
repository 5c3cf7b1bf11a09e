package io.optionchain.benchmarks.load;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU and the heap went during a trial's window: the harness process, each of its threads,
 * and the market's process. Evidence for what limits the rate, read beside the latency figures.
 */
public final class ResourceMeter {
    /** Threads below a twentieth of a core are left out of the per-thread list. */
    private static final double LISTED_CORES = 0.05;

    private final long marketPid;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long startNanos;
    private long harnessCpu;
    private long marketCpu;
    private long allocated;
    private Map<Long, Long> threadCpu;

    /**
     * What the window used.
     *
     * @param harnessCores   CPU of this process over the window, in cores
     * @param marketCores    CPU of the market's process over the window, in cores
     * @param allocatedBytes heap allocated by this process's threads in the window
     * @param threadCores    this process's busiest threads by name, busiest first, in cores
     */
    record Usage(double harnessCores, double marketCores, long allocatedBytes, Map<String, Double> threadCores) {
    }

    ResourceMeter(long marketPid) {
        this.marketPid = marketPid;
    }

    void start() {
        startNanos = System.nanoTime();
        harnessCpu = os.getProcessCpuTime();
        marketCpu = cpuNanos(marketPid);
        allocated = allocatedBytes();
        threadCpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            threadCpu.put(id, threads.getThreadCpuTime(id));
        }
    }

    Usage stop() {
        double elapsed = System.nanoTime() - startNanos;
        Map<String, Double> cores = new HashMap<>();
        threadCpu.forEach((id, before) -> {
            long now = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (now > 0 && before >= 0 && info != null) {
                cores.merge(info.getThreadName(), (now - before) / elapsed, Double::sum);
            }
        });
        Map<String, Double> busiest = new LinkedHashMap<>();
        cores.entrySet().stream().filter(e -> e.getValue() >= LISTED_CORES)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> busiest.put(e.getKey(), e.getValue()));
        return new Usage((os.getProcessCpuTime() - harnessCpu) / elapsed, (cpuNanos(marketPid) - marketCpu) / elapsed,
                allocatedBytes() - allocated, busiest);
    }

    /** Heap bytes allocated by every live thread so far; the meter's own sampling adds a little. */
    private long allocatedBytes() {
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    /** CPU time another process has used so far, in nanoseconds; 0 once it has gone. */
    public static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
    }
}
