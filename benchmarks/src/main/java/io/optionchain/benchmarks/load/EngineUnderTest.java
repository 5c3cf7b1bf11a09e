package io.optionchain.benchmarks.load;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.chain.SymbolBudget;
import io.optionchain.engine.chain.UnderlyingActivity;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.gateway.feed.ConnectionState;
import io.optionchain.gateway.feed.FeedSettings;
import io.optionchain.gateway.feed.FeedStatus;
import io.optionchain.gateway.feed.MarketDataClient;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our side of the load test, wired as the application wires it: the gateway's market-data client over
 * its own loopback WebSocket, the Disruptor pipeline (chain state → window → activity), chain state
 * persisted in a Chronicle Map file, and the planned chains opened in a {@link ChainBook}, each
 * subscribing its band in Depth mode and its index in Quote mode through the symbol budget. Only the
 * ring may differ from the product's, when a trial asks for the one-stage experiment ({@link Topology}).
 */
final class EngineUnderTest implements LoadConsumer {
    /** As {@code config/application.yaml} ships: room for bursts while a stage is busy. */
    static final int RING_SIZE = 16_384;
    /** Registry and chain-state capacity: the plan's instruments with room for band shifts. */
    private static final int CAPACITY = 4_096;
    /** As {@code config/application.yaml} ships: above the plan's 2,002 symbols, so nothing is left out. */
    private static final int SYMBOL_BUDGET = 3_000;

    private final Path dataDirectory;
    private final ChainStore store;
    private final ChainBook book;
    private final Topology.Ring ring;
    private final MarketDataClient client;
    private final int instruments;

    EngineUnderTest(ChainPlan plan, String wsUrl, String apiKey, Setup setup) {
        Clock clock = Clock.systemUTC();
        try {
            dataDirectory = Files.createTempDirectory("optionchain-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InstrumentRegistry registry = new InstrumentRegistry(CAPACITY);
        store = ChainStore.open(dataDirectory, registry, clock);
        book = new ChainBook(registry, ChainPlan.UNDERLYINGS.stream().map(Underlying::name).toList());
        ring = setup.topology().build(store, book, clock, RING_SIZE, setup.waitStrategy().create());
        // Large subscribe messages: 2,000 symbols need 4 requests rather than 20.
        client = new MarketDataClient(wsUrl, apiKey, registry, ring.sink(),
                FeedSettings.defaults().withMaxSymbolsPerMessage(500), clock);
        client.start();
        SymbolBudget budget = new SymbolBudget(client, SYMBOL_BUDGET, book::priority);
        List<Instrument> indices = new ArrayList<>();
        for (ChainPlan.PlannedChain planned : plan.chains()) {
            Underlying underlying = planned.underlying();
            Instrument index = registry.registerIndex(underlying.name(), underlying.indexExchange());
            if (!indices.contains(index)) {
                indices.add(index);
            }
            OptionChain chain = new OptionChain(underlying, planned.expiry(), index, registry, store,
                    planned.spareStrikes());
            book.add(chain);
            chain.open(plan.indexLtp().get(underlying), budget);
        }
        budget.subscribe(indices, FeedMode.QUOTE);
        instruments = plan.options() + indices.size();
    }

    /** Waits until the client is connected and has every planned symbol on its books. */
    void awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        FeedStatus status = client.status();
        while (status.state() != ConnectionState.CONNECTED || status.subscribedSymbols() < instruments) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("feed not subscribed in " + timeout + ": " + status.state() + ", "
                        + status.detail() + ", " + status.subscribedSymbols() + " of " + instruments + " symbols");
            }
            Thread.sleep(20);
            status = client.status();
        }
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public int instruments() {
        return instruments;
    }

    /** Instruments whose state has been written at least once: all of them once the market has gone round. */
    @Override
    public int instrumentsSeen() {
        return store.size();
    }

    @Override
    public long processed() {
        long ticks = 0;
        for (UnderlyingActivity activity : book.activities().values()) {
            ticks += activity.ticks();
        }
        return ticks;
    }

    /** Ticks the ring refused; the feed counts the same refusals, so they are not added twice. */
    @Override
    public long refused() {
        return ring.dropped().getAsLong();
    }

    @Override
    public void resetLatency() {
        ring.latency().reset();
    }

    @Override
    public Histogram latency() {
        return ring.latency().histogram();
    }

    FeedStatus feedStatus() {
        return client.status();
    }

    @Override
    public void close() {
        client.close();
        try {
            ring.closer().close();
        } catch (Exception e) {
            throw new IllegalStateException("ring did not stop", e);
        }
        store.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
