package io.optionchain.gateway.rest;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** An OpenAlgo REST stand-in (scripted answers, then a default one) on a free loopback port that records the last request it got. */
public final class StubOpenAlgo implements AutoCloseable {
    private final HttpServer server;
    private volatile int status = 200;
    private volatile String reply = "{}";
    public volatile String method;
    public volatile String path;
    public volatile String contentType;
    public volatile String body;
    private final Deque<String[]> script = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requests = new AtomicInteger();

    public StubOpenAlgo() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            method = exchange.getRequestMethod();
            path = exchange.getRequestURI().getPath();
            contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.incrementAndGet();
            String[] next = script.poll();
            int answerStatus = next == null ? status : Integer.parseInt(next[0]);
            byte[] bytes = (next == null ? reply : next[1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answerStatus, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public StubOpenAlgo answer(int httpStatus, String json) {
        this.status = httpStatus;
        this.reply = json;
        return this;
    }

    /** Answers the next request with this, once, before falling back to {@link #answer}'s reply. */
    public StubOpenAlgo thenOnce(int httpStatus, String json) {
        script.add(new String[] {String.valueOf(httpStatus), json});
        return this;
    }

    public int requests() {
        return requests.get();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
