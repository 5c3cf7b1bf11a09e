package io.optionchain.web.api;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.SymbolBudget;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.pool.PoolStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's request threads are bounded: a burst of slow requests runs on at most the stream slots plus
 * {@link AdminServer#REQUEST_THREADS} threads, each costing its stack in resident memory, and the rest wait
 * their turn and are answered. The slow route is the test's own, added to the real server like any feature's.
 */
class RequestThreadsTest {
    private static final int STREAM_SLOTS = 4;
    private static final int BURST = 100;

    @Test
    void shouldRunABurstOnBoundedThreadsAndAnswerEveryRequest(@TempDir Path data) throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        InstrumentRegistry registry = new InstrumentRegistry(16);
        ChainBook book = new ChainBook(registry, List.of("NIFTY"));
        FeedStatus connection = new FeedStatus("test-1", "test", ConnectionState.CONNECTED, "test", 0, 0, 0, 0, 0, 0,
                0, 0, 0, Map.of(), null);
        PoolStatus feed = new PoolStatus(connection, List.of(connection), List.of(), 0);
        try (ChainStore store = ChainStore.inMemory(16);
             Pipeline pipeline = new Pipeline(store, book, Pipeline.NO_STOPS, Clock.systemUTC(),
                     RingSettings.blocking(64));
             AdminServer server = new AdminServer(book, pipeline, () -> feed, store.restoreReport(),
                     new SymbolBudget(new IdleFeed(), 16, book::priority), Clock.systemUTC(),
                     ApiToken.resolve("request-threads-test-token-0123", null, data), STREAM_SLOTS,
                     config -> config.routes.get("/slow", ctx -> {
                         most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                         try {
                             release.await(30, TimeUnit.SECONDS);
                         } finally {
                             inside.decrementAndGet();
                         }
                         ctx.result("done");
                     })).start("127.0.0.1", 0)) {
            HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/slow")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            try {
                awaitSteady(inside);
                assertThat(most.get()).isPositive().isLessThanOrEqualTo(STREAM_SLOTS + AdminServer.REQUEST_THREADS);
            } finally {
                release.countDown();
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    /** Until as many requests are inside as will get in: no change for a second, or 15 s. */
    private static void awaitSteady(AtomicInteger inside) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            int now = inside.get();
            if (now > 0 && now == last) {
                return;
            }
            last = now;
        }
    }

    /** Accepts subscriptions and does nothing: no market here, only the server's threads are under test. */
    private static final class IdleFeed implements MarketDataFeed {
        @Override
        public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        }
    }
}
