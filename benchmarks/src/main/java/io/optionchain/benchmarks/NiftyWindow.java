package io.optionchain.benchmarks;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.desk.RiskContext;
import io.optionchain.engine.desk.RiskDesk;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.ActivityHandler;
import io.optionchain.engine.pipeline.ChainStateHandler;
import io.optionchain.engine.pipeline.LatencyStats;
import io.optionchain.engine.pipeline.WindowHandler;
import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.ports.BrokerPosition;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.positions.TrailingStop;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickHistory;
import io.optionchain.engine.stops.RiskHandler;
import io.optionchain.engine.tick.TickEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the JMH benchmarks tick: one NIFTY chain opened at 24,500 (ATM ± 20 plus 2 spare strikes, 90
 * options) in memory, and the pipeline's stages, which a benchmark calls in order on its own thread. With
 * positions, the risk stage runs between window and activity and judges every held leg's tick (stops far
 * away, so nothing triggers: the cost every tick pays, not the rare exit).
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
    private final RiskDesk desk;
    private final RiskHandler risk;
    private final Path journal;

    NiftyWindow() {
        this(0);
    }

    /** @param positions long positions opened on the window's first options, one each; 0 runs no risk stage */
    NiftyWindow(int positions) {
        this(positions, false);
    }

    /**
     * @param positions long positions opened on the window's first options, one each; 0 runs no risk stage
     * @param limits    with MTM limits far out of reach on the account and on the positions' strategy (max loss,
     *                  max profit, a lock and trail), judged on every held leg's tick
     */
    NiftyWindow(int positions, boolean limits) {
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
        if (positions == 0) {
            desk = null;
            risk = null;
            journal = null;
            return;
        }
        try {
            journal = Files.createTempDirectory("risk-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        desk = RiskDesk.open(new RiskContext(journal, RiskSettings.defaults().withMaxQuoteAge(Duration.ofSeconds(60)),
                registry, store, book.pins(), List.of(NIFTY), NO_EXITS, null, clock)).start();
        for (int i = 0; i < positions; i++) {
            desk.open(PositionRequest.single("bench", new LegRequest(options.get(i).symbol(), PositionSide.LONG, 75, 100),
                    // a trailing stop far behind: each judged tick moves its watermark, which proves it was judged
                    new ExitRules(1.0, 1_000_000.0, null, TrailingStop.points(10_000))));
        }
        if (limits) {
            desk.setLimits(new RiskLimits(new MtmLimit(1e12, 1e12, null, null, null, null), Map.of("bench",
                    new MtmLimit(1e12, 2e12, 1e12, 1.0, 1e6, 1e5))));
        }
        risk = desk.handler();
    }

    /** The stages on {@code tick} in order, as the pipeline's handler thread runs them. */
    void handle(TickEvent tick, long sequence) {
        chainState.onEvent(tick, sequence, true);
        window.onEvent(tick, sequence, true);
        if (risk != null) {
            risk.onEvent(tick, sequence, true);
        }
        activity.onEvent(tick, sequence, true);
    }

    @Override
    public void close() {
        if (desk != null) {
            if (desk.limitStates().stream().anyMatch(limit -> limit.mtm() == null || limit.fired() != null)) {
                throw new IllegalStateException("an MTM limit was not judged on prices, or fired: "
                        + desk.limitStates());
            }
            if (desk.positions().stream().anyMatch(p -> p.watermark() == null || p.state() != PositionState.OPEN)) {
                throw new IllegalStateException("the risk stage did not judge every held leg, or something triggered: "
                        + desk.positions());
            }
            desk.close();
        }
        store.close();
    }

    /** The benchmark's stops are never reached, so no exit order is ever placed; reaching here is a bug. */
    private static final OrderGateway NO_EXITS = new OrderGateway() {
        @Override
        public String place(ExitOrder order) {
            throw new IllegalStateException("a benchmark position triggered: its stops must be out of reach");
        }

        @Override
        public BrokerOrder status(String orderId, String tag) {
            throw new IllegalStateException("no orders in the benchmark");
        }

        @Override
        public void modify(String orderId, ExitOrder order) {
            throw new IllegalStateException("no orders in the benchmark");
        }

        @Override
        public void cancel(String orderId, String tag) {
            throw new IllegalStateException("no orders in the benchmark");
        }

        @Override
        public List<BrokerOrder> orderBook() {
            return List.of();
        }

        @Override
        public List<BrokerPosition> positionBook() {
            return List.of();
        }
    };
}
