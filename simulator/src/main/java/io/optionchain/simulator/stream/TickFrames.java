package io.optionchain.simulator.stream;

import io.optionchain.simulator.market.MarketSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Renders one tick as OpenAlgo {@code market_data} frames, at most once per mode however many sessions
 * receive it. Hand-written JSON straight into bytes: this runs for every tick, and symbols need no
 * escaping (A-Z, 0-9, _).
 * Used by the publisher thread only.
 *
 * <pre>
 * {"type":"market_data","symbol":S,"exchange":E,"mode":M,"broker":B,"data":{
 *   LTP   : symbol, exchange, mode, ltp, ltt, timestamp
 *   Quote : + open, high, low, close (previous close), volume, last_quantity, average_price,
 *           total_buy_quantity, total_sell_quantity, oi (options only)
 *   Depth : + upper_circuit, lower_circuit, depth {buy: 5 x {price, quantity, orders}, sell: ...}}}
 * </pre>
 */
final class TickFrames {
    static final int LTP = 1;
    static final int QUOTE = 2;
    static final int DEPTH = 3;

    private static final byte[] TYPE = ascii("{\"type\":\"market_data\",\"symbol\":\"");
    private static final byte[] EXCHANGE = ascii("\",\"exchange\":\"");
    private static final byte[] MODE = ascii("\",\"mode\":");
    private static final byte[] BROKER = ascii(",\"broker\":\"");
    private static final byte[] DATA = ascii("\",\"data\":{\"symbol\":\"");
    private static final byte[] LTP_KEY = ascii(",\"ltp\":");
    private static final byte[] LTT_KEY = ascii(",\"ltt\":");
    private static final byte[] TIMESTAMP_KEY = ascii(",\"timestamp\":");
    private static final byte[] OPEN_KEY = ascii(",\"open\":");
    private static final byte[] HIGH_KEY = ascii(",\"high\":");
    private static final byte[] LOW_KEY = ascii(",\"low\":");
    private static final byte[] CLOSE_KEY = ascii(",\"close\":");
    private static final byte[] VOLUME_KEY = ascii(",\"volume\":");
    private static final byte[] LAST_QUANTITY_KEY = ascii(",\"last_quantity\":");
    private static final byte[] AVERAGE_PRICE_KEY = ascii(",\"average_price\":");
    private static final byte[] TOTAL_BUY_KEY = ascii(",\"total_buy_quantity\":");
    private static final byte[] TOTAL_SELL_KEY = ascii(",\"total_sell_quantity\":");
    private static final byte[] OI_KEY = ascii(",\"oi\":");
    private static final byte[] UPPER_CIRCUIT_KEY = ascii(",\"upper_circuit\":");
    private static final byte[] LOWER_CIRCUIT_KEY = ascii(",\"lower_circuit\":");
    private static final byte[] DEPTH_BUY = ascii(",\"depth\":{\"buy\":");
    private static final byte[] DEPTH_SELL = ascii(",\"sell\":");
    private static final byte[] PRICE = ascii("{\"price\":");
    private static final byte[] QUANTITY = ascii(",\"quantity\":");
    private static final byte[] ORDERS = ascii(",\"orders\":");
    private static final byte[] END = ascii("}}");
    private static final byte[] EMPTY_DEPTH = ascii(",\"depth\":{\"buy\":[],\"sell\":[]}");
    private static final byte[] PADDING = ascii(",\"padding\":\"");

    /** How a Depth-mode frame carries the book: in full, or (faults) as empty arrays or not at all. */
    enum Depth { FULL, EMPTY, ABSENT }

    private final byte[] broker;
    private final FrameBuffer out = new FrameBuffer(1024);
    private final byte[][] rendered = new byte[DEPTH + 1][];
    private MarketSnapshot tick;
    private boolean truncated;
    private Depth depth = Depth.FULL;
    private int padTo;

    TickFrames(String broker) {
        this.broker = ascii(broker);
    }

    /** Starts a new tick; frames of the previous one are forgotten. */
    void reset(MarketSnapshot snapshot) {
        reset(snapshot, false);
    }

    /** As {@link #reset(MarketSnapshot)}; when {@code truncated}, every frame of this tick is cut in half (a fault). */
    void reset(MarketSnapshot snapshot, boolean truncated) {
        reset(snapshot, truncated, Depth.FULL, 0);
    }

    /**
     * As {@link #reset(MarketSnapshot, boolean)}, with the book rendered as {@code depth} says and, when
     * {@code padTo} is above a frame's length, the frame padded to that many bytes, or a few more (faults).
     */
    void reset(MarketSnapshot snapshot, boolean truncated, Depth depth, int padTo) {
        tick = snapshot;
        this.truncated = truncated;
        this.depth = depth;
        this.padTo = padTo;
        Arrays.fill(rendered, null);
    }

    /** The tick's frame for {@code mode} as UTF-8 bytes; the same array for every session of this tick. */
    byte[] frame(int mode) {
        byte[] frame = rendered[mode];
        if (frame == null) {
            frame = render(mode);
            if (padTo > frame.length) {
                frame = padded(frame);
            }
            if (truncated) {
                frame = Arrays.copyOf(frame, frame.length / 2);
            }
            rendered[mode] = frame;
        }
        return frame;
    }

    private byte[] render(int mode) {
        MarketSnapshot s = tick;
        byte[] symbol = ascii(s.symbol.symbol());
        byte[] exchange = ascii(s.symbol.exchange());
        out.clear();
        out.append(TYPE).append(symbol)
                .append(EXCHANGE).append(exchange)
                .append(MODE).append(mode)
                .append(BROKER).append(broker)
                .append(DATA).append(symbol)
                .append(EXCHANGE).append(exchange)
                .append(MODE).append(mode);
        price(LTP_KEY, s.ltp);
        number(LTT_KEY, s.lastTradeMillis);
        number(TIMESTAMP_KEY, s.timestampMillis);
        if (mode >= QUOTE) {
            price(OPEN_KEY, s.open);
            price(HIGH_KEY, s.high);
            price(LOW_KEY, s.low);
            price(CLOSE_KEY, s.prevClose);
            number(VOLUME_KEY, s.volume);
            number(LAST_QUANTITY_KEY, s.lastQuantity);
            price(AVERAGE_PRICE_KEY, s.averagePrice);
            number(TOTAL_BUY_KEY, s.totalBuyQuantity);
            number(TOTAL_SELL_KEY, s.totalSellQuantity);
            if (s.hasOi) {
                number(OI_KEY, s.oi);
            }
        }
        if (mode >= DEPTH) {
            price(UPPER_CIRCUIT_KEY, s.upperCircuit);
            price(LOWER_CIRCUIT_KEY, s.lowerCircuit);
            if (depth == Depth.FULL) {
                out.append(DEPTH_BUY);
                levels(s.bidPrice, s.bidQuantity, s.bidOrders);
                out.append(DEPTH_SELL);
                levels(s.askPrice, s.askQuantity, s.askOrders);
                out.append('}');
            } else if (depth == Depth.EMPTY) {
                out.append(EMPTY_DEPTH);
            }
        }
        return out.append(END).toByteArray();
    }

    /**
     * The frame with a string of spaces added after {@code data}, making {@link #padTo} bytes of valid
     * JSON (a few more if the frame was nearly that long); the tick comes first, so a streaming reader
     * has it before the filler.
     */
    private byte[] padded(byte[] frame) {
        byte[] out = new byte[Math.max(padTo, frame.length + PADDING.length + 2)];
        int at = frame.length - 1; // drop the envelope's closing brace
        System.arraycopy(frame, 0, out, 0, at);
        System.arraycopy(PADDING, 0, out, at, PADDING.length);
        at += PADDING.length;
        int fillerEnd = out.length - 2;
        Arrays.fill(out, at, fillerEnd, (byte) ' ');
        out[fillerEnd] = '"';
        out[fillerEnd + 1] = '}';
        return out;
    }

    private void levels(long[] price, long[] quantity, int[] orders) {
        out.append('[');
        for (int i = 0; i < MarketSnapshot.LEVELS; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(PRICE);
            out.appendRupees(price[i]);
            out.append(QUANTITY).append(quantity[i]).append(ORDERS).append(orders[i]).append('}');
        }
        out.append(']');
    }

    private void price(byte[] key, long paise) {
        out.append(key).appendRupees(paise);
    }

    private void number(byte[] key, long value) {
        out.append(key).append(value);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
