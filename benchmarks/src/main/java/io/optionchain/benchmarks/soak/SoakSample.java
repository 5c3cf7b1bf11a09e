package io.optionchain.benchmarks.soak;

import java.util.List;
import java.util.Locale;

/**
 * One row of the soak's table: the application's memory and CPU at a moment, and what the load did in the
 * interval before it. Memory in MiB as the kernel counts it.
 *
 * @param seconds           since the load started
 * @param residentMegabytes {@code VmRSS} now
 * @param peakMegabytes     {@code VmHWM}: the most the application has been resident since it started
 * @param cores             the application's CPU over the interval, in cores
 * @param requestsPerSecond REST requests answered a second over the interval
 * @param p99Millis         99th percentile response time over the interval
 * @param non2xx            answers other than 2xx in the interval
 * @param failed            requests with no answer (timeouts, refused connections) in the interval
 * @param notSent           requests due in the interval but not sent: too many were still unanswered
 * @param sseMegabytes      event-stream bytes received in the interval, MiB
 * @param sseClients        event streams open now
 * @param opened            positions opened so far
 * @param closed            positions exited or cancelled so far
 */
record SoakSample(long seconds, double residentMegabytes, double peakMegabytes, double cores,
                  double requestsPerSecond, double p99Millis, long non2xx, long failed, long notSent,
                  double sseMegabytes, int sseClients, long opened, long closed) {

    private static final String COLUMNS = "%6s %8s %8s %5s %8s %8s %7s %6s %8s %7s %4s %7s %7s";
    private static final String ROW = "%6d %8.1f %8.1f %5.2f %8.1f %8.1f %7d %6d %8d %7.1f %4d %7d %7d";
    static final String HEADER = String.format(Locale.ROOT, COLUMNS, "time s", "RSS MB", "peak MB", "cpu",
            "req/s", "p99 ms", "non-2xx", "failed", "not sent", "SSE MB", "SSE", "opened", "closed");
    static final String CSV_HEADER = "seconds,rss_mb,peak_mb,cpu_cores,requests_per_second,p99_ms,non_2xx,failed,"
            + "not_sent,sse_mb,sse_clients,positions_opened,positions_closed";

    String line() {
        return String.format(Locale.ROOT, ROW, seconds, residentMegabytes, peakMegabytes, cores, requestsPerSecond,
                p99Millis, non2xx, failed, notSent, sseMegabytes, sseClients, opened, closed);
    }

    String csv() {
        return String.format(Locale.ROOT, "%d,%.1f,%.1f,%.3f,%.1f,%.2f,%d,%d,%d,%.2f,%d,%d,%d", seconds,
                residentMegabytes, peakMegabytes, cores, requestsPerSecond, p99Millis, non2xx, failed, notSent,
                sseMegabytes, sseClients, opened, closed);
    }

    static String table(List<SoakSample> samples) {
        StringBuilder table = new StringBuilder(HEADER).append('\n');
        samples.forEach(s -> table.append(s.line()).append('\n'));
        return table.toString();
    }
}
