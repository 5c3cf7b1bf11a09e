package io.optionchain.benchmarks.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-Sent Events clients held open and reading as fast as the application writes: of every eight,
 * six watch a chain (taking the chains in turn), one the positions stream and one the status stream. Each
 * counts what arrives without keeping it; a stream that ends or is refused is opened again a second
 * later, and counted, as a browser's EventSource would.
 */
final class EventStreams implements AutoCloseable {
    private static final long RECONNECT_MILLIS = 1_000;

    private final HttpClient client;
    private final String baseUrl;
    private final ScheduledExecutorService reconnects;
    private final List<String> paths = new ArrayList<>();
    private final List<Reader> open = new CopyOnWriteArrayList<>();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final AtomicInteger connected = new AtomicInteger();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** Everything counted so far; {@code connected} is now. */
    record Totals(long bytes, long events, int connected, long ended) {
    }

    EventStreams(HttpClient client, String baseUrl, LiveMarket market, int count,
                 ScheduledExecutorService reconnects) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.reconnects = reconnects;
        int chain = 0;
        for (int i = 0; i < count; i++) {
            paths.add(switch (i % 8) {
                case 6 -> "/api/positions/stream";
                case 7 -> "/api/option-chain/status/stream";
                default -> market.chains().get(chain++ % market.chains().size()).streamPath();
            });
        }
    }

    void start() {
        paths.forEach(this::connect);
    }

    Totals totals() {
        return new Totals(bytes.sum(), events.sum(), connected.get(), ended.sum());
    }

    /** Connections refused, by status or exception, e.g. {@code 503 → 2}. */
    Map<String, Long> refused() {
        Map<String, Long> sums = new TreeMap<>();
        refused.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }

    private void connect(String path) {
        if (!running) {
            return;
        }
        Reader reader = new Reader();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<Void>> done = client.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                refused.computeIfAbsent(Integer.toString(info.statusCode()), k -> new LongAdder()).increment();
                return HttpResponse.BodySubscribers.discarding();
            }
            connected.incrementAndGet();
            reader.streaming = true;
            open.add(reader);
            return HttpResponse.BodySubscribers.fromSubscriber(reader);
        });
        done.whenComplete((response, error) -> {
            if (reader.streaming) {
                connected.decrementAndGet();
                open.remove(reader);
                ended.increment();
            } else if (error != null) {
                refused.computeIfAbsent(error.getClass().getSimpleName(), k -> new LongAdder()).increment();
            }
            if (running) {
                reconnects.schedule(() -> connect(path), RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Ends every stream; the application sees each client go. */
    @Override
    public void close() {
        running = false;
        open.forEach(Reader::cancel);
    }

    /** One connection's body: bytes and events (a blank line ends each) counted, nothing kept. */
    private final class Reader implements Flow.Subscriber<List<ByteBuffer>> {
        private volatile Flow.Subscription subscription;
        private volatile boolean streaming;
        private byte previous;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (!running) {
                s.cancel();
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                bytes.add(buffer.remaining());
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n' && previous == '\n') {
                        events.increment();
                    }
                    previous = b;
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            // the completion handler counts the end and reconnects
        }

        @Override
        public void onComplete() {
            // as onError
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
