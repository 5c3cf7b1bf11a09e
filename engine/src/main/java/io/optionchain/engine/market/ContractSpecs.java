package io.optionchain.engine.market;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The day's contract data, per underlying and expiry, as each chain opened with it: what position checks, exit
 * slicing and pricing, execution estimates, the chain JSON and status read. Until a chain opens, and for an
 * underlying the server told nothing, the underlying's configured fallback answers. Thread-safe; written by the
 * chain opener, read by request and exit threads, never by the ring.
 *
 * <p>An option of an expiry no chain watches takes the nearest watched expiry's data: the exchange revises lot
 * sizes from a given expiry on, so a neighbouring expiry is the best guess the day has.
 */
public final class ContractSpecs {
    private final Map<String, NavigableMap<LocalDate, ContractSpec>> byUnderlying = new ConcurrentHashMap<>();

    /** What the chain of {@code underlying} expiring on {@code expiry} opened with; replaces an earlier reading. */
    public void record(String underlying, LocalDate expiry, ContractSpec spec) {
        byUnderlying.computeIfAbsent(underlying, name -> new ConcurrentSkipListMap<>()).put(expiry, spec);
    }

    /** The data of {@code underlying}'s options expiring on {@code expiry}; see the class comment. */
    public ContractSpec of(Underlying underlying, LocalDate expiry) {
        NavigableMap<LocalDate, ContractSpec> specs = byUnderlying.get(underlying.name());
        if (specs == null || specs.isEmpty()) {
            return ContractSpec.fallback(underlying);
        }
        Map.Entry<LocalDate, ContractSpec> before = specs.floorEntry(expiry);
        Map.Entry<LocalDate, ContractSpec> after = specs.ceilingEntry(expiry);
        if (before == null) {
            return after.getValue();
        }
        if (after == null) {
            return before.getValue();
        }
        long back = ChronoUnit.DAYS.between(before.getKey(), expiry);
        long ahead = ChronoUnit.DAYS.between(expiry, after.getKey());
        return ahead < back ? after.getValue() : before.getValue();
    }

    /** The data of {@code underlying}'s nearest watched expiry: what the underlying trades at today. */
    public ContractSpec of(Underlying underlying) {
        NavigableMap<LocalDate, ContractSpec> specs = byUnderlying.get(underlying.name());
        return specs == null || specs.isEmpty() ? ContractSpec.fallback(underlying) : specs.firstEntry().getValue();
    }

    /** Where the nearest watched expiry's data came from; {@link ContractSource#FALLBACK} before any chain opens. */
    public ContractSource source(String underlying) {
        NavigableMap<LocalDate, ContractSpec> specs = byUnderlying.get(underlying);
        return specs == null || specs.isEmpty() ? ContractSource.FALLBACK : specs.firstEntry().getValue().source();
    }
}
