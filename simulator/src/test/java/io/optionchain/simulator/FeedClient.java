package io.optionchain.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketAdapter;
import com.neovisionaries.ws.client.WebSocketFactory;
import com.neovisionaries.ws.client.WebSocketFrame;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client for tests: queues every text frame, parsed, and remembers how the server closed.
 * A frame that is not JSON is queued as {@code {"type":"unparseable","text":...}}, so fault tests can see it.
 */
public final class FeedClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    private FeedClient(String url) throws Exception {
        socket = new WebSocketFactory().setConnectionTimeout(5_000).createSocket(url)
                .addListener(new WebSocketAdapter() {
                    @Override
                    public void onTextMessage(WebSocket websocket, String text) {
                        try {
                            inbox.add(JSON.readTree(text));
                        } catch (IOException e) {
                            inbox.add(JSON.createObjectNode().put("type", "unparseable").put("text", text));
                        }
                    }

                    @Override
                    public void onDisconnected(WebSocket websocket, WebSocketFrame serverCloseFrame,
                                               WebSocketFrame clientCloseFrame, boolean closedByServer) {
                        closeCode.complete(serverCloseFrame == null ? -1 : serverCloseFrame.getCloseCode());
                    }
                })
                .connect();
    }

    public static FeedClient connect(String url) throws Exception {
        return new FeedClient(url);
    }

    public static FeedClient authenticated(OpenAlgoSimulator simulator) throws Exception {
        FeedClient client = connect(simulator.wsUrl());
        client.send(Map.of("action", "authenticate", "api_key", simulator.config().apiKey()));
        client.reply("auth");
        return client;
    }

    public void send(Object message) throws Exception {
        socket.sendText(message instanceof String text ? text : JSON.writeValueAsString(message));
    }

    /** The next message that is not a tick, which must arrive within {@link #WAIT}. */
    public JsonNode nextControl() throws InterruptedException {
        return await(m -> !"market_data".equals(m.path("type").asText()), WAIT);
    }

    /** The next reply of the given type, skipping ticks. */
    public JsonNode reply(String type) throws InterruptedException {
        JsonNode reply = nextControl();
        if (!type.equals(reply.path("type").asText())) {
            throw new AssertionError("expected a '" + type + "' reply, got " + reply);
        }
        return reply;
    }

    public JsonNode tick(String symbol) throws InterruptedException {
        return await(m -> "market_data".equals(m.path("type").asText()) && symbol.equals(m.path("symbol").asText()),
                WAIT);
    }

    /** Ticks of {@code symbol} arriving within {@code window}, skipping everything else. */
    public List<JsonNode> ticksWithin(String symbol, Duration window) throws InterruptedException {
        List<JsonNode> ticks = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode message = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && "market_data".equals(message.path("type").asText())
                    && symbol.equals(message.path("symbol").asText())) {
                ticks.add(message);
            }
        }
        return ticks;
    }

    public JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            JsonNode message = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("no matching message within " + timeout);
    }

    public int awaitCloseCode(Duration timeout) throws Exception {
        return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        socket.disconnect();
    }
}
