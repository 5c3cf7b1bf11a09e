package io.optionchain.engine.entries;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.StrikeLadder;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plans an entry from the live chains: each leg's strike resolved from its tag against the chain's ATM at the
 * moment of the request, its book read from chain state, and priced by {@link EntryPricer} with its chain's contract
 * data and its underlying's price band. Placing, following and journalling entries are not built yet: a plan is
 * only shown (a dry run). Thread-safe; request threads call it, never the ring.
 */
public final class EntryPlanner {
    private final ChainBook book;
    private final ChainStore store;
    private final Map<String, Underlying> underlyings;
    private final EntryPricer pricer;
    private final AtomicLong groups = new AtomicLong();

    public EntryPlanner(ChainBook book, ChainStore store, List<Underlying> underlyings, EntryPricer pricer) {
        this.book = book;
        this.store = store;
        this.underlyings = underlyings.stream().collect(Collectors.toMap(Underlying::name, Function.identity()));
        this.pricer = pricer;
    }

    /**
     * @param buffer       rupees beyond the touch for every leg
     * @param allowPartial plan a leg whose visible depth does not fill it
     * @throws EntryRefused naming the leg's field that cannot be resolved or priced
     */
    public EntryPlan plan(String strategy, String product, List<EntryLeg> legs, double buffer, boolean allowPartial) {
        List<PlannedLeg> planned = new ArrayList<>(legs.size());
        for (int i = 0; i < legs.size(); i++) {
            EntryLeg leg = legs.get(i);
            String at = "legs[" + i + "]";
            Instrument option = leg.symbol() != null ? bySymbol(at, leg.symbol()) : byTag(at, leg);
            Underlying underlying = underlyings.get(option.underlying());
            if (underlying == null) {
                throw new EntryRefused(at + ".symbol", option.symbol() + " is not of a configured underlying");
            }
            QuoteRecord record = ChainStore.newRecord();
            if (!store.read(option.id(), record)) {
                throw new EntryRefused(at + (leg.symbol() != null ? ".symbol" : ".tag"),
                        option.symbol() + " has no quote yet");
            }
            ContractSpec contract = book.contracts().of(underlying, option.expiry());
            try {
                planned.add(pricer.plan(option.symbol(), leg.action(), leg.lots(), DepthBook.of(record), contract,
                        underlying.priceBand(), buffer, allowPartial));
            } catch (EntryRefused e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new EntryRefused(at, e.getMessage());
            }
        }
        return new EntryPlan("G" + groups.incrementAndGet(), strategy, product, planned);
    }

    private Instrument bySymbol(String at, String symbol) {
        Instrument instrument = book.instrument(symbol.trim().toUpperCase(Locale.ROOT));
        if (instrument == null || !instrument.isOption()) {
            throw new EntryRefused(at + ".symbol", "unknown option '" + symbol
                    + "'; only options of the monitored chains have a book");
        }
        return instrument;
    }

    private Instrument byTag(String at, EntryLeg leg) {
        if (leg.underlying() == null || book.chains(leg.underlying()).isEmpty()) {
            throw new EntryRefused(at + ".underlying", "no chain of '" + leg.underlying() + "' is monitored; give one of "
                    + book.underlyings());
        }
        if (leg.type() == null) {
            throw new EntryRefused(at + ".type", "must be CE or PE");
        }
        OptionChain chain = chain(at + ".expiry", leg.underlying(), leg.expiry());
        int offset;
        try {
            offset = StrikeTag.offset(leg.tag(), leg.type());
        } catch (IllegalArgumentException e) {
            throw new EntryRefused(at + ".tag", e.getMessage());
        }
        StrikeLadder ladder = chain.underlying().ladder();
        if (Math.abs(offset) > ladder.strikesEachSide()) {
            throw new EntryRefused(at + ".tag", leg.tag() + " is outside the monitored window of "
                    + ladder.strikesEachSide() + " strikes each side of ATM");
        }
        double strike = ladder.strikeAt(ladder.gridIndexOf(chain.atmStrike()) + offset);
        String symbol = OptionSymbol.of(chain.underlying().name(), chain.expiry(), strike, leg.type());
        Instrument instrument = book.instrument(symbol);
        if (instrument == null) {
            throw new EntryRefused(at + ".tag", symbol + " is not subscribed yet");
        }
        return instrument;
    }

    private OptionChain chain(String field, String underlying, String expiry) {
        List<OptionChain> chains = book.chains(underlying);
        String text = expiry == null ? "" : expiry.trim();
        if (text.equalsIgnoreCase("current")) {
            return chains.get(0);
        }
        if (text.equalsIgnoreCase("next")) {
            if (chains.size() < 2) {
                throw new EntryRefused(field, "'next' needs a second monitored expiry; " + underlying
                        + " monitors only " + ExpiryDates.format(chains.get(0).expiry()));
            }
            return chains.get(1);
        }
        LocalDate date;
        try {
            date = ExpiryDates.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EntryRefused(field, "must be current, next or a date like 29-DEC-26, got '" + expiry + "'");
        }
        return chains.stream().filter(chain -> chain.expiry().equals(date)).findFirst()
                .orElseThrow(() -> new EntryRefused(field, ExpiryDates.format(date) + " is not a monitored expiry of "
                        + underlying + "; monitored: " + chains.stream().map(c -> ExpiryDates.format(c.expiry()))
                        .toList()));
    }
}
