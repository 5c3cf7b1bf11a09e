package io.optionchain.web.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A webhook on 127.0.0.1 for tests: the JDK's HTTP server, answering each POST with the next scripted status (200
 * once the script is spent), or holding the request until closed; it keeps every body it was sent, answered or not.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hanging;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(JSON.readTree(body.readAllBytes()));
            }
            if (hanging) {
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status;
            synchronized (script) {
                status = script.isEmpty() ? 200 : script.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public static WebhookReceiver start() throws IOException {
        return new WebhookReceiver();
    }

    /** The next POSTs answer these statuses, in order; then 200. */
    public WebhookReceiver answering(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
        return this;
    }

    /** Every POST from now on is held without an answer until {@link #close()}. */
    public WebhookReceiver hanging() {
        hanging = true;
        return this;
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** Waits until a body matching {@code wanted} arrived; returns it, or null after {@code timeout}. */
    public JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode body : received) {
                if (wanted.test(body)) {
                    return body;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
