package io.optionchain.engine.series;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.desk.ManualClock;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.FeedMode;
import io.optionchain.engine.ports.MarketDataFeed;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;

/**
 * One NIFTY chain over chain state in a data directory, fed by hand as the ring's stages would (state, window,
 * activity), on a clock the test moves: the recorder's market.
 */
final class TradingDay implements AutoCloseable {
    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final LocalDate EXPIRY = LocalDate.of(2026, 12, 8);
    static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 65, new BigDecimal("50"), 20, 1);
    /** The feed is not under test: what the chain subscribes goes nowhere. */
    private static final MarketDataFeed NOWHERE = new MarketDataFeed() {
        @Override
        public void subscribe(Collection<Instrument> instruments, FeedMode mode) {
        }

        @Override
        public void unsubscribe(Collection<Instrument> instruments, FeedMode mode) {
        }
    };

    final ManualClock clock;
    final ChainBook book;
    final OptionChain chain;
    private final InstrumentRegistry registry = new InstrumentRegistry(1_024);
    private final ChainStore store;

    TradingDay(Path data, LocalTime start) {
        clock = new ManualClock(ZonedDateTime.of(MONDAY, start, INDIA).toInstant().toEpochMilli());
        store = ChainStore.open(data, registry, clock);
        Instrument index = registry.registerIndex("NIFTY", "NSE_INDEX");
        chain = new OptionChain(NIFTY, EXPIRY, index, registry, store, 2);
        book = new ChainBook(registry, List.of("NIFTY"));
        book.add(chain);
        chain.open(24_510, NOWHERE);
        index(24_510);
    }

    /** The clock at {@code time} today (never back). */
    TradingDay at(LocalTime time) {
        clock.set(ZonedDateTime.of(MONDAY, time, INDIA).toInstant().toEpochMilli());
        return this;
    }

    Instant now() {
        return clock.instant();
    }

    /** An index tick: chain state, then the window (ATM may move), then the activity count. */
    void index(double ltp) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = chain.index().id();
        tick.fields = TickEvent.LTP;
        tick.ltp = ltp;
        store.apply(tick, clock.millis());
        chain.onIndexPrice(ltp);
        book.activity("NIFTY").recordTick(clock.millis());
    }

    /** A two-sided option tick with volume and OI. */
    void quote(String symbol, double bid, double ask, long volume, long oi) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = registry.idOf(symbol);
        tick.fields = TickEvent.LTP | TickEvent.VOLUME | TickEvent.OI | TickEvent.DEPTH;
        tick.ltp = (bid + ask) / 2;
        tick.volume = volume;
        tick.oi = oi;
        tick.bidLevels = 1;
        tick.bidPrice[0] = bid;
        tick.bidQuantity[0] = 65;
        tick.askLevels = 1;
        tick.askPrice[0] = ask;
        tick.askQuantity[0] = 130;
        store.apply(tick, clock.millis());
        book.activity("NIFTY").recordTick(clock.millis());
    }

    /** The ATM straddle and a wing quoted, so every number of a point is known. */
    void quoteAround(double atm) {
        String expiry = "08DEC26";
        long k = (long) atm;
        quote("NIFTY" + expiry + k + "CE", 119.5, 120.5, 10_000, 50_000);
        quote("NIFTY" + expiry + k + "PE", 117, 118, 12_000, 60_000);
        quote("NIFTY" + expiry + (k + 200) + "CE", 44.5, 45.5, 4_000, 90_000);
        quote("NIFTY" + expiry + (k - 200) + "PE", 40, 41, 3_000, 80_000);
    }

    /** What the chain's snapshot says now, as a point stamped now. */
    SeriesPoint pointNow() {
        return SeriesPoint.of(chain.snapshot(ZonedDateTime.ofInstant(now(), INDIA)), now());
    }

    @Override
    public void close() {
        store.close();
    }
}
