package io.optionchain.engine.state;

import io.optionchain.engine.pipeline.TickEvent;
import net.openhft.chronicle.core.values.IntValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

/**
 * Chain state: one {@link QuoteRecord} per instrument id in an off-heap Chronicle Map.
 *
 * <p>Single writer (the ring's chain-state handler, through {@link #apply}); many readers (REST, SSE,
 * metrics, through {@link #read}). Chronicle's segment locks make each put and each read atomic per
 * record, which is all the consistency a chain view needs.
 */
public final class ChainStore implements AutoCloseable {
    private final ChronicleMap<IntValue, QuoteRecord> map;
    private final IntValue writerKey = Values.newHeapInstance(IntValue.class);
    private final QuoteRecord writerRecord = Values.newHeapInstance(QuoteRecord.class);
    private final ThreadLocal<IntValue> readerKey = ThreadLocal.withInitial(() -> Values.newHeapInstance(IntValue.class));

    private ChainStore(ChronicleMap<IntValue, QuoteRecord> map) {
        this.map = map;
    }

    /** A store held in memory only, for up to {@code instruments} instruments. */
    public static ChainStore inMemory(int instruments) {
        return new ChainStore(ChronicleMap.of(IntValue.class, QuoteRecord.class)
                .name("chain-state")
                .entries(instruments)
                .create());
    }

    /** A fresh heap record for a reader to copy into; reuse it across reads. */
    public static QuoteRecord newRecord() {
        return Values.newHeapInstance(QuoteRecord.class);
    }

    /**
     * Merges one tick into its instrument's record: only the field groups the tick carries change.
     * Called from the ring's chain-state handler only.
     */
    public void apply(TickEvent tick, long nowMillis) {
        writerKey.setValue(tick.instrumentId);
        QuoteRecord record = writerRecord;
        if (map.getUsing(writerKey, record) == null) {
            clear(record);
        }
        if (tick.has(TickEvent.LTP)) {
            record.setLtp(tick.ltp);
            if (tick.exchangeTimeMillis != 0) {
                record.setExchangeTimeMillis(tick.exchangeTimeMillis);
            }
        }
        if (tick.has(TickEvent.OHLC)) {
            record.setOpen(tick.open);
            record.setHigh(tick.high);
            record.setLow(tick.low);
            record.setClose(tick.close);
        }
        if (tick.has(TickEvent.VOLUME)) {
            record.setVolume(tick.volume);
        }
        if (tick.has(TickEvent.OI)) {
            record.setOi(tick.oi);
        }
        if (tick.has(TickEvent.LAST_QUANTITY)) {
            record.setLastQuantity(tick.lastQuantity);
        }
        if (tick.has(TickEvent.AVERAGE_PRICE)) {
            record.setAveragePrice(tick.averagePrice);
        }
        if (tick.has(TickEvent.TOTALS)) {
            record.setTotalBuyQuantity(tick.totalBuyQuantity);
            record.setTotalSellQuantity(tick.totalSellQuantity);
        }
        if (tick.has(TickEvent.DEPTH)) {
            copyDepth(tick, record);
        }
        record.setUpdatedMillis(nowMillis);
        record.setTicks(record.getTicks() + 1);
        map.put(writerKey, record);
    }

    /**
     * Copies the record of {@code instrumentId} into {@code into}.
     *
     * @return false when the instrument has no record yet ({@code into} is then left untouched)
     */
    public boolean read(int instrumentId, QuoteRecord into) {
        IntValue key = readerKey.get();
        key.setValue(instrumentId);
        return map.getUsing(key, into) != null;
    }

    public int size() {
        return map.size();
    }

    @Override
    public void close() {
        map.close();
    }

    private static void copyDepth(TickEvent tick, QuoteRecord record) {
        record.setBidLevels(tick.bidLevels);
        record.setAskLevels(tick.askLevels);
        for (int i = 0; i < TickEvent.DEPTH_LEVELS; i++) {
            boolean bid = i < tick.bidLevels;
            record.setBidPriceAt(i, bid ? tick.bidPrice[i] : 0);
            record.setBidQuantityAt(i, bid ? tick.bidQuantity[i] : 0);
            record.setBidOrdersAt(i, bid ? tick.bidOrders[i] : 0);
            boolean ask = i < tick.askLevels;
            record.setAskPriceAt(i, ask ? tick.askPrice[i] : 0);
            record.setAskQuantityAt(i, ask ? tick.askQuantity[i] : 0);
            record.setAskOrdersAt(i, ask ? tick.askOrders[i] : 0);
        }
    }

    private static void clear(QuoteRecord record) {
        record.setLtp(0);
        record.setOpen(0);
        record.setHigh(0);
        record.setLow(0);
        record.setClose(0);
        record.setAveragePrice(0);
        record.setVolume(0);
        record.setOi(0);
        record.setLastQuantity(0);
        record.setTotalBuyQuantity(0);
        record.setTotalSellQuantity(0);
        record.setExchangeTimeMillis(0);
        record.setUpdatedMillis(0);
        record.setTicks(0);
        record.setBidLevels(0);
        record.setAskLevels(0);
        for (int i = 0; i < TickEvent.DEPTH_LEVELS; i++) {
            record.setBidPriceAt(i, 0);
            record.setBidQuantityAt(i, 0);
            record.setBidOrdersAt(i, 0);
            record.setAskPriceAt(i, 0);
            record.setAskQuantityAt(i, 0);
            record.setAskOrdersAt(i, 0);
        }
    }
}
