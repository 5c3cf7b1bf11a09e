package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.ports.ReferenceData;
import io.optionchain.engine.state.ChainStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens the chains of every configured underlying: finds the index price and the nearest unexpired
 * expiries over REST, reads each expiry's contract data (lot size, tick size, freeze quantity) into the book's
 * {@link io.optionchain.engine.market.ContractSpecs}, centres each window on ATM and subscribes the index (Quote)
 * and the options (Depth). One underlying failing (no expiries, REST error) is reported and does not stop the others,
 * and {@link #openUntilAllOpen} keeps trying it: a REST outage at start-up must not leave a chain unopened
 * for the rest of the day.
 */
public final class ChainMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ChainMonitor.class);

    private final List<Underlying> underlyings;
    private final InstrumentRegistry registry;
    private final ChainStore store;
    private final ChainBook book;
    private final Clock clock;
    private final int spareStrikes;

    public ChainMonitor(List<Underlying> underlyings, InstrumentRegistry registry, ChainStore store, ChainBook book,
                        Clock clock, int spareStrikes) {
        this.underlyings = List.copyOf(underlyings);
        this.registry = registry;
        this.store = store;
        this.book = book;
        this.clock = clock;
        this.spareStrikes = spareStrikes;
    }

    /** Opens every underlying's chains once. Blocks on REST; call from a start-up thread. */
    public void openAll(ReferenceData reference, MarketDataFeed feed) {
        book.pins().attach(feed);
        openEach(underlyings, reference, feed);
    }

    /**
     * Opens every underlying, then retries those that failed, waiting {@code firstRetry} doubling up to
     * {@code maxRetry} between rounds, until all are open or the thread is interrupted.
     *
     * @return true when every underlying is open; false when interrupted first
     */
    public boolean openUntilAllOpen(ReferenceData reference, MarketDataFeed feed, Duration firstRetry,
                                    Duration maxRetry) {
        book.pins().attach(feed);
        List<Underlying> pending = openEach(underlyings, reference, feed);
        long delay = firstRetry.toMillis();
        while (!pending.isEmpty()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            LOG.info("retrying {} underlyings whose chains did not open", pending.size());
            pending = openEach(pending, reference, feed);
            delay = Math.min(maxRetry.toMillis(), delay * 2);
        }
        return true;
    }

    /** @return the underlyings that did not open */
    private List<Underlying> openEach(List<Underlying> which, ReferenceData reference, MarketDataFeed feed) {
        List<Underlying> failed = new ArrayList<>();
        for (Underlying underlying : which) {
            try {
                if (!open(underlying, reference, feed)) {
                    failed.add(underlying);
                }
            } catch (RuntimeException e) {
                String problem = "could not open chains: " + e.getMessage();
                book.reportProblem(underlying.name(), problem);
                LOG.warn("{}: {}", underlying.name(), problem);
                failed.add(underlying);
            }
        }
        return failed;
    }

    private boolean open(Underlying underlying, ReferenceData reference, MarketDataFeed feed) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ExpiryDates.EXCHANGE_ZONE);
        List<LocalDate> expiries = ExpiryDates.nearestUnexpired(reference.optionExpiries(underlying), now,
                underlying.expiries());
        if (expiries.isEmpty()) {
            book.reportProblem(underlying.name(), "no unexpired option expiry listed");
            LOG.warn("{}: no unexpired option expiry listed; chain not opened", underlying.name());
            return false;
        }
        double ltp = reference.indexLtp(underlying);
        if (!(ltp > 0)) {
            throw new IllegalStateException("index LTP is " + ltp);
        }
        Instrument index = registry.registerIndex(underlying.name(), underlying.indexExchange());
        for (LocalDate expiry : expiries) {
            // before the chain is in the book: nothing reads its lot size until it holds the day's
            book.contracts().record(underlying.name(), expiry, contract(underlying, expiry, ltp, reference));
            OptionChain chain = new OptionChain(underlying, expiry, index, registry, store, spareStrikes);
            book.add(chain); // first, so a symbol budget can rank the chain's strikes as they are asked for
            chain.open(ltp, feed);
            LOG.info("{} {}: ATM {} from index {}, {} options subscribed", underlying.name(),
                    ExpiryDates.format(expiry), chain.atmStrike(), ltp, chain.subscribedOptions());
        }
        feed.subscribe(List.of(index), FeedMode.QUOTE);
        book.clearProblem(underlying.name());
        return true;
    }

    /**
     * The expiry's contract data, asked of the server for its ATM call; the configured fallback when the server
     * cannot be asked. Either way the chain opens: a lot size from config is better than no chain.
     */
    private static ContractSpec contract(Underlying underlying, LocalDate expiry, double ltp,
                                         ReferenceData reference) {
        String symbol = OptionSymbol.of(underlying.name(), expiry, underlying.ladder().atmStrike(ltp), OptionType.CE);
        ContractSpec contract;
        try {
            contract = reference.contract(underlying, symbol);
        } catch (RuntimeException e) {
            LOG.warn("{} {}: contract data not read ({}); lot size, tick size and freeze quantity from config",
                    underlying.name(), ExpiryDates.format(expiry), e.getMessage());
            return ContractSpec.fallback(underlying);
        }
        LOG.info("{} {}: lot size {}, tick size {}, freeze quantity {} ({})", underlying.name(),
                ExpiryDates.format(expiry), contract.lotSize(), contract.tickSize(), contract.freezeQuantity(),
                contract.source().name().toLowerCase(Locale.ROOT));
        return contract;
    }
}
