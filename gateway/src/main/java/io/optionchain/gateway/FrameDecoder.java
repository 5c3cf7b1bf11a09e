package io.optionchain.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.pipeline.TickEvent;

import java.io.IOException;

/**
 * First stage of the hot path: one OpenAlgo WebSocket text frame, read with jackson-core's streaming
 * parser straight into a caller-owned {@link TickEvent}, ahead of {@link FrameDispatcher} and the ring.
 *
 * <p>Allocation: none of its own per frame. The symbol is resolved to an instrument id from the parser's
 * character buffer; field names are compared as the canonical (interned) Strings Jackson's symbol table
 * hands back; numbers, including numbers sent as strings, are parsed from that buffer with Jackson's
 * fast double parser. What a frame still costs is the parser Jackson builds for it (see
 * {@code FrameDecoderAllocationTest}).
 *
 * <p>Liberal in what it accepts: mode as a number or a label in any case, numbers as strings,
 * {@code last_trade_quantity} or {@code last_quantity}, {@code ltt} in seconds or milliseconds, a
 * payload richer than the subscribed mode, short or missing depth, fields in any order, unknown fields.
 * A field group's bit is set only when the frame carried all of it.
 *
 * <p>Never throws. After anything but {@link FrameKind#TICK} the event's contents are undefined and it
 * must not be offered. Not thread-safe: one decoder per reader thread.
 */
public final class FrameDecoder {
    /** A symbol field that was absent or not a string; distinct from {@link InstrumentRegistry#NOT_FOUND}. */
    private static final int NO_SYMBOL = Integer.MIN_VALUE;

    private static final char[] MARKET_DATA = "market_data".toCharArray();

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
    private final JsonFactory json;

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
        this.json = JsonFactory.builder()
                // Field-name switches below rely on canonical instances: no String per name per frame.
                .enable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .enable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                // Without it getDoubleValue() builds a String per number before Double.parseDouble.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
    }

    /** Decodes a frame as nv-websocket-client delivers it with direct text messages: UTF-8 bytes. */
    public FrameKind decode(byte[] frame, long arrivalNanos, TickEvent tick) {
        return frame == null ? FrameKind.MALFORMED : decode(frame, 0, frame.length, arrivalNanos, tick);
    }

    public FrameKind decode(byte[] frame, int offset, int length, long arrivalNanos, TickEvent tick) {
        try (JsonParser parser = json.createParser(frame, offset, length)) {
            return decode(parser, arrivalNanos, tick);
        } catch (IOException | RuntimeException e) {
            return FrameKind.MALFORMED;
        }
    }

    public FrameKind decode(String frame, long arrivalNanos, TickEvent tick) {
        try (JsonParser parser = json.createParser(frame)) {
            return decode(parser, arrivalNanos, tick);
        } catch (IOException | RuntimeException e) {
            return FrameKind.MALFORMED;
        }
    }

    private FrameKind decode(JsonParser parser, long arrivalNanos, TickEvent tick) throws IOException {
        tick.clear();
        marketData = false;
        envelopeId = payloadId = NO_SYMBOL;
        envelopeMode = payloadMode = 0;
        ohlcSeen = totalsSeen = 0;

        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return FrameKind.MALFORMED;
        }
        readObject(parser, tick, true);
        if (parser.nextToken() != null) {
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

    /** Reads the envelope, or with {@code envelope} false the {@code data} payload; leaves the parser on its END_OBJECT. */
    private void readObject(JsonParser parser, TickEvent tick, boolean envelope) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "type" -> {
                    if (envelope) {
                        marketData = value == JsonToken.VALUE_STRING && WireValues.textIs(parser, MARKET_DATA);
                    }
                    parser.skipChildren();
                }
                case "symbol" -> {
                    int id = symbolId(parser, value);
                    if (envelope) {
                        envelopeId = id;
                    } else {
                        payloadId = id;
                    }
                }
                case "mode" -> {
                    int mode = WireValues.mode(parser, value);
                    if (envelope) {
                        envelopeMode = mode;
                    } else {
                        payloadMode = mode;
                    }
                }
                case "data" -> {
                    if (envelope && value == JsonToken.START_OBJECT) {
                        readObject(parser, tick, false);
                    } else {
                        parser.skipChildren();
                    }
                }
                // Fields may also sit in the envelope itself (flat frames); read them the same way.
                default -> readTickField(name, parser, value, tick);
            }
        }
    }

    private void readTickField(String name, JsonParser parser, JsonToken value, TickEvent tick) throws IOException {
        switch (name) {
            case "ltp" -> {
                double v = WireValues.number(parser, value);
                if (v == v) {
                    tick.ltp = v;
                    tick.fields |= TickEvent.LTP;
                }
            }
            case "open" -> tick.open = ohlc(parser, value, OPEN_SEEN);
            case "high" -> tick.high = ohlc(parser, value, HIGH_SEEN);
            case "low" -> tick.low = ohlc(parser, value, LOW_SEEN);
            case "close", "prev_close" -> tick.close = ohlc(parser, value, CLOSE_SEEN);
            case "volume" -> tick.volume = quantity(parser, value, TickEvent.VOLUME, tick);
            case "oi" -> tick.oi = quantity(parser, value, TickEvent.OI, tick);
            case "last_trade_quantity", "last_quantity", "ltq" ->
                    tick.lastQuantity = quantity(parser, value, TickEvent.LAST_QUANTITY, tick);
            case "average_price" -> {
                double v = WireValues.number(parser, value);
                if (v == v) {
                    tick.averagePrice = v;
                    tick.fields |= TickEvent.AVERAGE_PRICE;
                }
            }
            case "total_buy_quantity", "totalbuyqty" -> tick.totalBuyQuantity = total(parser, value, BUY_TOTAL_SEEN);
            case "total_sell_quantity", "totalsellqty" -> tick.totalSellQuantity = total(parser, value, SELL_TOTAL_SEEN);
            case "ltt" -> tick.exchangeTimeMillis = WireValues.epochMillis(WireValues.number(parser, value));
            case "timestamp" -> tick.serverTimeMillis = WireValues.epochMillis(WireValues.number(parser, value));
            case "depth" -> DepthLevels.read(parser, value, tick);
            default -> parser.skipChildren();
        }
    }

    private double ohlc(JsonParser parser, JsonToken value, int seenBit) throws IOException {
        double v = WireValues.number(parser, value);
        if (v != v) {
            return 0;
        }
        ohlcSeen |= seenBit;
        return v;
    }

    private long total(JsonParser parser, JsonToken value, int seenBit) throws IOException {
        double v = WireValues.number(parser, value);
        if (v != v) {
            return 0;
        }
        totalsSeen |= seenBit;
        return (long) v;
    }

    private static long quantity(JsonParser parser, JsonToken value, int field, TickEvent tick) throws IOException {
        double v = WireValues.number(parser, value);
        if (v != v) {
            return 0;
        }
        tick.fields |= field;
        return (long) v;
    }

    private int symbolId(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return NO_SYMBOL;
        }
        return registry.idOf(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    private static int impliedMode(int fields) {
        if ((fields & TickEvent.DEPTH) != 0) {
            return 3;
        }
        return (fields & QUOTE_FIELDS) != 0 ? 2 : 1;
    }
}
