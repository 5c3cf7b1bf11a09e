package io.optionchain.simulator.market;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The whole simulated market: one {@link IndexState} per index and an {@link OptionState} per option,
 * created the first time the option is quoted or subscribed. Decides which symbols are listed. Given the
 * same seed, clock and sequence of ticks it produces the same prices, whichever threads call it.
 */
public final class MarketModel {
    /** Strikes are listed within this fraction of the index level, either side. */
    static final double STRIKE_RANGE = 0.30;

    private final long seed;
    private final Clock clock;
    private final Map<SimulatedIndex, IndexState> indices = new EnumMap<>(SimulatedIndex.class);
    private final Map<SimulatedSymbol, OptionState> options = new ConcurrentHashMap<>();
    private final MasterContract masterContract = new MasterContract();
    /** Told of every tick, from whichever thread made it; set once while wiring. */
    private volatile TickListener listener = tick -> { };
    /** The factor each option's book is quoted at, 1 but for a gap a test asked for; set once while wiring. */
    private volatile ToDoubleFunction<SimulatedSymbol> bookFactors = symbol -> 1;

    /** Sees each new state of an instrument as it is made; must not keep the snapshot, which is reused. */
    public interface TickListener {
        void onTick(MarketSnapshot tick);
    }

    public MarketModel(long seed, Clock clock) {
        this.seed = seed;
        this.clock = clock;
        for (SimulatedIndex index : SimulatedIndex.values()) {
            indices.put(index, new IndexState(index, streamSeed(index.name())));
        }
    }

    public void listen(TickListener tickListener) {
        listener = tickListener;
    }

    /**
     * Where each option's book is quoted relative to its fair value: a factor other than 1 quotes it that far away
     * and stops its trades, so its last trade stays put (the market faults' book gap).
     */
    public void quoteBooksBy(ToDoubleFunction<SimulatedSymbol> factors) {
        bookFactors = factors;
    }

    /** Lot size, tick size and freeze quantity of each index's options, as served and enforced now. */
    public MasterContract masterContract() {
        return masterContract;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The symbol if it is listed now; empty for anything OpenAlgo's master contract would not hold. */
    public Optional<SimulatedSymbol> resolve(String symbol, String exchange) {
        return SimulatedSymbol.parse(symbol, exchange).filter(this::isListed);
    }

    boolean isListed(SimulatedSymbol symbol) {
        if (symbol.isIndex()) {
            return true;
        }
        SimulatedIndex index = symbol.index();
        double spot = indices.get(index).level();
        return symbol.strike() % index.strikeStep == 0
                && Math.abs(symbol.strike() / spot - 1.0) <= STRIKE_RANGE
                && optionExpiries(index).contains(symbol.expiry());
    }

    public List<LocalDate> optionExpiries(SimulatedIndex index) {
        return Expiries.options(index, now());
    }

    public List<LocalDate> futureExpiries() {
        return Expiries.futures(now());
    }

    public double indexLevel(SimulatedIndex index) {
        return indices.get(index).level();
    }

    /** Advances the instrument one tick and copies its new state into {@code out}. */
    public void tick(SimulatedSymbol symbol, MarketSnapshot out) {
        Instant now = now();
        IndexState index = indices.get(symbol.index());
        if (symbol.isIndex()) {
            index.tick(now.toEpochMilli(), out);
        } else {
            option(symbol, now).tick(index.level(), now, out, bookFactors.applyAsDouble(symbol));
        }
        // After the state's lock is released, so a listener may read other instruments without deadlock.
        listener.onTick(out);
    }

    /** The instrument as of its last tick, without moving it: the book an order placed now meets. */
    public void current(SimulatedSymbol symbol, MarketSnapshot out) {
        Instant now = now();
        if (symbol.isIndex()) {
            indices.get(symbol.index()).copyTo(now.toEpochMilli(), out);
        } else {
            option(symbol, now).read(now, out);
        }
    }

    /**
     * The instrument as a REST client sees it now. An index is read, not stepped, so polling it does not
     * speed up the market; an option is re-priced off the current index level, which is one tick.
     */
    public void quote(SimulatedSymbol symbol, MarketSnapshot out) {
        if (symbol.isIndex()) {
            indices.get(symbol.index()).copyTo(now().toEpochMilli(), out);
        } else {
            tick(symbol, out);
        }
    }

    private OptionState option(SimulatedSymbol symbol, Instant now) {
        IndexState index = indices.get(symbol.index());
        return options.computeIfAbsent(symbol,
                s -> new OptionState(s, streamSeed(s.symbol()), index.level(), index.prevCloseLevel(), now));
    }

    /** Each instrument draws from its own stream, derived from the run's seed and the instrument's name. */
    private long streamSeed(String name) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
