package io.optionchain.gateway;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A one-answer OpenAlgo REST stand-in on a free loopback port that records the last request it got. */
final class StubOpenAlgo implements AutoCloseable {
    private final HttpServer server;
    private volatile int status = 200;
    private volatile String reply = "{}";
    volatile String method;
    volatile String path;
    volatile String contentType;
    volatile String body;

    StubOpenAlgo() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            method = exchange.getRequestMethod();
            path = exchange.getRequestURI().getPath();
            contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    StubOpenAlgo answer(int httpStatus, String json) {
        this.status = httpStatus;
        this.reply = json;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
