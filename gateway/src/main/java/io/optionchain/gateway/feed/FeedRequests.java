package io.optionchain.gateway.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.gateway.decode.FrameDescriptor;

import java.util.ArrayList;
import java.util.List;

import static io.optionchain.gateway.decode.FrameDescriptor.*;

/**
 * The messages a client sends on OpenAlgo's market-data WebSocket, with exactly the fields the server
 * reads (websocket_proxy/server.py): authenticate, and the list forms of subscribe and unsubscribe, laid
 * out as {@link FrameDescriptor} draws them. Off the hot path: built on the client's executor, rarely.
 */
final class FeedRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedRequests() {
    }

    static String authenticate(String apiKey) {
        ObjectNode message = JSON.createObjectNode();
        message.put(ACTION, AUTHENTICATE);
        message.put(API_KEY, apiKey);
        return message.toString();
    }

    /** {@code {"action":"subscribe","symbols":[{"symbol","exchange"}],"mode":"Depth","depth":5}}, chunked. */
    static List<String> subscribe(List<Instrument> instruments, FeedMode mode, int perMessage) {
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < instruments.size(); from += perMessage) {
            ObjectNode message = JSON.createObjectNode();
            message.put(ACTION, SUBSCRIBE);
            ArrayNode symbols = message.putArray(SYMBOLS);
            for (Instrument instrument : instruments.subList(from, Math.min(instruments.size(), from + perMessage))) {
                symbols.addObject().put(SYMBOL, instrument.symbol()).put(EXCHANGE, instrument.exchange());
            }
            message.put(MODE, label(mode));
            if (mode == FeedMode.DEPTH) {
                message.put(DEPTH, SUBSCRIBED_DEPTH);
            }
            messages.add(message.toString());
        }
        return messages;
    }

    /** The list form reads the mode per item and ignores a top-level one, so none is sent. */
    static List<String> unsubscribe(List<Subscription> subscriptions, int perMessage) {
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < subscriptions.size(); from += perMessage) {
            ObjectNode message = JSON.createObjectNode();
            message.put(ACTION, UNSUBSCRIBE);
            ArrayNode symbols = message.putArray(SYMBOLS);
            for (Subscription s : subscriptions.subList(from, Math.min(subscriptions.size(), from + perMessage))) {
                symbols.addObject()
                        .put(SYMBOL, s.instrument().symbol())
                        .put(EXCHANGE, s.instrument().exchange())
                        .put(MODE, label(s.mode()));
            }
            messages.add(message.toString());
        }
        return messages;
    }

    /** The labels OpenAlgo itself uses in replies; it accepts them in any case, and the numbers too. */
    static String label(FeedMode mode) {
        return switch (mode) {
            case LTP -> LTP_LABEL;
            case QUOTE -> QUOTE_LABEL;
            case DEPTH -> DEPTH_LABEL;
        };
    }
}
