package io.optionchain.engine.state;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.tick.TickEvent;
import net.openhft.chronicle.core.values.IntValue;
import net.openhft.chronicle.hash.ChecksumEntry;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Chain state: one {@link QuoteRecord} per instrument id in an off-heap Chronicle Map, in memory only
 * or persisted in the data directory so that a restart resumes with the last known chain.
 *
 * <p>Single writer (the ring's chain-state handler, through {@link #apply}); many readers (REST, SSE,
 * metrics, through {@link #read}). The writer merges a tick into the record in place while it holds
 * the record's segment write lock, and a reader copies the record out under the read lock, so a reader
 * never sees half a tick. The write allocates nothing: the query context is Chronicle's per-thread
 * one, and the record is reached through a flyweight bound to the entry's own off-heap bytes.
 */
public final class ChainStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainStore.class);

    private final ChronicleMap<IntValue, QuoteRecord> map;
    private final boolean checksummed;
    private final IntFunction<Instrument> identities;
    private final RestoreReport restoreReport;
    private final Runnable closer;
    private final IntValue writerKey = Values.newHeapInstance(IntValue.class);
    private final QuoteRecord writerRecord = Values.newNativeReference(QuoteRecord.class);
    private final ThreadLocal<IntValue> readerKey = ThreadLocal.withInitial(() -> Values.newHeapInstance(IntValue.class));
    /**
     * The last ticks applied to each instrument, server times included: the writer's alone, and beside the record
     * rather than in it, so the file's layout stays as it was. Empty after a restart until an instrument's first tick.
     */
    private final AppliedTicks applied;

    /**
     * @param checksummed whether the map stores entry checksums, which an in-place write must refresh
     * @param identities  the instrument of an id, named in its record when the record is created; always
     *                    null for a memory-only store, whose records die with the process
     */
    private ChainStore(ChronicleMap<IntValue, QuoteRecord> map, int instruments, boolean checksummed,
                       IntFunction<Instrument> identities, RestoreReport restoreReport, Runnable closer) {
        this.map = map;
        this.applied = new AppliedTicks(instruments);
        this.checksummed = checksummed;
        this.identities = identities;
        this.restoreReport = restoreReport;
        this.closer = closer;
    }

    /** A store held in memory only, for up to {@code instruments} instruments. */
    public static ChainStore inMemory(int instruments) {
        ChronicleMap<IntValue, QuoteRecord> map = builder(instruments).create();
        return new ChainStore(map, instruments, false, id -> null, RestoreReport.memoryOnly(), map::close);
    }

    /**
     * The store persisted in {@code directory/chain-state.cm3}, with room for the registry's capacity,
     * after giving every instrument the file's records name its old id in {@code registry}: call it
     * before anything registers an instrument. A file that cannot be used is moved aside and replaced
     * by an empty one ({@link ChainStateFile}); {@link #restoreReport()} says what happened.
     */
    public static ChainStore open(Path directory, InstrumentRegistry registry, Clock clock) {
        if (registry.size() > 0) {
            throw new IllegalStateException("open chain state before registering instruments: the registry already"
                    + " holds " + registry.size() + ", whose ids may mean other instruments in the file");
        }
        ChronicleMapBuilder<IntValue, QuoteRecord> builder = builder(registry.capacity())
                // recovery after a crash can then tell a torn record from a whole one
                .checksumEntries(true)
                // the owner closes the map after the ring has stopped; a JVM hook would race the writer
                .skipCloseOnExitHook(true);
        long openedMillis = clock.millis();
        ChainStateFile file = ChainStateFile.open(directory, builder, clock);
        RestoreReport report;
        try {
            report = restore(file, registry, openedMillis);
        } catch (RuntimeException e) {
            file = file.discard("its records cannot be read back: " + e.getMessage());
            report = new RestoreReport(file.file(), 0, 0, 0, openedMillis, file.movedAside(), file.problem());
        }
        return new ChainStore(file.map(), registry.capacity(), true, registry::byId, report, file::close);
    }

    private static ChronicleMapBuilder<IntValue, QuoteRecord> builder(int instruments) {
        return ChronicleMap.of(IntValue.class, QuoteRecord.class)
                .name("chain-state")
                .entries(instruments);
    }

    /** Gives the instrument of every named record its old id; drops records that name none. */
    private static RestoreReport restore(ChainStateFile file, InstrumentRegistry registry, long openedMillis) {
        ChronicleMap<IntValue, QuoteRecord> map = file.map();
        List<Instrument> instruments = new ArrayList<>();
        List<Integer> unnamed = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        long newest = 0;
        for (Map.Entry<IntValue, QuoteRecord> entry : map.entrySet()) {
            Instrument instrument = RecordIdentity.read(entry.getKey().getValue(), entry.getValue());
            if (instrument == null) {
                unnamed.add(entry.getKey().getValue());
                continue;
            }
            instruments.add(instrument);
            long updated = entry.getValue().getUpdatedMillis();
            if (updated > 0) {
                oldest = Math.min(oldest, updated);
                newest = Math.max(newest, updated);
            }
        }
        registry.restore(instruments);
        // a record naming no instrument could be merged into by whichever instrument later takes its id
        IntValue key = Values.newHeapInstance(IntValue.class);
        for (int id : unnamed) {
            key.setValue(id);
            map.remove(key);
        }
        if (!unnamed.isEmpty()) {
            LOG.warn("dropped {} chain-state records of {} that name no instrument", unnamed.size(), file.file());
        }
        if (!instruments.isEmpty()) {
            LOG.info("restored the last known state of {} instruments from {}", instruments.size(), file.file());
        }
        return new RestoreReport(file.file(), instruments.size(), newest == 0 ? 0 : oldest, newest, openedMillis,
                file.movedAside(), file.problem());
    }

    /** A fresh heap record for a reader to copy into; reuse it across reads. */
    public static QuoteRecord newRecord() {
        return Values.newHeapInstance(QuoteRecord.class);
    }

    /**
     * Merges one tick into its instrument's record: only the field groups the tick carries change.
     * Called from the ring's chain-state handler only.
     *
     * <p>A tick is skipped whole, and nothing of it is stored, when it is
     * <ul>
     *   <li>{@link TickOutcome#OUT_OF_ORDER}: its exchange time is before the stored one, so a late or replayed
     *       tick never overwrites a newer quote; or</li>
     *   <li>{@link TickOutcome#DUPLICATE}: its exchange time is not 0 and equals the stored one, and it is
     *     <ul>
     *       <li>a copy of the stored quote: its feed-server time equals that of the last tick applied (0 = 0
     *           counts as equal) and every value it carries equals the record's: {@code ltp}; {@code open},
     *           {@code high}, {@code low}, {@code close}; {@code volume}; {@code oi}; the last traded quantity;
     *           the average price; total buy and sell quantities; for depth the number of levels each side and, on
     *           every level held, price, quantity and orders (doubles with {@code ==}, so a NaN is never a copy);
     *           or</li>
     *       <li>a copy of one of the last {@value AppliedTicks#KEPT} ticks applied to the instrument: the same
     *           non-zero feed-server time, and the same field groups with the same values, known by a 64-bit
     *           fingerprint ({@link AppliedTicks} says how likely a mistake is: about one in 10^19).</li>
     *     </ul></li>
     * </ul>
     * So the second copy of a frame (a hot standby socket's, or a feed that sends a tick twice) is dropped, even when
     * the other socket's next tick got in first, while a tick in the same exchange time with any new value is
     * applied: ltt moves only on a trade, and some brokers stamp it in whole seconds, so many ticks share one. The
     * server time takes part so that an unchanged quote resent later, which tells the stop stage the quote is
     * still current, is applied. A tick without a server time is matched against the stored quote only: an earlier
     * tick's values coming back in the same exchange second could not be told from a copy of it. A tick without an
     * exchange time cannot be judged and is applied.
     */
    public TickOutcome apply(TickEvent tick, long nowMillis) {
        writerKey.setValue(tick.instrumentId);
        try (ExternalMapQueryContext<IntValue, QuoteRecord, ?> context = map.queryContext(writerKey)) {
            // the write lock up front: a read lock taken by entry() could not be upgraded
            context.writeLock().lock();
            MapEntry<IntValue, QuoteRecord> entry = context.entry();
            if (entry == null) {
                MapAbsentEntry<IntValue, QuoteRecord> absent = context.absentEntry();
                context.insert(absent, context.defaultValue(absent));
                entry = context.entry();
                Instrument instrument = identities.apply(tick.instrumentId);
                if (instrument != null) {
                    RecordIdentity.write(instrument, entry.value().getUsing(writerRecord));
                }
            }
            QuoteRecord record = entry.value().getUsing(writerRecord);
            if (tick.exchangeTimeMillis != 0) {
                long stored = record.getExchangeTimeMillis();
                if (tick.exchangeTimeMillis < stored) {
                    return TickOutcome.OUT_OF_ORDER;
                }
                if (tick.exchangeTimeMillis == stored && (copiesStoredQuote(tick, record)
                        || (tick.serverTimeMillis != 0 && applied.holdsCopyOf(tick)))) {
                    return TickOutcome.DUPLICATE;
                }
            }
            SessionOi.beforeMerge(tick, record, nowMillis);
            merge(tick, record, nowMillis);
            applied.remember(tick);
            if (checksummed) {
                ((ChecksumEntry) entry).updateChecksum();
            }
            return TickOutcome.APPLIED;
        }
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

    /** What opening found; for a memory-only store, that there was nothing to open. */
    public RestoreReport restoreReport() {
        return restoreReport;
    }

    @Override
    public void close() {
        closer.run();
    }

    private static void merge(TickEvent tick, QuoteRecord record, long nowMillis) {
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
    }

    private boolean copiesStoredQuote(TickEvent tick, QuoteRecord record) {
        return tick.serverTimeMillis == applied.lastServerMillis(tick.instrumentId) && sameQuote(tick, record);
    }

    /** Every field group the tick carries equals the record; the groups it does not carry are not its to judge. */
    private static boolean sameQuote(TickEvent tick, QuoteRecord record) {
        if (tick.has(TickEvent.LTP) && tick.ltp != record.getLtp()) {
            return false;
        }
        if (tick.has(TickEvent.OHLC) && (tick.open != record.getOpen() || tick.high != record.getHigh()
                || tick.low != record.getLow() || tick.close != record.getClose())) {
            return false;
        }
        if (tick.has(TickEvent.VOLUME) && tick.volume != record.getVolume()) {
            return false;
        }
        if (tick.has(TickEvent.OI) && tick.oi != record.getOi()) {
            return false;
        }
        if (tick.has(TickEvent.LAST_QUANTITY) && tick.lastQuantity != record.getLastQuantity()) {
            return false;
        }
        if (tick.has(TickEvent.AVERAGE_PRICE) && tick.averagePrice != record.getAveragePrice()) {
            return false;
        }
        if (tick.has(TickEvent.TOTALS) && (tick.totalBuyQuantity != record.getTotalBuyQuantity()
                || tick.totalSellQuantity != record.getTotalSellQuantity())) {
            return false;
        }
        return !tick.has(TickEvent.DEPTH) || sameDepth(tick, record);
    }

    private static boolean sameDepth(TickEvent tick, QuoteRecord record) {
        if (tick.bidLevels != record.getBidLevels() || tick.askLevels != record.getAskLevels()) {
            return false;
        }
        for (int i = 0; i < Math.min(tick.bidLevels, TickEvent.DEPTH_LEVELS); i++) {
            if (tick.bidPrice[i] != record.getBidPriceAt(i) || tick.bidQuantity[i] != record.getBidQuantityAt(i)
                    || tick.bidOrders[i] != record.getBidOrdersAt(i)) {
                return false;
            }
        }
        for (int i = 0; i < Math.min(tick.askLevels, TickEvent.DEPTH_LEVELS); i++) {
            if (tick.askPrice[i] != record.getAskPriceAt(i) || tick.askQuantity[i] != record.getAskQuantityAt(i)
                    || tick.askOrders[i] != record.getAskOrdersAt(i)) {
                return false;
            }
        }
        return true;
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
}
