package io.optionchain.engine.desk;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.PinnedSymbols;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.journal.JournalStorage;
import io.optionchain.engine.market.ContractSpecs;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.pipeline.ChainStateHandler;
import io.optionchain.engine.ports.OrderAccounts;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.state.TickHistory;
import io.optionchain.engine.tick.TickEvent;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The risk part of the engine on the test's own thread: chain state (stage 1) and the risk stage run in
 * ring order on each tick, the exit executor's duty cycle runs when the test says, time is a manual clock.
 * Everything is the product's own code except the broker ({@link InMemoryBroker}) and the clock. With several
 * accounts, each is a broker of its own, as each OpenAlgo server is.
 */
public final class RiskRig implements AutoCloseable {
    /** With NSE's freeze quantities, as the shipped config has them: NIFTY exits above 24 lots go in slices. */
    static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1, 1_800);
    static final Underlying BANKNIFTY = new Underlying("BANKNIFTY", "NSE_INDEX", "NFO", 35, new BigDecimal("100"), 20,
            1, 900);
    static final String CE = "NIFTY25NOV2524500CE";
    static final String PE = "NIFTY25NOV2524500PE";
    static final String CE_OTM = "NIFTY25NOV2524600CE";
    static final String PE_OTM = "NIFTY25NOV2524400PE";
    static final long START = 1_764_043_200_000L; // 25 Nov 2025 09:30 IST

    final Path data;
    final RiskSettings settings;
    public final ManualClock clock;
    final InstrumentRegistry registry;
    final ChainStore store;
    private final boolean ownsStore;
    final PinnedSymbols pins = new PinnedSymbols(instrument -> false);
    public final RecordingAudit audit = new RecordingAudit();
    /** The primary account's broker. */
    public final InMemoryBroker broker;
    /** Every account's broker, by account name, the primary's first. */
    public final Map<String, InMemoryBroker> brokers;
    final OrderAccounts accounts;
    private final ChainStateHandler chainState;
    private final TickEvent tick = new TickEvent();
    private long sequence;
    public RiskDesk desk;
    /** How the next {@link #openDesk} opens the journal's files: the real ones unless a proof fills the disk. */
    JournalStorage storage = JournalStorage.FILES;
    /** The chains' contract data, as the chain opener records it: empty, the configured fallback, until a test does. */
    final ContractSpecs contracts = new ContractSpecs();
    /** The chains that give positions their Greeks from the next {@link #openDesk} on; none unless a test sets them. */
    ChainBook chains;
    /** The configured indices the next {@link #openDesk} reads: a test may change the config between restarts. */
    List<Underlying> underlyings = List.of(NIFTY, BANKNIFTY);

    RiskRig(Path data, RiskSettings settings, InMemoryBroker broker) {
        this(data, settings, broker, new ManualClock(START));
    }

    RiskRig(Path data, RiskSettings settings, InMemoryBroker broker, ManualClock clock) {
        this(data, settings, broker, clock, new InstrumentRegistry(256), ChainStore.inMemory(256), true);
    }

    /**
     * Over a registry and chain state that outlive this rig: a Chronicle Map takes long to build, so seeded
     * runs share one, with a clock that only moves forward across them.
     */
    RiskRig(Path data, RiskSettings settings, InMemoryBroker broker, ManualClock clock, InstrumentRegistry registry,
            ChainStore store, boolean ownsStore) {
        this(data, settings, Map.of(OrderAccounts.PRIMARY, broker), OrderAccounts.PRIMARY, clock, registry, store,
                ownsStore);
    }

    /** Several accounts, one broker each; positions name theirs, or are the {@code primary}'s. */
    RiskRig(Path data, RiskSettings settings, Map<String, InMemoryBroker> brokers, String primary, ManualClock clock,
            InstrumentRegistry registry, ChainStore store, boolean ownsStore) {
        Map<String, InMemoryBroker> ordered = new LinkedHashMap<>();
        ordered.put(primary, brokers.get(primary));
        ordered.putAll(brokers);
        this.brokers = java.util.Collections.unmodifiableMap(ordered);
        Map<String, OrderGateway> gateways = new LinkedHashMap<>(ordered);
        this.accounts = new OrderAccounts(gateways, primary);
        this.registry = registry;
        this.store = store;
        this.ownsStore = ownsStore;
        this.data = data;
        this.settings = settings;
        ordered.values().forEach(b -> b.timedBy(clock::millis).freezing(RiskRig::freezeQuantity));
        this.broker = ordered.get(primary);
        this.clock = clock;
        this.chainState = new ChainStateHandler(store, new TickHistory(256), clock);
        try {
            this.desk = openDesk();
        } catch (RuntimeException e) {
            if (ownsStore) {
                store.close();   // a test of a desk that refuses to open leaves no chain state behind
            }
            throw e;
        }
    }

    /** The exchange's freeze quantity of the symbol's index, which the broker enforces. */
    static long freezeQuantity(String symbol) {
        return symbol.startsWith(BANKNIFTY.name()) ? BANKNIFTY.freezeQuantity()
                : symbol.startsWith(NIFTY.name()) ? NIFTY.freezeQuantity() : 0;
    }

    public static RiskSettings settings() {
        return RiskSettings.defaults();
    }

    /** The default square-off of MIS positions the next {@link #openDesk} gives the desk; none unless set. */
    java.time.LocalTime misSquareOff;

    /** The exchange's calendar the next {@link #openDesk} gives the desk; none unless set (times as given). */
    io.optionchain.engine.hours.TradingCalendar calendar;

    RiskDesk openDesk() {
        return RiskDesk.open(new RiskContext(data, settings, registry, store, pins, underlyings, accounts, audit,
                clock, List.of(), storage).withContracts(contracts).withChains(chains).withMisSquareOff(misSquareOff)
                .withCalendar(calendar == null ? null : () -> calendar));
    }

    /** Closes the desk without letting its executor finish anything and opens a new one on the same journal. */
    public void restart() {
        desk.close();
        desk = openDesk();
    }

    Position open(String strategy, ExitRules rules, PositionSide side, long quantity, double entry, String... symbols) {
        List<LegRequest> legs = java.util.Arrays.stream(symbols)
                .map(symbol -> new LegRequest(symbol, side, quantity, entry)).toList();
        return desk.open(new PositionRequest(strategy, legs, rules, "MIS"));
    }

    int id(String symbol) {
        int id = registry.idOf(symbol);
        if (id < 0) {
            PositionInstruments instruments = new PositionInstruments(registry, List.of(NIFTY, BANKNIFTY), contracts);
            id = instruments.register(instruments.contract(symbol)).id();
        }
        return id;
    }

    private long serverMillis;

    /** A depth tick with one level each side (a 0 is an empty side), LTP between, stamped now. */
    void quote(String symbol, double bid, double ask) {
        quote(symbol, bid, ask, bid > 0 && ask > 0 ? (bid + ask) / 2 : Math.max(bid, ask));
    }

    void quote(String symbol, double bid, double ask, double ltp) {
        TickEvent t = depth(symbol, bid, ask, ltp);
        t.exchangeTimeMillis = clock.millis();
        // a server stamps each frame it sends, so two quotes are never one frame twice, even when the test's clock
        // stands still: stage 1 drops a frame it has already applied (a hot standby's copy), by its server time
        serverMillis = Math.max(clock.millis(), serverMillis + 1);
        t.serverTimeMillis = serverMillis;
        send(t);
    }

    /** A fresh depth tick for {@code symbol}, not yet sent: the test adjusts it first. */
    public TickEvent depth(String symbol, double bid, double ask, double ltp) {
        tick.clear();
        tick.instrumentId = id(symbol);
        tick.mode = 3;
        tick.fields = TickEvent.LTP | TickEvent.DEPTH | TickEvent.VOLUME;
        tick.ltp = ltp;
        if (bid > 0) {
            tick.bidLevels = 5;
            for (int i = 0; i < 5; i++) {
                tick.bidPrice[i] = Math.max(0.05, bid - 0.05 * i);
                tick.bidQuantity[i] = 1_500;
            }
        }
        if (ask > 0) {
            tick.askLevels = 5;
            for (int i = 0; i < 5; i++) {
                tick.askPrice[i] = ask + 0.05 * i;
                tick.askQuantity[i] = 1_500;
            }
        }
        tick.exchangeTimeMillis = clock.millis();
        tick.serverTimeMillis = clock.millis();
        tick.arrivalNanos = System.nanoTime();
        return tick;
    }

    /** Sends a scripted tick at its time. */
    void send(ScriptedTick scripted) {
        tick.clear();
        tick.instrumentId = id(scripted.symbol());
        tick.mode = scripted.depth() ? 3 : 1;
        tick.fields = TickEvent.LTP | (scripted.depth() ? TickEvent.DEPTH : 0);
        tick.ltp = scripted.ltp();
        if (scripted.depth()) {
            tick.bidLevels = scripted.bid() > 0 ? 5 : scripted.zeroPriced() ? 1 : 0;
            tick.askLevels = scripted.ask() > 0 ? 5 : scripted.zeroPriced() ? 1 : 0;
            for (int i = 0; i < 5; i++) {
                tick.bidPrice[i] = scripted.bid() > 0 ? Math.max(0.05, scripted.bid() - 0.05 * i) : 0;
                tick.askPrice[i] = scripted.ask() > 0 ? scripted.ask() + 0.05 * i : 0;
                tick.bidQuantity[i] = tick.askQuantity[i] = 600;
            }
        }
        tick.exchangeTimeMillis = scripted.exchangeMillis();
        tick.serverTimeMillis = scripted.serverMillis();
        tick.arrivalNanos = System.nanoTime();
        send(tick);
    }

    /** An LTP-only tick: no book in it. */
    void trade(String symbol, double ltp) {
        tick.clear();
        tick.instrumentId = id(symbol);
        tick.mode = 1;
        tick.fields = TickEvent.LTP;
        tick.ltp = ltp;
        tick.exchangeTimeMillis = clock.millis();
        tick.arrivalNanos = System.nanoTime();
        send(tick);
    }

    /** Through stage 1 and the risk stage, in ring order, as {@code Pipeline} runs them on one thread. */
    void send(TickEvent event) {
        event.outOfOrder = false;
        event.duplicate = false;
        chainState.onEvent(event, sequence, true);
        desk.handler().onEvent(event, sequence++, true);
    }

    /** One executor cycle. */
    int work() {
        return desk.executor().doWork();
    }

    /** Executor cycles, the clock moving {@code stepMillis} between them, until {@code cycles} have run. */
    void work(int cycles, long stepMillis) {
        for (int i = 0; i < cycles; i++) {
            work();
            clock.advance(stepMillis);
        }
    }

    public Position position(long id) {
        return desk.position(id).orElseThrow();
    }

    double[] touch(String symbol) {
        QuoteRecord record = ChainStore.newRecord();
        if (!store.read(id(symbol), record)) {
            return new double[] {0, 0};
        }
        return new double[] {record.getBidLevels() > 0 ? record.getBidPriceAt(0) : 0,
                record.getAskLevels() > 0 ? record.getAskPriceAt(0) : 0};
    }

    @Override
    public void close() {
        desk.close();
        if (ownsStore) {
            store.close();
        }
    }
}
