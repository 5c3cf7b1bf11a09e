package io.optionchain.web.stream;

import io.optionchain.web.RunningApplication;
import io.optionchain.web.config.DashboardSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dashboard that stops reading must be dropped, and must cost the engine nothing meanwhile. The publisher
 * runs fast here (25 events a second, a queue of 8) so that a client reading nothing fills its socket, then
 * its queue, and is dropped within seconds rather than minutes, while a client that reads keeps 320 ms of slack:
 * on a busy machine a queue of 2 at 50 a second (40 ms) dropped the healthy reader too now and then.
 */
class SlowClientTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void shouldDropAClientThatStopsReadingWhileTheEngineAndOtherClientsGoOn(@TempDir Path data) throws Exception {
        try (RunningApplication app = RunningApplication.start(data, DashboardSettings.defaults().withUpdates(25, 8),
                RunningApplication.TOKEN);
             SseStream healthy = SseStream.open(app.url("/api/option-chain/NIFTY/stream"), null);
             Socket stalled = new Socket()) {
            healthy.next(WAIT);
            // a small receive window, and nothing ever read: the server's writes back up at once
            stalled.setReceiveBufferSize(2048);
            stalled.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /api/option-chain/NIFTY/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            awaitMetric(app, "optionchain_sse_clients", value -> value == 2);
            long ticksBefore = metric(app, "optionchain_ticks_total{underlying=\"NIFTY\"}");

            awaitMetric(app, "optionchain_sse_dropped_clients_total", value -> value == 1);
            // the dropped stream's thread lets go: only the healthy client is left
            awaitMetric(app, "optionchain_sse_clients", value -> value == 1);

            assertThat(metric(app, "optionchain_ticks_total{underlying=\"NIFTY\"}")).isGreaterThan(ticksBefore);
            assertThat(metric(app, "optionchain_feed_frames_total{connection=\"primary-1\",kind=\"dropped\"}")).isZero();
            for (int i = 0; i < 5; i++) {
                assertThat(healthy.next(WAIT).name()).isIn("chain", "update");
            }
        }
    }

    private interface Condition {
        boolean holds(long value);
    }

    private static void awaitMetric(RunningApplication app, String name, Condition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long value = -1;
        while (System.nanoTime() < deadline) {
            value = metric(app, name);
            if (condition.holds(value)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " stayed at " + value + " for " + WAIT);
    }

    static long metric(RunningApplication app, String name) throws Exception {
        String text = app.http().get("/metrics").body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(text);
        if (!value.find()) {
            throw new AssertionError(name + " not in /metrics:\n" + text);
        }
        return (long) Double.parseDouble(value.group(1));
    }
}
