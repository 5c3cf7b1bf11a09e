package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.ContractSpecs;
import io.optionchain.engine.market.ExpiryDates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every chain the engine keeps, by underlying and expiry, and the lookups the ring handlers need
 * (index instrument id → its chains; instrument → its underlying's activity) without allocating.
 */
public final class ChainBook {
    private static final OptionChain[] NONE = new OptionChain[0];

    private final InstrumentRegistry registry;
    private final Map<String, List<OptionChain>> chainsByUnderlying = new ConcurrentHashMap<>();
    private final Map<String, UnderlyingActivity> activityByUnderlying = new LinkedHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final PinnedSymbols pins = new PinnedSymbols(this::inAnyBand);
    private final ContractSpecs contracts = new ContractSpecs();
    private volatile OptionChain[][] chainsByIndexId;
    private double interestRate;

    /**
     * @param underlyings every underlying name the book may hold, fixed for the process so the hot
     *                    path's lookups never see a map being resized
     */
    public ChainBook(InstrumentRegistry registry, List<String> underlyings) {
        this.registry = registry;
        this.chainsByIndexId = new OptionChain[registry.capacity()][];
        for (String name : underlyings) {
            activityByUnderlying.put(name, new UnderlyingActivity());
        }
    }

    /** Adds a chain; its index's ticks will reach {@link OptionChain#onIndexPrice}. */
    public synchronized void add(OptionChain chain) {
        String name = chain.underlying().name();
        if (!activityByUnderlying.containsKey(name)) {
            throw new IllegalArgumentException("underlying " + name + " is not configured");
        }
        chain.usePins(pins);
        chain.useInterestRate(interestRate);
        chain.useContracts(contracts);
        List<OptionChain> chains = new ArrayList<>(chainsByUnderlying.getOrDefault(name, List.of()));
        chains.add(chain);
        chains.sort((a, b) -> a.expiry().compareTo(b.expiry()));
        chainsByUnderlying.put(name, List.copyOf(chains));

        OptionChain[][] byIndex = chainsByIndexId.clone();
        int indexId = chain.index().id();
        OptionChain[] current = byIndex[indexId] == null ? NONE : byIndex[indexId];
        OptionChain[] grown = java.util.Arrays.copyOf(current, current.length + 1);
        grown[current.length] = chain;
        byIndex[indexId] = grown;
        chainsByIndexId = byIndex;
        problems.remove(name);
    }

    /**
     * The rate, percent a year as OpenAlgo's {@code interest_rate}, that every chain's IVs and Greeks are priced
     * with from its next snapshot on, chains added later included; 0 until set.
     *
     * @throws IllegalArgumentException for a rate that is not a finite number
     */
    public synchronized void useInterestRate(double percentPerYear) {
        if (!Double.isFinite(percentPerYear)) {
            throw new IllegalArgumentException("interest rate must be a number of percent a year, got "
                    + percentPerYear);
        }
        interestRate = percentPerYear;
        chainsByUnderlying.values().forEach(chains -> chains.forEach(chain -> chain.useInterestRate(percentPerYear)));
    }

    /** Percent a year; see {@link #useInterestRate}. */
    public synchronized double interestRate() {
        return interestRate;
    }

    /** Lot size, tick size and freeze quantity of each chain as it opened; the configured fallback before. */
    public ContractSpecs contracts() {
        return contracts;
    }

    /** Symbols positions hold, kept subscribed whatever the windows do. */
    public PinnedSymbols pins() {
        return pins;
    }

    /**
     * Subscription priority for a symbol budget, lower first: indices and pinned symbols 0, an option
     * 1 + its distance in strikes from its chain's ATM, and symbols of no chain last.
     */
    public int priority(Instrument instrument) {
        if (!instrument.isOption() || pins.isPinned(instrument)) {
            return 0;
        }
        for (OptionChain chain : chains(instrument.underlying())) {
            if (chain.expiry().equals(instrument.expiry())) {
                return 1 + chain.strikesFromAtm(instrument.strike());
            }
        }
        return Integer.MAX_VALUE;
    }

    private boolean inAnyBand(Instrument option) {
        return chains(option.underlying()).stream().anyMatch(chain -> chain.covers(option));
    }

    /** Records why an underlying has no chain (e.g. its expiry list was empty); shown in status. */
    public void reportProblem(String underlying, String problem) {
        problems.put(underlying, problem);
    }

    public void clearProblem(String underlying) {
        problems.remove(underlying);
    }

    /** Why an underlying has no chain, or why one of its chains' subscribed band lags its window; status shows it. */
    public Optional<String> problem(String underlying) {
        String opening = problems.get(underlying);
        if (opening != null) {
            return Optional.of(opening);
        }
        return chains(underlying).stream().filter(chain -> chain.bandProblem() != null)
                .map(chain -> "the " + ExpiryDates.format(chain.expiry()) + " band cannot follow its window: "
                        + chain.bandProblem())
                .findFirst();
    }

    /** The instrument registered under {@code symbol}, or null. */
    public Instrument instrument(CharSequence symbol) {
        return registry.bySymbol(symbol);
    }

    /** Most instruments the registry behind this book will ever hold; sizes per-instrument tables. */
    public int instrumentCapacity() {
        return registry.capacity();
    }

    /** Chains whose index is {@code instrumentId}; an empty array for an option. Allocation-free. */
    public OptionChain[] chainsOfIndex(int instrumentId) {
        OptionChain[] chains = chainsByIndexId[instrumentId];
        return chains == null ? NONE : chains;
    }

    /** Allocation-free: the registry's array lookup, then a fixed map with a cached String hash. */
    public UnderlyingActivity activityOf(int instrumentId) {
        Instrument instrument = registry.byId(instrumentId);
        return instrument == null ? null : activityByUnderlying.get(instrument.underlying());
    }

    public UnderlyingActivity activity(String underlying) {
        return activityByUnderlying.get(underlying);
    }

    /** Configured underlyings, in config order. */
    public List<String> underlyings() {
        return Collections.unmodifiableList(new ArrayList<>(activityByUnderlying.keySet()));
    }

    public boolean isConfigured(String underlying) {
        return activityByUnderlying.containsKey(underlying);
    }

    /** Chains of {@code underlying}, nearest expiry first; empty when none is open yet. */
    public List<OptionChain> chains(String underlying) {
        return chainsByUnderlying.getOrDefault(underlying, List.of());
    }

    public Optional<OptionChain> chain(String underlying, LocalDate expiry) {
        return chains(underlying).stream().filter(c -> c.expiry().equals(expiry)).findFirst();
    }

    /** The nearest-expiry chain of {@code underlying}. */
    public Optional<OptionChain> currentChain(String underlying) {
        return chains(underlying).stream().findFirst();
    }

    public Map<String, UnderlyingActivity> activities() {
        return Collections.unmodifiableMap(activityByUnderlying);
    }
}
