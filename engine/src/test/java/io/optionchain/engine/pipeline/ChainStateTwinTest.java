package io.optionchain.engine.pipeline;

import io.optionchain.engine.desk.ManualClock;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.state.TickHistory;
import io.optionchain.engine.state.TickOutcome;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage 1 against its naive twin on seeded tick streams as two sockets and a wayward broker deliver them: fresh
 * ticks, second copies (at once, after other instruments' ticks, or after newer ticks of their own instrument, up
 * to two more than stage 1 keeps), ticks in the same exchange second with one new value, resends with a later
 * server time, late ticks, ticks without an exchange or a server time, and LTP-only, quote and depth payloads with
 * 0 to 5 levels. Every tick gets the same outcome and mark from both; every 100 ticks, and
 * at the end, every instrument's record and history read the same.
 */
class ChainStateTwinTest {
    private static final int SEEDS = 100;
    private static final int TICKS = 2_000;
    private static final int INSTRUMENTS = 6;
    private static final long START = 1_796_000_000_000L;

    @Test
    void shouldStoreSkipAndRecordExactlyAsTheNaiveTwinOnSeededStreams() {
        Map<TickOutcome, Long> seen = new EnumMap<>(TickOutcome.class);
        long sameSecondApplied = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            // a fake clock (the only fake here): the twin and the stage must read the same time for the same tick
            ManualClock clock = new ManualClock(START);
            NaiveChainState naive = new NaiveChainState();
            try (ChainStore store = ChainStore.inMemory(64)) {
                TickHistory history = new TickHistory(64);
                ChainStateHandler stage = new ChainStateHandler(store, history, clock);
                Stream stream = new Stream(random);
                for (int i = 0; i < TICKS; i++) {
                    clock.advance(random.nextInt(5));
                    TickEvent tick = stream.next();
                    TickEvent ring = new TickEvent();
                    ring.copyFrom(tick);
                    long storedTime = stored(store, tick.instrumentId);
                    TickOutcome expected = naive.apply(tick, clock.millis());
                    stage.onEvent(ring, i, true);

                    TickOutcome actual = ring.duplicate ? TickOutcome.DUPLICATE
                            : ring.outOfOrder ? TickOutcome.OUT_OF_ORDER : TickOutcome.APPLIED;
                    assertThat(actual).as("seed %d tick %d: %s", seed, i, stream.kind).isEqualTo(expected);
                    assertThat(ring.skipped()).isEqualTo(expected != TickOutcome.APPLIED);
                    seen.merge(expected, 1L, Long::sum);
                    if (expected == TickOutcome.APPLIED && tick.exchangeTimeMillis == storedTime) {
                        sameSecondApplied++;
                    }
                    if (i % 100 == 99) {
                        assertSameState(seed, store, history, naive);
                    }
                }
                assertSameState(seed, store, history, naive);
                assertThat(stage.duplicates()).as("seed %d", seed).isEqualTo(naive.duplicates);
                assertThat(stage.outOfOrder()).as("seed %d", seed).isEqualTo(naive.outOfOrder);
            }
        }
        System.out.printf("stage 1 agreed with its twin on %d seeds: %s; %d applied in the stored exchange time%n",
                SEEDS, seen, sameSecondApplied);
        long all = (long) SEEDS * TICKS;
        assertThat(seen.get(TickOutcome.DUPLICATE)).as("the streams hold enough copies to mean something")
                .isGreaterThan(all / 10);
        assertThat(seen.get(TickOutcome.OUT_OF_ORDER)).isGreaterThan(all / 50);
        assertThat(sameSecondApplied).as("ticks of one exchange second with something new").isGreaterThan(all / 10);
    }

    private static long stored(ChainStore store, int instrumentId) {
        QuoteRecord record = ChainStore.newRecord();
        return store.read(instrumentId, record) ? record.getExchangeTimeMillis() : 0;
    }

    private static void assertSameState(int seed, ChainStore store, TickHistory history, NaiveChainState naive) {
        QuoteRecord record = ChainStore.newRecord();
        for (int id = 0; id < INSTRUMENTS; id++) {
            NaiveChainState.Quote quote = naive.quote(id);
            if (quote == null || quote.ticks == 0) {
                assertThat(history.latest(id, TickHistory.DEPTH)).isEmpty();
                continue;
            }
            assertThat(store.read(id, record)).isTrue();
            assertThat(fields(record)).as("seed %d instrument %d", seed, id).isEqualTo(fields(quote));
            List<List<Object>> hot = new ArrayList<>();
            for (TickHistory.TickEntry e : history.latest(id, TickHistory.DEPTH)) {
                hot.add(0, List.of(e.timeMillis(), e.ltp(), e.bid(), e.ask(), e.bidQty(), e.askQty(), e.volume(),
                        e.oi()));
            }
            List<List<Object>> plain = quote.history.subList(Math.max(0, quote.history.size() - TickHistory.DEPTH),
                    quote.history.size());
            assertThat(hot).as("seed %d instrument %d history", seed, id).isEqualTo(plain);
        }
    }

    /** The record as the twin names it: every field, levels up to the counts held. */
    private static Map<String, Object> fields(QuoteRecord r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("ltp", r.getLtp());
        f.put("open", r.getOpen());
        f.put("high", r.getHigh());
        f.put("low", r.getLow());
        f.put("close", r.getClose());
        f.put("volume", r.getVolume());
        f.put("oi", r.getOi());
        f.put("last_quantity", r.getLastQuantity());
        f.put("average_price", r.getAveragePrice());
        f.put("total_buy", r.getTotalBuyQuantity());
        f.put("total_sell", r.getTotalSellQuantity());
        f.put("bid.levels", r.getBidLevels());
        f.put("ask.levels", r.getAskLevels());
        for (int i = 0; i < r.getBidLevels(); i++) {
            f.put("bid." + i, List.of(r.getBidPriceAt(i), r.getBidQuantityAt(i), r.getBidOrdersAt(i)));
        }
        for (int i = 0; i < r.getAskLevels(); i++) {
            f.put("ask." + i, List.of(r.getAskPriceAt(i), r.getAskQuantityAt(i), r.getAskOrdersAt(i)));
        }
        f.put("exchange_time", r.getExchangeTimeMillis());
        f.put("ticks", r.getTicks());
        f.put("updated", r.getUpdatedMillis());
        return f;
    }

    private static Map<String, Object> fields(NaiveChainState.Quote q) {
        Map<String, Object> v = q.values;
        Map<String, Object> f = new LinkedHashMap<>();
        for (String key : List.of("ltp", "open", "high", "low", "close")) {
            f.put(key, v.getOrDefault(key, 0.0));
        }
        f.put("volume", v.getOrDefault("volume", 0L));
        f.put("oi", v.getOrDefault("oi", 0L));
        f.put("last_quantity", v.getOrDefault("last_quantity", 0L));
        f.put("average_price", v.getOrDefault("average_price", 0.0));
        f.put("total_buy", v.getOrDefault("total_buy", 0L));
        f.put("total_sell", v.getOrDefault("total_sell", 0L));
        int bids = (int) v.getOrDefault("bid.levels", 0);
        int asks = (int) v.getOrDefault("ask.levels", 0);
        f.put("bid.levels", bids);
        f.put("ask.levels", asks);
        for (int i = 0; i < bids; i++) {
            f.put("bid." + i, List.of(v.get("bid." + i + ".price"), v.get("bid." + i + ".quantity"),
                    v.get("bid." + i + ".orders")));
        }
        for (int i = 0; i < asks; i++) {
            f.put("ask." + i, List.of(v.get("ask." + i + ".price"), v.get("ask." + i + ".quantity"),
                    v.get("ask." + i + ".orders")));
        }
        f.put("exchange_time", q.exchangeTime);
        f.put("ticks", q.ticks);
        f.put("updated", q.updated);
        return f;
    }

    /**
     * A seeded feed over a few instruments whose exchange times move in whole seconds, as brokers that stamp
     * {@code ltt} in seconds send them, so many ticks share one; the last few ticks sent are kept for copies.
     */
    private static final class Stream {
        private final Random random;
        private final long[] exchange = new long[INSTRUMENTS];
        private final long[] server = new long[INSTRUMENTS];
        private final List<TickEvent> recent = new ArrayList<>();
        /** Each instrument's last few ticks, some more than stage 1 keeps. */
        private final List<List<TickEvent>> byInstrument = new ArrayList<>();
        private int lastInstrument;
        String kind;

        Stream(Random random) {
            this.random = random;
            for (int i = 0; i < INSTRUMENTS; i++) {
                exchange[i] = START;
                server[i] = START;
                byInstrument.add(new ArrayList<>());
            }
        }

        TickEvent next() {
            double roll = random.nextDouble();
            TickEvent tick = new TickEvent();
            if (!recent.isEmpty() && roll < 0.20) {
                kind = "second copy";
                tick.copyFrom(recent.get(recent.size() - 1 - random.nextInt(Math.min(3, recent.size()))));
            } else if (roll < 0.30 && !byInstrument.get(lastInstrument).isEmpty()) {
                kind = "copy after newer ticks of its instrument";
                List<TickEvent> own = byInstrument.get(lastInstrument);
                tick.copyFrom(own.get(own.size() - 1 - random.nextInt(own.size())));
            } else if (!recent.isEmpty() && roll < 0.38) {
                kind = "same second, one value new";
                tick.copyFrom(recent.get(recent.size() - 1));
                nudge(tick);
            } else if (!recent.isEmpty() && roll < 0.43) {
                kind = "resent later";
                tick.copyFrom(recent.get(recent.size() - 1));
                tick.serverTimeMillis += 1 + random.nextInt(1_000);
            } else if (roll < 0.50) {
                kind = "late";
                fresh(tick);
                tick.exchangeTimeMillis -= 1_000 * (1 + random.nextInt(3));
            } else if (roll < 0.53) {
                kind = "no exchange time";
                fresh(tick);
                tick.exchangeTimeMillis = 0;
            } else {
                kind = "fresh";
                fresh(tick);
            }
            recent.add(tick);
            if (recent.size() > 8) {
                recent.remove(0);
            }
            List<TickEvent> own = byInstrument.get(tick.instrumentId);
            own.add(tick);
            if (own.size() > NaiveChainState.KEPT + 2) {
                own.remove(0);
            }
            lastInstrument = tick.instrumentId;
            return tick;
        }

        private void fresh(TickEvent tick) {
            int id = random.nextInt(INSTRUMENTS);
            if (random.nextInt(3) == 0) {
                exchange[id] += 1_000;
            }
            server[id] += 1 + random.nextInt(400);
            tick.instrumentId = id;
            tick.exchangeTimeMillis = exchange[id];
            // a feed that sends no server time now and then: such a tick is judged by the stored quote alone
            tick.serverTimeMillis = random.nextInt(10) == 0 ? 0 : server[id];
            tick.ltp = price(100);
            tick.fields = TickEvent.LTP;
            int payload = random.nextInt(3);
            if (payload >= 1) {
                tick.fields |= TickEvent.OHLC | TickEvent.VOLUME | TickEvent.LAST_QUANTITY | TickEvent.AVERAGE_PRICE
                        | TickEvent.TOTALS | (random.nextBoolean() ? TickEvent.OI : 0);
                tick.open = price(98);
                tick.high = price(105);
                tick.low = price(95);
                tick.close = price(99);
                tick.volume = 75L * random.nextInt(4);
                tick.oi = 75L * random.nextInt(4);
                tick.lastQuantity = 75L * random.nextInt(3);
                tick.averagePrice = price(100);
                tick.totalBuyQuantity = 75L * random.nextInt(3);
                tick.totalSellQuantity = 75L * random.nextInt(3);
            }
            if (payload == 2) {
                tick.fields |= TickEvent.DEPTH;
                tick.bidLevels = random.nextInt(TickEvent.DEPTH_LEVELS + 1);
                tick.askLevels = random.nextInt(TickEvent.DEPTH_LEVELS + 1);
                for (int i = 0; i < TickEvent.DEPTH_LEVELS; i++) {
                    tick.bidPrice[i] = price(99 - i);
                    tick.askPrice[i] = price(101 + i);
                    tick.bidQuantity[i] = 75L * (1 + random.nextInt(2));
                    tick.askQuantity[i] = 75L * (1 + random.nextInt(2));
                    tick.bidOrders[i] = 1 + random.nextInt(2);
                    tick.askOrders[i] = 1 + random.nextInt(2);
                }
            }
        }

        /** One value the tick carries moves a little; exchange and server time stay. */
        private void nudge(TickEvent tick) {
            int choice = random.nextInt(6);
            if (choice == 0 || !tick.has(TickEvent.OHLC)) {
                tick.ltp += 0.05;
            } else if (choice == 1) {
                tick.volume += 75;
            } else if (choice == 2) {
                tick.high += 0.05;
            } else if (choice == 3) {
                tick.totalSellQuantity += 75;
            } else if (tick.has(TickEvent.DEPTH) && tick.askLevels > 0) {
                int level = random.nextInt(tick.askLevels);
                if (choice == 4) {
                    tick.askQuantity[level] += 75;
                } else {
                    tick.askOrders[level] += 1;
                }
            } else {
                tick.averagePrice += 0.05;
            }
        }

        /** A price on the 0.05 grid near {@code around}, few enough values that equal prices recur. */
        private double price(double around) {
            return Math.round((around + 0.05 * (random.nextInt(5) - 2)) * 100) / 100.0;
        }
    }
}
