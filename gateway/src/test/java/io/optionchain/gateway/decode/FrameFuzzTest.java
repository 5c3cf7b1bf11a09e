package io.optionchain.gateway.decode;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickOutcome;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million frames, seeded: valid ticks of real instruments, damaged copies of them, JSON-shaped noise and
 * random bytes, all through one decoder into real chain state, as a hostile or broken feed would deliver
 * them. Nothing may escape the decoder, and no chain record may end up holding a value no exchange prints:
 * a non-finite or negative price or quantity, an impossible book depth, or a tick count that disagrees with
 * the ticks accepted for it.
 */
class FrameFuzzTest {
    private static final int FRAMES = 1_000_000;
    private static final String[] SYMBOLS = {"NIFTY", "NIFTY25AUG2624550CE", "NIFTY25AUG2624550PE"};
    private static final byte[] NOISE = "{}[]\",:0123456789.-+eE \\tnulrsNaIfiy".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldSurviveAMillionRandomAndDamagedFramesWithChainStateIntact() {
        InstrumentRegistry registry = FrameDecoderTest.registry();
        FrameDecoder decoder = new FrameDecoder(registry);
        SplittableRandom random = new SplittableRandom(20261125L);
        TickEvent tick = new TickEvent();
        Map<FrameKind, Integer> kinds = new EnumMap<>(FrameKind.class);
        long[] accepted = new long[registry.size()];
        int escaped = 0;
        byte[][] pool = new byte[2_000][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = valid(random);
        }
        QuoteRecord record = ChainStore.newRecord();
        String firstDamage = null;

        try (ChainStore store = ChainStore.inMemory(64)) {
            for (int i = 0; i < FRAMES; i++) {
                byte[] frame = frame(random, pool);
                FrameKind kind;
                try {
                    kind = decoder.decode(frame, 0L, tick);
                } catch (RuntimeException e) {
                    escaped++;
                    continue;
                }
                kinds.merge(kind, 1, Integer::sum);
                if (kind == FrameKind.TICK) {
                    // a damaged exchange time can make a tick look late, and a pool frame sent again is a copy:
                    // the store skips either whole, uncounted
                    if (store.apply(tick, i) == TickOutcome.APPLIED) {
                        accepted[tick.instrumentId]++;
                    }
                    // judged after every tick: a bad value overwritten by a later good one still counts
                    store.read(tick.instrumentId, record);
                    String damage = damage(record, accepted[tick.instrumentId]);
                    if (damage != null && firstDamage == null) {
                        firstDamage = damage + " after " + new String(frame, StandardCharsets.UTF_8);
                    }
                }
            }

            assertThat(escaped).isZero();
            assertThat(firstDamage).isNull();
            // every kind of outcome was exercised, so the invariants below were tested against real damage
            assertThat(kinds).containsKeys(FrameKind.TICK, FrameKind.MALFORMED, FrameKind.UNKNOWN_SYMBOL,
                    FrameKind.CONTROL);
            assertThat(kinds.get(FrameKind.TICK)).isGreaterThan(FRAMES / 10);
            for (String symbol : SYMBOLS) {
                Instrument instrument = registry.bySymbol(symbol);
                assertThat(store.read(instrument.id(), record)).as(symbol).isTrue();
                assertThat(record.getTicks()).as(symbol).isEqualTo(accepted[instrument.id()]).isPositive();
            }
        }
    }

    /** What is wrong with a record, or null when every value is one an exchange could print. */
    private static String damage(QuoteRecord r, long acceptedTicks) {
        if (r.getTicks() != acceptedTicks) {
            return "tick count " + r.getTicks() + " for " + acceptedTicks + " accepted";
        }
        for (double price : new double[] {r.getLtp(), r.getOpen(), r.getHigh(), r.getLow(), r.getClose(),
                r.getAveragePrice()}) {
            if (!Double.isFinite(price) || price < 0) {
                return "price " + price;
            }
        }
        for (long quantity : new long[] {r.getVolume(), r.getOi(), r.getLastQuantity(), r.getTotalBuyQuantity(),
                r.getTotalSellQuantity()}) {
            if (quantity < 0) {
                return "quantity " + quantity;
            }
        }
        if (r.getBidLevels() < 0 || r.getBidLevels() > TickEvent.DEPTH_LEVELS
                || r.getAskLevels() < 0 || r.getAskLevels() > TickEvent.DEPTH_LEVELS) {
            return "levels " + r.getBidLevels() + "/" + r.getAskLevels();
        }
        for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++) {
            double bid = r.getBidPriceAt(level);
            double ask = r.getAskPriceAt(level);
            if (!Double.isFinite(bid) || bid < 0 || !Double.isFinite(ask) || ask < 0
                    || r.getBidQuantityAt(level) < 0 || r.getAskQuantityAt(level) < 0) {
                return "book level " + level + ": " + bid + " x " + r.getBidQuantityAt(level) + " / " + ask + " x "
                        + r.getAskQuantityAt(level);
            }
        }
        return null;
    }

    private static byte[] frame(SplittableRandom random, byte[][] pool) {
        int shape = random.nextInt(100);
        if (shape < 30) {
            return pool[random.nextInt(pool.length)];
        }
        if (shape < 80) {
            return damaged(pool[random.nextInt(pool.length)], random);
        }
        if (shape < 90) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = NOISE[random.nextInt(NOISE.length)];
            }
            return noise;
        }
        if (shape < 95) {
            byte[] bytes = new byte[random.nextInt(400)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            return bytes;
        }
        String[] control = {"{\"type\":\"auth\",\"status\":\"success\"}", "{\"status\":\"error\",\"code\":\"INVALID_JSON\"}",
                "{\"type\":\"market_data\",\"symbol\":\"NOPE25AUG2611CE\",\"data\":{\"ltp\":1}}"};
        return control[random.nextInt(control.length)].getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] valid(SplittableRandom random) {
        String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
        double ltp = 50 + random.nextInt(100_000) / 20.0;
        StringBuilder depth = new StringBuilder("\"depth\":{\"buy\":[");
        for (int level = 0; level < 5; level++) {
            depth.append(level == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"price\":%.2f,\"quantity\":%d,\"orders\":%d}", ltp - 0.05 * (level + 1), 75 * (level + 1), level + 1));
        }
        depth.append("],\"sell\":[");
        for (int level = 0; level < 5; level++) {
            depth.append(level == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"price\":%.2f,\"quantity\":%d,\"orders\":%d}", ltp + 0.05 * (level + 1), 75 * (level + 2), level + 2));
        }
        depth.append("]}");
        return String.format(Locale.ROOT, "{\"type\":\"market_data\",\"symbol\":\"%s\",\"exchange\":\"NFO\",\"mode\":3,"
                        + "\"data\":{\"symbol\":\"%s\",\"ltp\":%.2f,\"ltt\":1787632200000,\"volume\":%d,\"oi\":%d,"
                        + "\"open\":%.2f,\"high\":%.2f,\"low\":%.2f,\"close\":%.2f,\"last_quantity\":75,%s}}",
                symbol, symbol, ltp, random.nextInt(10_000_000), random.nextInt(5_000_000), ltp, ltp + 5, ltp - 5, ltp,
                depth).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] damaged(byte[] frame, SplittableRandom random) {
        byte[] bytes = frame.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = NOISE[random.nextInt(NOISE.length)];
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at)); // truncated
                case 2 -> {
                    // a digit turned into a minus sign: "ltp":-311.6 must not become a price
                    if (Character.isDigit(bytes[at])) {
                        bytes[at] = '-';
                    }
                }
                default -> bytes[at] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }
}
