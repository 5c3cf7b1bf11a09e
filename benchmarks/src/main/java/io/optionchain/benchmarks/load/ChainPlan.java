package io.optionchain.benchmarks.load;

import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.StrikeLadder;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.ReferenceData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which chains the load test watches so that exactly {@code options} option contracts are subscribed:
 * one chain per listed (index, expiry), each the ATM ± 20 window plus spare strikes, the spare sized
 * so the bands add up. Both our engine and the naive baseline subscribe what this plan names, so the
 * two are offered the same market.
 *
 * <p>A chain of {@code n} strikes holds 2n options and n is odd, so the chain count must be even for
 * the total to be a round number; the furthest expiry is left out when the count is odd. Wide spares
 * also keep the band still: the index would have to wander 10+ strikes before a window leaves it, so
 * the subscribed set stays the same size for the whole run.
 */
record ChainPlan(Map<Underlying, Double> indexLtp, List<PlannedChain> chains) {
    /** The two indices as {@code config/underlyings.yaml} ships them. */
    static final List<Underlying> UNDERLYINGS = List.of(
            new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 1),
            new Underlying("BANKNIFTY", "NSE_INDEX", "NFO", 35, new BigDecimal("100"), 20, 1));

    /** One chain: its index, expiry and how many strikes beyond the window each side are subscribed. */
    record PlannedChain(Underlying underlying, LocalDate expiry, int spareStrikes) {
        int options() {
            return 2 * (2 * (underlying.strikesEachSide() + spareStrikes) + 1);
        }
    }

    /** Asks the market which expiries are listed and where the indices are, then sizes the bands. */
    static ChainPlan of(ReferenceData market, int options) {
        Map<Underlying, Double> ltp = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
        Map<Underlying, List<LocalDate>> expiries = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
        for (Underlying underlying : UNDERLYINGS) {
            ltp.put(underlying, market.indexLtp(underlying));
            expiries.put(underlying, market.optionExpiries(underlying).stream().sorted().toList());
        }
        return new ChainPlan(ltp, size(expiries, options));
    }

    /**
     * Spreads {@code options} over the expiries, nearest first and indices taking turns, so each chain
     * gets an equal band give or take one strike.
     */
    static List<PlannedChain> size(Map<Underlying, List<LocalDate>> expiries, int options) {
        List<Map.Entry<Underlying, LocalDate>> pairs = new ArrayList<>();
        int longest = expiries.values().stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (Map.Entry<Underlying, List<LocalDate>> listed : expiries.entrySet()) {
                if (i < listed.getValue().size()) {
                    pairs.add(Map.entry(listed.getKey(), listed.getValue().get(i)));
                }
            }
        }
        int chainCount = pairs.size() - pairs.size() % 2;
        if (options % 4 != 0 || chainCount == 0) {
            throw new IllegalArgumentException("options must be a multiple of 4 and an expiry must be listed, got "
                    + options + " options over " + pairs.size() + " expiries");
        }
        int windowOptions = 0;
        for (int i = 0; i < chainCount; i++) {
            windowOptions += 2 * (2 * pairs.get(i).getKey().strikesEachSide() + 1);
        }
        // Each spare strike adds a strike on both sides, both legs: 4 options.
        int spares = (options - windowOptions) / 4;
        if (spares < 0) {
            throw new IllegalArgumentException(options + " options cannot hold " + chainCount
                    + " windows of ATM ± 20; ask for at least " + windowOptions);
        }
        List<PlannedChain> chains = new ArrayList<>(chainCount);
        for (int i = 0; i < chainCount; i++) {
            int spare = spares / chainCount + (i < spares % chainCount ? 1 : 0);
            chains.add(new PlannedChain(pairs.get(i).getKey(), pairs.get(i).getValue(), spare));
        }
        return chains;
    }

    int options() {
        return chains.stream().mapToInt(PlannedChain::options).sum();
    }

    /** Every option symbol of every band around the planned index levels, with its strike and type. */
    List<PlannedOption> optionSymbols() {
        List<PlannedOption> symbols = new ArrayList<>(options());
        for (PlannedChain chain : chains) {
            StrikeLadder ladder = chain.underlying().ladder();
            long atm = ladder.atmIndex(indexLtp.get(chain.underlying()));
            int reach = chain.underlying().strikesEachSide() + chain.spareStrikes();
            for (long k = atm - reach; k <= atm + reach; k++) {
                double strike = ladder.strikeAt(k);
                for (OptionType type : OptionType.values()) {
                    String symbol = OptionSymbol.of(chain.underlying().name(), chain.expiry(), strike, type);
                    symbols.add(new PlannedOption(symbol, chain, strike, type));
                }
            }
        }
        return symbols;
    }

    /** One subscribed contract of the plan. */
    record PlannedOption(String symbol, PlannedChain chain, double strike, OptionType type) {
    }
}
