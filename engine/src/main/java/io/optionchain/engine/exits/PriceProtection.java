package io.optionchain.engine.exits;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;

import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * The exchange's limit price protection band of an instrument as it stands now, for whoever asks whether an exit
 * could be sent at a price ("can this stop execute now?"): read from chain state around the same reference price
 * the exit pricer clamps to ({@link ExitPricer#reference}), with the instrument's underlying's {@link PriceBand}
 * and its contract's tick. Thread-safe: each thread reads into a record of its own, so a call allocates nothing
 * after a thread's first.
 */
public final class PriceProtection {
    private final ChainStore store;
    private final IntFunction<PriceBand> bands;
    private final IntToDoubleFunction tickSizes;
    private final ThreadLocal<QuoteRecord> books = ThreadLocal.withInitial(ChainStore::newRecord);

    /**
     * @param bands     the band of an instrument id's underlying
     * @param tickSizes the price step of an instrument id
     */
    public PriceProtection(ChainStore store, IntFunction<PriceBand> bands, IntToDoubleFunction tickSizes) {
        this.store = store;
        this.bands = bands;
        this.tickSizes = tickSizes;
    }

    /**
     * Whether the exchange would take an exit {@code action} at {@code price} for the instrument now: a sell at or
     * above the band's low, a buy at or below its high. True when chain state has no reference for it (no record,
     * no trade, no touch), since nothing is known to refuse it against.
     */
    public boolean inside(int instrumentId, OrderAction action, double price) {
        Band band = band(instrumentId, action);
        return band == null || band.accepts(action, price);
    }

    /** The band now for an exit {@code action} of the instrument; null when chain state has no reference for it. */
    public Band band(int instrumentId, OrderAction action) {
        QuoteRecord book = books.get();
        if (!store.read(instrumentId, book)) {
            return null;
        }
        double bid = book.getBidLevels() > 0 ? book.getBidPriceAt(0) : 0;
        double ask = book.getAskLevels() > 0 ? book.getAskPriceAt(0) : 0;
        double reference = ExitPricer.reference(action, book.getLtp(), bid, ask);
        if (!(reference > 0)) {
            return null;
        }
        PriceBand rule = bands.apply(instrumentId);
        double tick = tickSizes.applyAsDouble(instrumentId);
        return new Band(reference, rule.low(reference, tick), rule.high(reference, tick));
    }

    /**
     * One instrument's band at one moment.
     *
     * @param reference the price it is drawn around (the last trade, else the touch)
     * @param low       the lowest price a sell may take, on the tick grid
     * @param high      the highest price a buy may take, on the tick grid
     */
    public record Band(double reference, double low, double high) {
        /** A sell at or above the low, a buy at or below the high. */
        public boolean accepts(OrderAction action, double price) {
            return action == OrderAction.SELL ? price >= low - 1e-9 : price <= high + 1e-9;
        }
    }
}
