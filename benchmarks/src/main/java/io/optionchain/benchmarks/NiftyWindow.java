package io.optionchain.benchmarks;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.feed.FeedMode;
import io.optionchain.engine.feed.MarketDataFeed;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.ActivityHandler;
import io.optionchain.engine.pipeline.ChainStateHandler;
import io.optionchain.engine.pipeline.LatencyStats;
import io.optionchain.engine.pipeline.TickEvent;
import io.optionchain.engine.pipeline.WindowHandler;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickHistory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the JMH benchmarks tick: one NIFTY chain opened at 24,500 (ATM ± 20 plus 2 spare strikes, 90
 * options) in memory, and the pipeline's three stages, which a benchmark calls in order on its own thread.
 */
final class NiftyWindow implements AutoCloseable {
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1);

    final InstrumentRegistry registry = new InstrumentRegistry(1_024);
    final Instrument index = registry.registerIndex("NIFTY", "NSE_INDEX");
    /** The window's options in the order the chain subscribed them. */
    final List<Instrument> options = new ArrayList<>();
    private final ChainStore store = ChainStore.inMemory(1_024);
    private final ChainStateHandler chainState;
    private final WindowHandler window;
    private final ActivityHandler activity;

    NiftyWindow() {
        ChainBook book = new ChainBook(registry, List.of("NIFTY"));
        OptionChain chain = new OptionChain(NIFTY, LocalDate.now().plusDays(7), index, registry, store, 2);
        book.add(chain);
        chain.open(24_500, new MarketDataFeed() {
            @Override
            public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
                options.addAll(instruments);
            }

            @Override
            public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
            }
        });
        Clock clock = Clock.systemUTC();
        chainState = new ChainStateHandler(store, new TickHistory(1_024), clock);
        window = new WindowHandler(book);
        activity = new ActivityHandler(book, clock, new LatencyStats());
    }

    /** Stages 1, 2 and 3 on {@code tick}, as the pipeline's handler thread runs them. */
    void handle(TickEvent tick, long sequence) {
        chainState.onEvent(tick, sequence, true);
        window.onEvent(tick, sequence, true);
        activity.onEvent(tick, sequence, true);
    }

    @Override
    public void close() {
        store.close();
    }
}
