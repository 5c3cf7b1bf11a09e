package io.optionchain.engine.pipeline;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest {
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1);

    /** The engine's feed port, ignoring requests: this test drives ticks in by hand. */
    private static final MarketDataFeed NO_FEED = new MarketDataFeed() {
        @Override
        public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        }
    };

    @ParameterizedTest
    @EnumSource(StageThreads.class)
    void shouldCarryTicksThroughChainStateWindowAndActivityInOrder(StageThreads stageThreads) throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(256);
        try (ChainStore store = ChainStore.inMemory(256)) {
            ChainBook book = new ChainBook(registry, List.of("NIFTY"));
            Instrument index = registry.registerIndex("NIFTY", "NSE_INDEX");
            OptionChain chain = new OptionChain(NIFTY, LocalDate.of(2025, 11, 25), index, registry, store, 2);
            chain.open(24_500, NO_FEED);
            book.add(chain);
            int option = registry.idOf("NIFTY25NOV2524500CE");

            try (Pipeline pipeline = new Pipeline(store, book, Pipeline.NO_STOPS, Clock.systemUTC(),
                    RingSettings.blocking(1_024).withStageThreads(stageThreads))) {
                TickEvent tick = new TickEvent();
                for (int i = 0; i < 500; i++) {
                    tick.clear();
                    tick.instrumentId = i % 2 == 0 ? index.id() : option;
                    tick.fields = TickEvent.LTP;
                    tick.ltp = i % 2 == 0 ? 24_500 + i : 100 + i;
                    tick.arrivalNanos = System.nanoTime();
                    while (!pipeline.offer(tick)) {
                        Thread.onSpinWait();
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (book.activity("NIFTY").ticks() < 500 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(book.activity("NIFTY").ticks()).isEqualTo(500);
                assertThat(pipeline.latency().summary().count()).isEqualTo(500);
                assertThat(pipeline.handlerErrors()).isZero();
                // index at 24,998 puts ATM at 25,000: the window handler moved it
                assertThat(chain.atmStrike()).isEqualTo(25_000);
                QuoteRecord record = ChainStore.newRecord();
                assertThat(store.read(option, record)).isTrue();
                assertThat(record.getLtp()).isEqualTo(599);
                assertThat(record.getTicks()).isEqualTo(250);
            }
        }
    }

    @Test
    void shouldApplyEachTickOnceWhenBothSocketsOfAHotStandbyPairDeliverIt() throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(256);
        try (ChainStore store = ChainStore.inMemory(256)) {
            ChainBook book = new ChainBook(registry, List.of("NIFTY"));
            Instrument index = registry.registerIndex("NIFTY", "NSE_INDEX");
            OptionChain chain = new OptionChain(NIFTY, LocalDate.of(2025, 11, 25), index, registry, store, 2);
            chain.open(24_500, NO_FEED);
            book.add(chain);
            int option = registry.idOf("NIFTY25NOV2524500CE");

            try (Pipeline pipeline = new Pipeline(store, book, Pipeline.NO_STOPS, Clock.systemUTC(),
                    RingSettings.blocking(1_024))) {
                TickEvent tick = new TickEvent();
                for (int i = 0; i < 200; i++) {
                    tick.clear();
                    tick.instrumentId = i % 2 == 0 ? index.id() : option;
                    tick.fields = TickEvent.LTP;
                    tick.ltp = i % 2 == 0 ? 24_500 + i : 100 + i;
                    // whole seconds, as some brokers stamp ltt: each pair of ticks of an instrument shares one
                    tick.exchangeTimeMillis = 1_796_000_000_000L + 1_000L * (i / 4);
                    tick.serverTimeMillis = 1_796_000_000_000L + i;
                    for (int copy = 0; copy < 2; copy++) {
                        tick.arrivalNanos = System.nanoTime();
                        while (!pipeline.offer(tick)) {
                            Thread.onSpinWait();
                        }
                    }
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (pipeline.latency().summary().count() < 400 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(pipeline.latency().summary().count()).as("every frame went down the ring").isEqualTo(400);
                assertThat(pipeline.duplicates()).as("every second copy dropped").isEqualTo(200);
                assertThat(pipeline.outOfOrder()).isZero();
                assertThat(book.activity("NIFTY").ticks()).as("ticks counted once").isEqualTo(200);
                QuoteRecord record = ChainStore.newRecord();
                assertThat(store.read(option, record)).isTrue();
                assertThat(record.getTicks()).as("applied once").isEqualTo(100);
                assertThat(record.getLtp()).isEqualTo(299);
                assertThat(pipeline.history().latest(option, 200)).hasSize(100);
            }
        }
    }

    @Test
    void shouldReportAFullRingAsBackPressureAndCountTheDrop() throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(256);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a feed port that stalls the window handler on its first subscription shift, holding the ring
        MarketDataFeed stallingFeed = new MarketDataFeed() {
            private boolean opened;

            @Override
            public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
                if (opened) {
                    stalled.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                opened = true;
            }

            @Override
            public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
            }
        };
        try (ChainStore store = ChainStore.inMemory(256)) {
            ChainBook book = new ChainBook(registry, List.of("NIFTY"));
            Instrument index = registry.registerIndex("NIFTY", "NSE_INDEX");
            OptionChain chain = new OptionChain(NIFTY, LocalDate.of(2025, 11, 25), index, registry, store, 2);
            chain.open(24_500, stallingFeed);
            book.add(chain);
            try (Pipeline pipeline = new Pipeline(store, book, Pipeline.NO_STOPS, Clock.systemUTC(), RingSettings.blocking(4))) {
                TickEvent tick = new TickEvent();
                tick.instrumentId = index.id();
                tick.fields = TickEvent.LTP;
                tick.ltp = 26_000;
                assertThat(pipeline.offer(tick)).isTrue();
                assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

                int accepted = 0;
                int refused = 0;
                for (int i = 0; i < 100; i++) {
                    if (pipeline.offer(tick)) {
                        accepted++;
                    } else {
                        refused++;
                    }
                }
                assertThat(accepted).isLessThanOrEqualTo(4);
                assertThat(refused).isGreaterThanOrEqualTo(96);
                assertThat(pipeline.dropped()).isEqualTo(refused);

                release.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (book.activity("NIFTY").ticks() < 1 + accepted && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(book.activity("NIFTY").ticks()).isEqualTo(1 + accepted);
            }
        }
    }
}
