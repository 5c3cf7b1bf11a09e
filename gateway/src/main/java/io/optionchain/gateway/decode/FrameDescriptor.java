package io.optionchain.gateway.decode;

import java.util.Locale;

/**
 * The layout of OpenAlgo's market-data WebSocket frames, in one place beside the {@link FrameDecoder} that reads
 * them: every key and value the decoder, the feed's request builders and its control-reply handler use, and the
 * mode codes. Written from OpenAlgo's websocket_proxy/server.py and openalgo-protocol.md; the simulator keeps its
 * own copy on purpose, so a protocol mistake cannot hide by being made on both sides.
 *
 * <p>A tick, as the server sends it (the Depth mode's full payload; Quote lacks {@code depth}, LTP has only
 * {@code ltp} and {@code ltt}). Fields may also sit flat in the envelope, come in any order, and carry numbers as
 * text; an alias after a bar is read like the name before it:
 * <pre>
 * {"type":"market_data", "symbol":"NIFTY25AUG2624550CE", "exchange":"NFO", "mode":3,
 *  "data":{"symbol":…, "mode":1|2|3|"LTP"|"Quote"|"Depth",
 *          "ltp":311.6, "ltt":epoch s|ms, "timestamp":epoch s|ms,
 *          "open":…, "high":…, "low":…, "close"|"prev_close":…,
 *          "volume":…, "oi":…, "last_trade_quantity"|"last_quantity"|"ltq":…, "average_price":…,
 *          "total_buy_quantity"|"totalbuyqty":…, "total_sell_quantity"|"totalsellqty":…,
 *          "depth":{"buy"|"bids":[{"price":…, "quantity"|"qty":…, "orders":…} ×5],
 *                   "sell"|"asks":[…]}}}
 * </pre>
 *
 * <p>What a client sends, and the control replies it gets (any frame whose type is not market_data):
 * <pre>
 * → {"action":"authenticate", "api_key":"…"}
 * → {"action":"subscribe", "symbols":[{"symbol":…, "exchange":…}], "mode":"Depth", "depth":5}
 * → {"action":"unsubscribe", "symbols":[{"symbol":…, "exchange":…, "mode":"Quote"}]}
 * ← {"type":"auth"|"authenticate", "status":"success"|…, "message":…, "broker":…}
 * ← {"type":"subscribe", "status":…, "subscriptions":[{"symbol":…, "status":…, "message":…}]}
 * ← {"type":"unsubscribe", "status":…, "failed":[…]}
 * ← {"type":"pong"}
 * ← {"status":"error", "code":"AUTHENTICATION_ERROR"|…, "message":…}      (errors carry no type)
 * </pre>
 *
 * <p>Keys are compile-time constants, so the decoder's switches compare them as before: no lookup per frame.
 */
public final class FrameDescriptor {
    // Envelope and payload.
    public static final String TYPE = "type";
    public static final String MARKET_DATA = "market_data";
    public static final String SYMBOL = "symbol";
    public static final String EXCHANGE = "exchange";
    public static final String MODE = "mode";
    public static final String DATA = "data";

    // Tick fields of the payload (or of a flat envelope).
    public static final String LTP = "ltp";
    public static final String OPEN = "open";
    public static final String HIGH = "high";
    public static final String LOW = "low";
    public static final String CLOSE = "close";
    public static final String PREV_CLOSE = "prev_close";
    public static final String VOLUME = "volume";
    public static final String OI = "oi";
    public static final String LAST_TRADE_QUANTITY = "last_trade_quantity";
    public static final String LAST_QUANTITY = "last_quantity";
    public static final String LTQ = "ltq";
    public static final String AVERAGE_PRICE = "average_price";
    public static final String TOTAL_BUY_QUANTITY = "total_buy_quantity";
    public static final String TOTAL_BUY_QTY = "totalbuyqty";
    public static final String TOTAL_SELL_QUANTITY = "total_sell_quantity";
    public static final String TOTAL_SELL_QTY = "totalsellqty";
    /** Last trade time, epoch seconds or milliseconds. */
    public static final String LTT = "ltt";
    /** The server's send time, epoch seconds or milliseconds. */
    public static final String TIMESTAMP = "timestamp";
    public static final String DEPTH = "depth";

    // Inside depth: a side's key, then each level's.
    public static final String BUY = "buy";
    public static final String BIDS = "bids";
    public static final String SELL = "sell";
    public static final String ASKS = "asks";
    public static final String PRICE = "price";
    public static final String QUANTITY = "quantity";
    public static final String QTY = "qty";
    public static final String ORDERS = "orders";

    // Modes: OpenAlgo sends and accepts the number or the label, the label in any case.
    public static final int MODE_LTP = 1;
    public static final int MODE_QUOTE = 2;
    public static final int MODE_DEPTH = 3;
    /** The labels OpenAlgo itself uses in replies. */
    public static final String LTP_LABEL = "LTP";
    public static final String QUOTE_LABEL = "Quote";
    public static final String DEPTH_LABEL = "Depth";
    /** The only depth OpenAlgo serves on every broker. */
    public static final int SUBSCRIBED_DEPTH = 5;

    // Requests.
    public static final String ACTION = "action";
    public static final String AUTHENTICATE = "authenticate";
    public static final String API_KEY = "api_key";
    public static final String SUBSCRIBE = "subscribe";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String SYMBOLS = "symbols";

    // Control replies.
    public static final String AUTH = "auth";
    public static final String PONG = "pong";
    public static final String STATUS = "status";
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";
    public static final String MESSAGE = "message";
    public static final String CODE = "code";
    public static final String AUTHENTICATION_ERROR = "AUTHENTICATION_ERROR";
    public static final String BROKER = "broker";
    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String FAILED = "failed";

    private FrameDescriptor() {
    }

    /** A label as the decoder matches it: lower case, compared ASCII case-insensitively without a String. */
    static char[] lowerCase(String label) {
        return label.toLowerCase(Locale.ROOT).toCharArray();
    }
}
