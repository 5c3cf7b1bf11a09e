package io.optionchain.gateway.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.tick.TickEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.optionchain.gateway.decode.FrameDescriptor.*;

/**
 * First stage of the hot path: one OpenAlgo WebSocket text frame, read with jackson-core's streaming
 * parser straight into a caller-owned {@link TickEvent}, ahead of the feed's {@code FrameDispatcher} and the ring.
 *
 * <p>Allocation: none per frame in steady state (see {@code FrameDecoderAllocationTest}). One parser
 * lives as long as the decoder and takes each frame as the next value of an endless stream
 * ({@link FrameStream}); only a malformed frame costs a new one. The symbol is resolved to an instrument
 * id from the parser's character buffer; field names are compared as the canonical Strings Jackson's
 * symbol table hands back (a name is allocated once, the first time it is seen); numbers, including
 * numbers sent as strings, are parsed from that buffer with Jackson's fast double parser.
 *
 * <p>Liberal in what it accepts: mode as a number or a label in any case, numbers as strings,
 * {@code last_trade_quantity} or {@code last_quantity}, {@code ltt} in seconds or milliseconds, a
 * payload richer than the subscribed mode, short or missing depth, fields in any order, unknown fields.
 * A field group's bit is set only when the frame carried all of it. Strict in one thing: a frame is one
 * whole JSON object, optionally surrounded by whitespace; input that ends inside it is truncated.
 *
 * <p>Never throws. After anything but {@link FrameKind#TICK} the event's contents are undefined and it
 * must not be offered. Not thread-safe: one decoder per reader thread.
 */
public final class FrameDecoder {
    /** A symbol field that was absent or not a string; distinct from {@link InstrumentRegistry#NOT_FOUND}. */
    private static final int NO_SYMBOL = Integer.MIN_VALUE;

    private static final char[] MARKET_DATA_TYPE = MARKET_DATA.toCharArray();

    private static final int OPEN_SEEN = 1;
    private static final int HIGH_SEEN = 1 << 1;
    private static final int LOW_SEEN = 1 << 2;
    private static final int CLOSE_SEEN = 1 << 3;
    private static final int OHLC_SEEN = OPEN_SEEN | HIGH_SEEN | LOW_SEEN | CLOSE_SEEN;
    private static final int BUY_TOTAL_SEEN = 1;
    private static final int SELL_TOTAL_SEEN = 1 << 1;
    private static final int TOTALS_SEEN = BUY_TOTAL_SEEN | SELL_TOTAL_SEEN;
    private static final int QUOTE_FIELDS = TickEvent.OHLC | TickEvent.VOLUME | TickEvent.OI
            | TickEvent.LAST_QUANTITY | TickEvent.AVERAGE_PRICE | TickEvent.TOTALS;

    private final InstrumentRegistry registry;
    private final FrameStream stream = new FrameStream();
    /** The stream's current parser, taken at each frame: the stream replaces it after a malformed one. */
    private JsonParser parser;

    // State of the frame being decoded: fields, not locals, so the helpers below can set them without allocating.
    private boolean marketData;
    private int envelopeId;
    private int payloadId;
    private int envelopeMode;
    private int payloadMode;
    private int ohlcSeen;
    private int totalsSeen;

    public FrameDecoder(InstrumentRegistry registry) {
        this.registry = registry;
    }

    /** Decodes a frame as nv-websocket-client delivers it with direct text messages: UTF-8 bytes. */
    public FrameKind decode(byte[] frame, long arrivalNanos, TickEvent tick) {
        return frame == null ? FrameKind.MALFORMED : decode(frame, 0, frame.length, arrivalNanos, tick);
    }

    public FrameKind decode(byte[] frame, int offset, int length, long arrivalNanos, TickEvent tick) {
        FrameKind kind;
        try {
            int end = offset + length;
            parser = stream.feed(frame, offset, end);
            kind = decode(frame, end, arrivalNanos, tick);
        } catch (IOException | RuntimeException e) {
            kind = FrameKind.MALFORMED;
        }
        if (kind == FrameKind.MALFORMED) {
            stream.replace();
        }
        return kind;
    }

    /** For tests and tools: costs a byte array per frame. */
    public FrameKind decode(String frame, long arrivalNanos, TickEvent tick) {
        return frame == null ? FrameKind.MALFORMED
                : decode(frame.getBytes(StandardCharsets.UTF_8), arrivalNanos, tick);
    }

    private FrameKind decode(byte[] frame, int end, long arrivalNanos, TickEvent tick) throws IOException {
        tick.clear();
        marketData = false;
        envelopeId = payloadId = NO_SYMBOL;
        envelopeMode = payloadMode = 0;
        ohlcSeen = totalsSeen = 0;

        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return FrameKind.MALFORMED;
        }
        if (readObject(tick, true) != JsonToken.END_OBJECT || !stream.onlyWhitespaceFollows(frame, end)) {
            return FrameKind.MALFORMED;
        }
        if (!marketData) {
            return FrameKind.CONTROL;
        }
        // The payload's own symbol names what the numbers are about; the envelope's is the fallback.
        int id = payloadId != NO_SYMBOL ? payloadId : envelopeId;
        if (id == NO_SYMBOL) {
            return FrameKind.MALFORMED;
        }
        if (id == InstrumentRegistry.NOT_FOUND) {
            return FrameKind.UNKNOWN_SYMBOL;
        }
        if (ohlcSeen == OHLC_SEEN) {
            tick.fields |= TickEvent.OHLC;
        }
        if (totalsSeen == TOTALS_SEEN) {
            tick.fields |= TickEvent.TOTALS;
        }
        if (tick.bidLevels + tick.askLevels > 0) {
            tick.fields |= TickEvent.DEPTH;
        }
        if (tick.fields == 0) {
            return FrameKind.MALFORMED;
        }
        tick.instrumentId = id;
        // A lower-mode subscriber may be sent a richer payload: what arrived outranks the label on it.
        int declared = payloadMode != 0 ? payloadMode : envelopeMode;
        tick.mode = Math.max(declared, impliedMode(tick.fields));
        tick.arrivalNanos = arrivalNanos;
        return FrameKind.TICK;
    }

    /**
     * Reads the envelope, or with {@code envelope} false the {@code data} payload.
     *
     * @return END_OBJECT, or NOT_AVAILABLE when the frame ended first: the non-blocking parser then keeps
     *         its previous token as the current one, so only this return value tells a truncated frame
     */
    private JsonToken readObject(TickEvent tick, boolean envelope) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case TYPE -> {
                    if (envelope) {
                        marketData = value == JsonToken.VALUE_STRING && WireValues.textIs(parser, MARKET_DATA_TYPE);
                    }
                    parser.skipChildren();
                }
                case SYMBOL -> {
                    int id = symbolId(value);
                    if (envelope) {
                        envelopeId = id;
                    } else {
                        payloadId = id;
                    }
                }
                case MODE -> {
                    int mode = WireValues.mode(parser, value);
                    if (envelope) {
                        envelopeMode = mode;
                    } else {
                        payloadMode = mode;
                    }
                }
                case DATA -> {
                    if (envelope && value == JsonToken.START_OBJECT) {
                        // A payload cut short needs no check here: the envelope's next token is NOT_AVAILABLE too.
                        readObject(tick, false);
                    } else {
                        parser.skipChildren();
                    }
                }
                // Fields may also sit in the envelope itself (flat frames); read them the same way.
                default -> readTickField(name, value, tick);
            }
        }
        return token;
    }

    private void readTickField(String name, JsonToken value, TickEvent tick) throws IOException {
        switch (name) {
            case LTP -> {
                double v = WireValues.number(parser, value);
                if (v == v) {
                    tick.ltp = v;
                    tick.fields |= TickEvent.LTP;
                }
            }
            case OPEN -> tick.open = ohlc(value, OPEN_SEEN);
            case HIGH -> tick.high = ohlc(value, HIGH_SEEN);
            case LOW -> tick.low = ohlc(value, LOW_SEEN);
            case CLOSE, PREV_CLOSE -> tick.close = ohlc(value, CLOSE_SEEN);
            case VOLUME -> tick.volume = quantity(value, TickEvent.VOLUME, tick);
            case OI -> tick.oi = quantity(value, TickEvent.OI, tick);
            case LAST_TRADE_QUANTITY, LAST_QUANTITY, LTQ ->
                    tick.lastQuantity = quantity(value, TickEvent.LAST_QUANTITY, tick);
            case AVERAGE_PRICE -> {
                double v = WireValues.number(parser, value);
                if (v == v) {
                    tick.averagePrice = v;
                    tick.fields |= TickEvent.AVERAGE_PRICE;
                }
            }
            case TOTAL_BUY_QUANTITY, TOTAL_BUY_QTY -> tick.totalBuyQuantity = total(value, BUY_TOTAL_SEEN);
            case TOTAL_SELL_QUANTITY, TOTAL_SELL_QTY -> tick.totalSellQuantity = total(value, SELL_TOTAL_SEEN);
            case LTT -> tick.exchangeTimeMillis = WireValues.epochMillis(WireValues.number(parser, value));
            case TIMESTAMP -> tick.serverTimeMillis = WireValues.epochMillis(WireValues.number(parser, value));
            case DEPTH -> DepthLevels.read(parser, value, tick);
            default -> parser.skipChildren();
        }
    }

    private double ohlc(JsonToken value, int seenBit) throws IOException {
        double v = WireValues.number(parser, value);
        if (v != v) {
            return 0;
        }
        ohlcSeen |= seenBit;
        return v;
    }

    private long total(JsonToken value, int seenBit) throws IOException {
        double v = WireValues.number(parser, value);
        if (v != v) {
            return 0;
        }
        totalsSeen |= seenBit;
        return (long) v;
    }

    private long quantity(JsonToken value, int field, TickEvent tick) throws IOException {
        double v = WireValues.number(parser, value);
        if (v != v) {
            return 0;
        }
        tick.fields |= field;
        return (long) v;
    }

    private int symbolId(JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return NO_SYMBOL;
        }
        return registry.idOf(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    private static int impliedMode(int fields) {
        if ((fields & TickEvent.DEPTH) != 0) {
            return MODE_DEPTH;
        }
        return (fields & QUOTE_FIELDS) != 0 ? MODE_QUOTE : MODE_LTP;
    }
}
