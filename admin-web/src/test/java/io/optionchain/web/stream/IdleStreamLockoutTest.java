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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers that open status streams and never read must not lock a live dashboard out of SSE: every slot is taken
 * by a raw socket that sends its request and reads nothing, then a reader still gets its stream in seconds.
 */
class IdleStreamLockoutTest {
    private static final int SLOTS = 4;

    @Test
    void shouldLetAReaderInWhenEverySlotIsHeldByPeersThatNeverRead(@TempDir Path data) throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (RunningApplication app = RunningApplication.start(data,
                DashboardSettings.defaults().withStreams(SLOTS, 1_000), RunningApplication.TOKEN)) {
            // the day started, so status stays quiet: each change is an event written whole to every stream,
            // which would count as progress for the idle peers too (the kernel takes it unread)
            app.http().awaitStatus(s -> s.at("/market/lifecycle/state").asText().equals("monitoring"));
            for (int i = 0; i < SLOTS; i++) {
                Socket socket = new Socket();
                idle.add(socket);
                socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 5_000);
                OutputStream request = socket.getOutputStream();
                request.write(("GET /api/option-chain/status/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                request.flush();
            }
            awaitClients(app, SLOTS);
            Thread.sleep(1_500); // past the idle timeout

            long started = System.nanoTime();
            try (SseStream reader = SseStream.open(app.url("/api/option-chain/status/stream"), null)) {
                assertThat(reader.next(Duration.ofSeconds(10)).name()).isEqualTo("status");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private static void awaitClients(RunningApplication app, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = app.http().get("/metrics").body();
            if (metrics.lines().anyMatch(line -> line.matches("optionchain_sse_clients " + count + "(\\.0)?"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never " + count + " SSE clients; metrics: " + metrics);
    }
}
