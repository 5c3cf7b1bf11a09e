package io.optionchain.engine.chain;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.ContractSpecs;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.StrikeLadder;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.engine.state.SessionOi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The live chain of one underlying and one expiry: where ATM is, which strikes are subscribed, and
 * how to read the window out of chain state.
 *
 * <p>ATM moves the moment an index tick crosses a half-step ({@link #onIndexPrice}), so tags are
 * always current. Subscriptions move with hysteresis: the subscribed band is the window plus
 * {@code spareStrikes} each side, and it is re-centred only when the window leaves it, so an index
 * flapping across one strike boundary causes no subscribe/unsubscribe churn.
 *
 * <p>Threads: {@link #open} runs once before ticks flow; {@link #onIndexPrice} runs on the ring's
 * window handler only; {@link #snapshot} and the getters run on any reader thread.
 */
public final class OptionChain {
    private static final Logger LOG = LoggerFactory.getLogger(OptionChain.class);

    private final Underlying underlying;
    private final LocalDate expiry;
    private final StrikeLadder ladder;
    private final InstrumentRegistry registry;
    private final ChainStore store;
    private final int spareStrikes;
    private final Instrument index;

    private volatile MarketDataFeed feed;
    private PinnedSymbols pins = new PinnedSymbols(instrument -> false);
    /** The book's contract data; none (the underlying's fallback) for a chain outside a book. */
    private volatile ContractSpecs contracts;
    private volatile long atmIndex;
    private volatile long subscribedLow;
    private volatile long subscribedHigh;
    private volatile long atmMoves;
    /** Why the subscribed band could not follow the window, until it can; retried on every index tick. */
    private volatile String bandProblem;
    /** Percent a year, as the book was given it; read by snapshots only. */
    private volatile double interestRate;

    public OptionChain(Underlying underlying, LocalDate expiry, Instrument index, InstrumentRegistry registry,
                       ChainStore store, int spareStrikes) {
        this.underlying = underlying;
        this.expiry = expiry;
        this.ladder = underlying.ladder();
        this.index = index;
        this.registry = registry;
        this.store = store;
        this.spareStrikes = spareStrikes;
    }

    /** Centres the window on {@code indexLtp} and subscribes its band in Depth mode. */
    public void open(double indexLtp, MarketDataFeed marketDataFeed) {
        long atm = ladder.atmIndex(indexLtp);
        atmIndex = atm;
        long low = atm - ladder.strikesEachSide() - spareStrikes;
        long high = atm + ladder.strikesEachSide() + spareStrikes;
        subscribedLow = low;
        subscribedHigh = high;
        marketDataFeed.subscribe(register(low, high), FeedMode.DEPTH);
        this.feed = marketDataFeed;
    }

    /**
     * Re-tags the window for a new index price and, when the window has left the subscribed band,
     * re-centres the band: subscribes strikes that entered it, unsubscribes strikes that left.
     *
     * @return true when ATM moved
     */
    public boolean onIndexPrice(double indexLtp) {
        if (feed == null) {
            return false; // not open yet: open() centres the window itself
        }
        long atm = ladder.atmIndex(indexLtp);
        boolean moved = atm != atmIndex;
        if (!moved && bandProblem == null) {
            return false;
        }
        if (moved) {
            atmIndex = atm;
            atmMoves++;
        }
        int side = ladder.strikesEachSide();
        if (atm - side < subscribedLow || atm + side > subscribedHigh) {
            try {
                shiftBand(atm - side - spareStrikes, atm + side + spareStrikes);
                if (bandProblem != null) {
                    LOG.info("{} {}: the subscribed band follows the window again", underlying.name(), expiry);
                }
                bandProblem = null;
            } catch (RuntimeException e) {
                // the window moved but its new strikes are not subscribed: say so, and try again next index tick
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!why.equals(bandProblem)) {
                    LOG.error("{} {}: the subscribed band cannot follow the window to ATM {}: {}", underlying.name(),
                            expiry, ladder.strikeAt(atm), why);
                }
                bandProblem = why;
            }
        } else {
            bandProblem = null;
        }
        return moved;
    }

    /** Why the subscribed band lags the window (its new strikes show no quotes), or null when it does not. */
    public String bandProblem() {
        return bandProblem;
    }

    /** Pins of the book this chain belongs to; a chain outside a book has none. */
    void usePins(PinnedSymbols bookPins) {
        this.pins = bookPins;
    }

    /** The rate, percent a year, that this chain's next snapshots price IVs and Greeks with. */
    void useInterestRate(double percentPerYear) {
        this.interestRate = percentPerYear;
    }

    void useContracts(ContractSpecs bookContracts) {
        this.contracts = bookContracts;
    }

    /** Whole strikes between {@code strike} and ATM, either side. */
    public int strikesFromAtm(double strike) {
        return (int) Math.abs(ladder.gridIndexOf(strike) - atmIndex);
    }

    /** Whether this chain's subscribed band holds {@code option}. */
    public boolean covers(Instrument option) {
        if (!option.isOption() || !option.underlying().equals(underlying.name()) || !option.expiry().equals(expiry)) {
            return false;
        }
        long k = ladder.gridIndexOf(option.strike());
        return k >= subscribedLow && k <= subscribedHigh;
    }

    private void shiftBand(long low, long high) {
        synchronized (pins) {
            moveBand(low, high);
        }
    }

    private void moveBand(long low, long high) {
        long oldLow = subscribedLow;
        long oldHigh = subscribedHigh;
        List<Instrument> entering = new ArrayList<>();
        List<Instrument> leaving = new ArrayList<>();
        for (long k = Math.min(low, oldLow); k <= Math.max(high, oldHigh); k++) {
            boolean before = k >= oldLow && k <= oldHigh;
            boolean after = k >= low && k <= high;
            if (after && !before) {
                entering.addAll(register(k, k));
            } else if (before && !after) {
                leaving.addAll(register(k, k));
            }
        }
        if (!entering.isEmpty()) {
            feed.subscribe(entering, FeedMode.DEPTH);
        }
        // only once the new strikes are asked for: a failure above leaves the old band, and the next tick retries
        subscribedLow = low;
        subscribedHigh = high;
        List<Instrument> released = pins.unpinned(leaving);
        if (!released.isEmpty()) {
            feed.unsubscribe(released, FeedMode.DEPTH);
        }
    }

    private List<Instrument> register(long low, long high) {
        List<Instrument> instruments = new ArrayList<>();
        for (long k = low; k <= high; k++) {
            double strike = ladder.strikeAt(k);
            for (OptionType type : OptionType.values()) {
                instruments.add(registry.register(OptionSymbol.of(underlying.name(), expiry, strike, type),
                        underlying.optionExchange(), underlying.name(), expiry, strike, type));
            }
        }
        return instruments;
    }

    /**
     * Reads the window out of chain state; values, IVs, Greeks and metrics as of {@code now}. Time to expiry
     * is counted from the start of {@code now}'s minute: the Greeks still follow every tick, but a strike whose
     * quotes and forward stand still reads the same from one snapshot to the next within a minute, so the
     * chain stream does not resend it only because 250 ms passed.
     */
    public ChainSnapshot snapshot(ZonedDateTime now) {
        long atm = atmIndex;
        int side = ladder.strikesEachSide();
        QuoteRecord record = ChainStore.newRecord();
        long newest = 0;
        long nowMillis = now.toInstant().toEpochMilli();

        Double indexLtp = null;
        Double indexBid = null;
        Double indexAsk = null;
        if (store.read(index.id(), record)) {
            indexLtp = positive(record.getLtp());
            indexBid = record.getBidLevels() > 0 ? positive(record.getBidPriceAt(0)) : null;
            indexAsk = record.getAskLevels() > 0 ? positive(record.getAskPriceAt(0)) : null;
            newest = record.getUpdatedMillis();
        }

        List<ChainRow> rows = new ArrayList<>(ladder.windowSize());
        for (int offset = -side; offset <= side; offset++) {
            double strike = ladder.strikeAt(atm + offset);
            LegQuote ce = leg(strike, OptionType.CE, offset, record, nowMillis);
            LegQuote pe = leg(strike, OptionType.PE, offset, record, nowMillis);
            newest = Math.max(newest, Math.max(millis(ce), millis(pe)));
            rows.add(new ChainRow(StrikeLadder.rowTag(offset), strike, offset, ce, pe));
        }
        PricingInputs pricing = pricing(rows.get(side), indexLtp, now);
        rows = ImpliedVols.priced(rows, pricing);
        ZonedDateTime timestamp = newest > 0
                ? Instant.ofEpochMilli(newest).atZone(ExpiryDates.EXCHANGE_ZONE)
                : now.withZoneSameInstant(ExpiryDates.EXCHANGE_ZONE);
        ContractSpec contract = contracts == null ? ContractSpec.fallback(underlying) : contracts.of(underlying, expiry);
        return new ChainSnapshot(underlying.name(), indexLtp, indexBid, indexAsk, ladder.strikeAt(atm), expiry,
                timestamp, rows, ChainMetrics.of(rows, contract.lotSize()), pricing, contract);
    }

    /** The forward, time and rate a snapshot at {@code now} would price with: the index and ATM legs read only. */
    public PricingInputs pricing(ZonedDateTime now) {
        double atmStrike = ladder.strikeAt(atmIndex);
        QuoteRecord record = ChainStore.newRecord();
        long nowMillis = now.toInstant().toEpochMilli();
        ChainRow atm = new ChainRow(StrikeLadder.rowTag(0), atmStrike, 0,
                leg(atmStrike, OptionType.CE, 0, record, nowMillis), leg(atmStrike, OptionType.PE, 0, record, nowMillis));
        Double indexLtp = store.read(index.id(), record) ? positive(record.getLtp()) : null;
        return pricing(atm, indexLtp, now);
    }

    private PricingInputs pricing(ChainRow atm, Double indexLtp, ZonedDateTime now) {
        return new PricingInputs(ImpliedVols.forward(atm, indexLtp),
                ExpiryDates.daysToExpiry(expiry, now.truncatedTo(ChronoUnit.MINUTES)), interestRate);
    }

    /**
     * An option of this chain priced at the IV of its own mid on {@code pricing} (from {@link #pricing}): what a
     * snapshot on those inputs gives the leg, also for one the window does not show (a position's, far from ATM).
     * Null without an IV. {@code record} is the reader's own, overwritten.
     */
    public LegGreeks greeks(Instrument option, PricingInputs pricing, QuoteRecord record) {
        if (!option.isOption() || !option.underlying().equals(underlying.name()) || !option.expiry().equals(expiry)) {
            throw new IllegalArgumentException(option.symbol() + " is not an option of the " + underlying.name()
                    + " " + expiry + " chain");
        }
        if (!store.read(option.id(), record)) {
            return null;
        }
        return ImpliedVols.greeks(option.optionType() == OptionType.CE, option.strike(),
                LegQuote.mid(bestBid(record), bestAsk(record)), pricing);
    }

    private static Double bestBid(QuoteRecord record) {
        return record.getBidLevels() > 0 ? record.getBidPriceAt(0) : null;
    }

    private static Double bestAsk(QuoteRecord record) {
        return record.getAskLevels() > 0 ? record.getAskPriceAt(0) : null;
    }

    private LegQuote leg(double strike, OptionType type, int offset, QuoteRecord record, long nowMillis) {
        String symbol = OptionSymbol.of(underlying.name(), expiry, strike, type);
        String tag = StrikeLadder.legTag(offset, type);
        int id = registry.idOf(symbol);
        if (id == InstrumentRegistry.NOT_FOUND || !store.read(id, record)) {
            return LegQuote.unquoted(symbol, type, tag);
        }
        Double bid = bestBid(record);
        Double ask = bestAsk(record);
        Long bidQty = record.getBidLevels() > 0 ? record.getBidQuantityAt(0) : null;
        Long askQty = record.getAskLevels() > 0 ? record.getAskQuantityAt(0) : null;
        Double spread = LegQuote.twoSided(bid, ask) ? round2(ask - bid) : null;
        List<LegQuote.DepthLevel> bids = new ArrayList<>();
        for (int i = 0; i < record.getBidLevels(); i++) {
            bids.add(new LegQuote.DepthLevel(record.getBidPriceAt(i), record.getBidQuantityAt(i),
                    record.getBidOrdersAt(i)));
        }
        List<LegQuote.DepthLevel> asks = new ArrayList<>();
        for (int i = 0; i < record.getAskLevels(); i++) {
            asks.add(new LegQuote.DepthLevel(record.getAskPriceAt(i), record.getAskQuantityAt(i),
                    record.getAskOrdersAt(i)));
        }
        return new LegQuote(symbol, type, tag, record.getLtp(), bid, ask, bidQty, askQty, spread,
                record.getVolume(), record.getOi(), null, null, bids, asks, record.getUpdatedMillis(),
                positive(record.getClose()), oiChange(record, nowMillis));
    }

    private static LegQuote.OiChange oiChange(QuoteRecord record, long nowMillis) {
        Long change = SessionOi.change(record, nowMillis);
        if (change == null) {
            return null;
        }
        return new LegQuote.OiChange(change, record.getOiBaselineKind() == SessionOi.PREVIOUS_SESSION
                ? OiChangeBasis.PREVIOUS_SESSION : OiChangeBasis.SESSION_START);
    }

    private static long millis(LegQuote leg) {
        return leg.updatedMillis() == null ? 0 : leg.updatedMillis();
    }

    private static Double positive(double value) {
        return value > 0 ? value : null;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    public Underlying underlying() {
        return underlying;
    }

    public LocalDate expiry() {
        return expiry;
    }

    public Instrument index() {
        return index;
    }

    public double atmStrike() {
        return ladder.strikeAt(atmIndex);
    }

    public long atmMoves() {
        return atmMoves;
    }

    /** Options subscribed for this chain: both legs of every strike in the band. */
    public int subscribedOptions() {
        return (int) (subscribedHigh - subscribedLow + 1) * 2;
    }

    public double subscribedLowStrike() {
        return ladder.strikeAt(subscribedLow);
    }

    public double subscribedHighStrike() {
        return ladder.strikeAt(subscribedHigh);
    }
}
