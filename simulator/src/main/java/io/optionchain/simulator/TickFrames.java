package io.optionchain.simulator;

import java.util.Arrays;

/**
 * Renders one tick as OpenAlgo {@code market_data} frames, at most once per mode however many sessions
 * receive it. Hand-written JSON: this runs for every tick, and symbols need no escaping (A-Z, 0-9, _).
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

    private final String broker;
    private final StringBuilder out = new StringBuilder(1024);
    private final String[] rendered = new String[DEPTH + 1];
    private MarketSnapshot tick;

    TickFrames(String broker) {
        this.broker = broker;
    }

    /** Starts a new tick; frames of the previous one are forgotten. */
    void reset(MarketSnapshot snapshot) {
        tick = snapshot;
        Arrays.fill(rendered, null);
    }

    String frame(int mode) {
        String frame = rendered[mode];
        if (frame == null) {
            frame = render(mode);
            rendered[mode] = frame;
        }
        return frame;
    }

    private String render(int mode) {
        MarketSnapshot s = tick;
        out.setLength(0);
        out.append("{\"type\":\"market_data\",\"symbol\":\"").append(s.symbol.symbol())
                .append("\",\"exchange\":\"").append(s.symbol.exchange())
                .append("\",\"mode\":").append(mode)
                .append(",\"broker\":\"").append(broker)
                .append("\",\"data\":{\"symbol\":\"").append(s.symbol.symbol())
                .append("\",\"exchange\":\"").append(s.symbol.exchange())
                .append("\",\"mode\":").append(mode);
        price("ltp", s.ltp);
        number("ltt", s.lastTradeMillis);
        number("timestamp", s.timestampMillis);
        if (mode >= QUOTE) {
            price("open", s.open);
            price("high", s.high);
            price("low", s.low);
            price("close", s.prevClose);
            number("volume", s.volume);
            number("last_quantity", s.lastQuantity);
            price("average_price", s.averagePrice);
            number("total_buy_quantity", s.totalBuyQuantity);
            number("total_sell_quantity", s.totalSellQuantity);
            if (s.hasOi) {
                number("oi", s.oi);
            }
        }
        if (mode >= DEPTH) {
            price("upper_circuit", s.upperCircuit);
            price("lower_circuit", s.lowerCircuit);
            out.append(",\"depth\":{\"buy\":");
            levels(s.bidPrice, s.bidQuantity, s.bidOrders);
            out.append(",\"sell\":");
            levels(s.askPrice, s.askQuantity, s.askOrders);
            out.append('}');
        }
        return out.append("}}").toString();
    }

    private void levels(long[] price, long[] quantity, int[] orders) {
        out.append('[');
        for (int i = 0; i < MarketSnapshot.LEVELS; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"price\":");
            Paise.appendRupees(out, price[i]);
            out.append(",\"quantity\":").append(quantity[i]).append(",\"orders\":").append(orders[i]).append('}');
        }
        out.append(']');
    }

    private void price(String key, long paise) {
        out.append(",\"").append(key).append("\":");
        Paise.appendRupees(out, paise);
    }

    private void number(String key, long value) {
        out.append(",\"").append(key).append("\":").append(value);
    }
}
