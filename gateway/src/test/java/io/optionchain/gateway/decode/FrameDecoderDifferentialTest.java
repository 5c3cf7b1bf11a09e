package io.optionchain.gateway.decode;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded frames in every dialect the decoder promises to accept, decoded by {@link FrameDecoder} and by
 * its naive twin {@link TreeFrameDecoder}: both must make the same event of every one.
 */
class FrameDecoderDifferentialTest {
    private static final int FRAMES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SYMBOLS = {"NIFTY", "BANKNIFTY", "NIFTY25AUG2624550CE", "NIFTY25AUG2624550PE",
            "NIFTY25AUG2624600CE", "NIFTY25AUG2624500PE", "NIFTY25AUG26UNLISTEDCE"};

    @Test
    void shouldAgreeWithTheNaiveTwinOnEverySeededFrame() throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(16);
        for (String symbol : SYMBOLS) {
            if (symbol.contains("UNLISTED")) {
                continue;
            }
            if (symbol.endsWith("CE") || symbol.endsWith("PE")) {
                registry.register(symbol, "NFO", "NIFTY", LocalDate.of(2026, 8, 25), 24550,
                        OptionType.valueOf(symbol.substring(symbol.length() - 2)));
            } else {
                registry.registerIndex(symbol, "NSE_INDEX");
            }
        }
        FrameDecoder decoder = new FrameDecoder(registry);
        TreeFrameDecoder twin = new TreeFrameDecoder(registry);
        TickEvent fast = new TickEvent();
        TickEvent naive = new TickEvent();
        SplittableRandom random = new SplittableRandom(20261125);
        Map<FrameKind, Integer> kinds = new EnumMap<>(FrameKind.class);

        for (int i = 0; i < FRAMES; i++) {
            String frame = JSON.writeValueAsString(frame(random));
            long arrival = random.nextLong();
            FrameKind expected = twin.decode(frame, arrival, naive);
            FrameKind actual = random.nextBoolean()
                    ? decoder.decode(frame.getBytes(StandardCharsets.UTF_8), arrival, fast)
                    : decoder.decode(frame, arrival, fast);
            kinds.merge(actual, 1, Integer::sum);
            if (actual != expected || actual == FrameKind.TICK && !same(fast, naive)) {
                // The slow, descriptive comparison only for the frame that differs.
                assertThat(actual).as(frame).isEqualTo(expected);
                assertThat(fast).as(frame).usingRecursiveComparison().isEqualTo(naive);
            }
        }
        assertThat(kinds).containsKeys(FrameKind.TICK, FrameKind.UNKNOWN_SYMBOL, FrameKind.CONTROL);
        assertThat(kinds.get(FrameKind.TICK)).isGreaterThan(FRAMES / 2);
    }

    static boolean same(TickEvent a, TickEvent b) {
        return a.instrumentId == b.instrumentId && a.mode == b.mode && a.fields == b.fields
                && Double.compare(a.ltp, b.ltp) == 0 && Double.compare(a.open, b.open) == 0
                && Double.compare(a.high, b.high) == 0 && Double.compare(a.low, b.low) == 0
                && Double.compare(a.close, b.close) == 0 && Double.compare(a.averagePrice, b.averagePrice) == 0
                && a.volume == b.volume && a.oi == b.oi && a.lastQuantity == b.lastQuantity
                && a.totalBuyQuantity == b.totalBuyQuantity && a.totalSellQuantity == b.totalSellQuantity
                && a.exchangeTimeMillis == b.exchangeTimeMillis && a.serverTimeMillis == b.serverTimeMillis
                && a.arrivalNanos == b.arrivalNanos && a.bidLevels == b.bidLevels && a.askLevels == b.askLevels
                && Arrays.equals(a.bidPrice, b.bidPrice) && Arrays.equals(a.bidQuantity, b.bidQuantity)
                && Arrays.equals(a.bidOrders, b.bidOrders) && Arrays.equals(a.askPrice, b.askPrice)
                && Arrays.equals(a.askQuantity, b.askQuantity) && Arrays.equals(a.askOrders, b.askOrders);
    }

    private static Map<String, Object> frame(SplittableRandom random) {
        if (random.nextInt(20) == 0) {
            return shuffled(random, Map.of("type", "pong", "status", "success", "server_timestamp", 1787632200000L));
        }
        String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
        int mode = 1 + random.nextInt(3);
        Map<String, Object> data = new LinkedHashMap<>();
        if (random.nextInt(4) != 0) {
            data.put("symbol", symbol);
        }
        data.put("exchange", symbol.length() > 9 ? "NFO" : "NSE_INDEX");
        if (random.nextBoolean()) {
            data.put("mode", mode(random, mode));
        }
        data.put("ltp", number(random, price(random)));
        data.put("ltt", random.nextBoolean() ? 1787632200000L + random.nextInt(1_000_000)
                : (Object) (1787632200L + random.nextInt(1000)));
        data.put("timestamp", 1787632200000L + random.nextInt(1_000_000));
        if (mode >= 2 || random.nextInt(5) == 0) { // sometimes a richer payload than the mode
            for (String field : new String[]{"open", "high", "low", "close"}) {
                if (random.nextInt(10) != 0) {
                    data.put(field, number(random, price(random)));
                }
            }
            data.put("volume", number(random, random.nextInt(5_000_000)));
            data.put(random.nextBoolean() ? "last_trade_quantity" : "last_quantity", number(random, 75L * random.nextInt(40)));
            if (random.nextBoolean()) {
                data.put("average_price", number(random, price(random)));
                data.put("total_buy_quantity", number(random, random.nextInt(900_000)));
                if (random.nextInt(5) != 0) {
                    data.put("total_sell_quantity", number(random, random.nextInt(900_000)));
                }
            }
            if (symbol.length() > 9 && random.nextInt(5) != 0) {
                data.put("oi", number(random, random.nextInt(9_000_000)));
            }
        }
        if (mode == 3 || random.nextInt(8) == 0) {
            data.put("upper_circuit", 900.0);
            data.put("lower_circuit", 0.05);
            Map<String, Object> depth = new LinkedHashMap<>();
            depth.put("buy", levels(random, 311.0, -0.05));
            depth.put("sell", levels(random, 311.5, 0.05));
            data.put("depth", depth);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", random.nextInt(30) == 0 ? "MARKET_DATA" : "market_data");
        envelope.put("symbol", symbol);
        envelope.put("exchange", data.get("exchange"));
        envelope.put("mode", mode(random, 1 + random.nextInt(mode)));
        envelope.put("broker", random.nextBoolean() ? "angel" : "zerodha");
        envelope.put("data", shuffled(random, data));
        return shuffled(random, envelope);
    }

    private static List<Map<String, Object>> levels(SplittableRandom random, double best, double step) {
        List<Map<String, Object>> levels = new ArrayList<>();
        int count = random.nextInt(8);
        for (int i = 0; i < count; i++) {
            Map<String, Object> level = new LinkedHashMap<>();
            boolean padding = random.nextInt(6) == 0;
            level.put("price", number(random, padding ? 0 : Math.round((best + i * step) * 100) / 100.0));
            if (random.nextInt(10) != 0) {
                level.put(random.nextInt(10) == 0 ? "qty" : "quantity", number(random, padding ? 0 : 75L * random.nextInt(1, 60)));
            }
            level.put("orders", number(random, padding ? 0 : random.nextInt(1, 30)));
            levels.add(level);
        }
        return levels;
    }

    private static Object mode(SplittableRandom random, int mode) {
        String label = switch (mode) {
            case 1 -> "LTP";
            case 2 -> "Quote";
            default -> "Depth";
        };
        return switch (random.nextInt(5)) {
            case 0 -> label;
            case 1 -> label.toUpperCase();
            case 2 -> label.toLowerCase();
            case 3 -> String.valueOf(mode);
            default -> mode;
        };
    }

    private static double price(SplittableRandom random) {
        return Math.round(random.nextDouble(0.05, 60_000) * 20) / 20.0;
    }

    /** Most numbers as numbers, some as strings, as OpenAlgo's brokers send them. */
    private static Object number(SplittableRandom random, double value) {
        boolean whole = value == Math.rint(value);
        return switch (random.nextInt(6)) {
            case 0 -> whole ? String.valueOf((long) value) : String.valueOf(value);
            case 1 -> String.valueOf(value);
            default -> whole && random.nextBoolean() ? (Object) (long) value : (Object) value;
        };
    }

    private static Map<String, Object> shuffled(SplittableRandom random, Map<String, Object> fields) {
        List<String> keys = new ArrayList<>(fields.keySet());
        for (int i = keys.size() - 1; i > 0; i--) {
            Collections.swap(keys, i, random.nextInt(i + 1));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach(key -> out.put(key, fields.get(key)));
        return out;
    }
}
