package io.optionchain.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.neovisionaries.ws.client.WebSocket;
import com.neovisionaries.ws.client.WebSocketAdapter;
import com.neovisionaries.ws.client.WebSocketFrame;
import io.optionchain.gateway.decode.FrameKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The callbacks of one market-data connection, on nv-websocket-client's reader thread: frames go through
 * the {@link FrameDispatcher} at once, control replies and the disconnect are passed to the
 * {@link MarketDataClient}'s thread, tagged with the connection's epoch so late events of an old
 * connection can be told apart.
 */
final class FeedListener extends WebSocketAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MarketDataClient client;
    private final FrameDispatcher dispatcher;
    private final FeedCounters counters;
    private final int epoch;
    private final CountDownLatch readerGone;
    /** Reader thread only: the first tick of this connection is reported once, to time the recovery. */
    private boolean ticked;

    FeedListener(MarketDataClient client, FrameDispatcher dispatcher, FeedCounters counters, int epoch,
                 CountDownLatch readerGone) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.counters = counters;
        this.epoch = epoch;
        this.readerGone = readerGone;
    }

    /** Text frames arrive as UTF-8 bytes because the socket has direct text messages on: no String per frame. */
    @Override
    public void onTextMessage(WebSocket ws, byte[] frame) {
        long arrivalNanos = System.nanoTime();
        FrameKind kind = dispatcher.onFrame(frame, arrivalNanos);
        if (kind == FrameKind.TICK && !ticked) {
            ticked = true;
            client.onFirstTick(epoch, arrivalNanos);
        }
        if (kind == FrameKind.CONTROL) {
            JsonNode reply;
            try {
                reply = JSON.readTree(frame);
            } catch (IOException e) {
                return;
            }
            client.onControl(epoch, reply);
        }
    }

    @Override
    public void onTextMessage(WebSocket ws, String frame) {
        onTextMessage(ws, frame.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onPingFrame(WebSocket ws, WebSocketFrame frame) {
        counters.heartbeat(System.nanoTime());
    }

    @Override
    public void onPongFrame(WebSocket ws, WebSocketFrame frame) {
        counters.heartbeat(System.nanoTime());
    }

    /** Called once both socket threads have ended, so no frame of this connection can follow. */
    @Override
    public void onDisconnected(WebSocket ws, WebSocketFrame serverClose, WebSocketFrame clientClose,
                               boolean closedByServer) {
        String reason = closedByServer && serverClose != null
                ? "closed by server (" + serverClose.getCloseCode() + " " + serverClose.getCloseReason() + ")"
                : "connection lost";
        readerGone.countDown();
        client.onDisconnected(epoch, reason);
    }
}
