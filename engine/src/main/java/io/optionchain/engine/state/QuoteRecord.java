package io.optionchain.engine.state;

import net.openhft.chronicle.values.Array;
import net.openhft.chronicle.values.MaxUtf8Length;

/**
 * The chain-state value of one instrument, a fixed-size record Chronicle Map keeps off-heap.
 *
 * <p>Written only by {@code ChainStateHandler}; read by anyone through {@link ChainStore#read}, which
 * copies under the map's segment lock, so a reader never sees half a tick. Prices are rupees, times
 * epoch milliseconds; a level beyond {@link #getBidLevels()} / {@link #getAskLevels()} is stale.
 *
 * <p>The identity fields (symbol to option type) are written once, when a persisted store creates the
 * record, and never change: they let a restart give the instrument back its old id. A memory-only
 * store leaves them empty. They are CharSequences, not Strings: Chronicle then copies them into a heap
 * record through a buffer it reuses rather than a new String, so {@link ChainStore#read} stays
 * garbage-free. A getter may hand back that buffer; {@code toString()} what must be kept.
 */
public interface QuoteRecord {
    /** OpenAlgo symbol; an underlying name of up to 20 characters keeps an option symbol under 40. */
    CharSequence getSymbol();

    void setSymbol(@MaxUtf8Length(40) CharSequence symbol);

    CharSequence getExchange();

    void setExchange(@MaxUtf8Length(16) CharSequence exchange);

    /** The index the instrument belongs to (the index itself for an index). */
    CharSequence getUnderlying();

    void setUnderlying(@MaxUtf8Length(20) CharSequence underlying);

    /** Option expiry as an epoch day; 0 for an index. */
    int getExpiryEpochDay();

    void setExpiryEpochDay(int expiryEpochDay);

    /** Option strike; 0 for an index. */
    double getStrike();

    void setStrike(double strike);

    /** CE or PE; empty for an index. */
    CharSequence getOptionType();

    void setOptionType(@MaxUtf8Length(2) CharSequence optionType);

    double getLtp();

    void setLtp(double ltp);

    double getOpen();

    void setOpen(double open);

    double getHigh();

    void setHigh(double high);

    double getLow();

    void setLow(double low);

    /** Previous session's close. */
    double getClose();

    void setClose(double close);

    double getAveragePrice();

    void setAveragePrice(double averagePrice);

    long getVolume();

    void setVolume(long volume);

    long getOi();

    void setOi(long oi);

    /**
     * The open interest today's OI change is measured from ({@link SessionOi}): the previous session's last OI,
     * or the session's first when there was none; meaningful only when {@link #getOiBaselineDay()} is today.
     */
    long getOiBaseline();

    void setOiBaseline(long oiBaseline);

    /** The exchange's day (epoch day, Asia/Kolkata) the baseline belongs to; 0 for none yet. */
    int getOiBaselineDay();

    void setOiBaselineDay(int oiBaselineDay);

    /** What the baseline is: {@link SessionOi#PREVIOUS_SESSION} or {@link SessionOi#SESSION_START}. */
    int getOiBaselineKind();

    void setOiBaselineKind(int oiBaselineKind);

    long getLastQuantity();

    void setLastQuantity(long lastQuantity);

    long getTotalBuyQuantity();

    void setTotalBuyQuantity(long totalBuyQuantity);

    long getTotalSellQuantity();

    void setTotalSellQuantity(long totalSellQuantity);

    long getExchangeTimeMillis();

    void setExchangeTimeMillis(long exchangeTimeMillis);

    /** Wall-clock time the engine applied the last tick. */
    long getUpdatedMillis();

    void setUpdatedMillis(long updatedMillis);

    long getTicks();

    void setTicks(long ticks);

    int getBidLevels();

    void setBidLevels(int bidLevels);

    int getAskLevels();

    void setAskLevels(int askLevels);

    @Array(length = 5)
    double getBidPriceAt(int level);

    void setBidPriceAt(int level, double price);

    @Array(length = 5)
    long getBidQuantityAt(int level);

    void setBidQuantityAt(int level, long quantity);

    @Array(length = 5)
    int getBidOrdersAt(int level);

    void setBidOrdersAt(int level, int orders);

    @Array(length = 5)
    double getAskPriceAt(int level);

    void setAskPriceAt(int level, double price);

    @Array(length = 5)
    long getAskQuantityAt(int level);

    void setAskQuantityAt(int level, long quantity);

    @Array(length = 5)
    int getAskOrdersAt(int level);

    void setAskOrdersAt(int level, int orders);
}
