package io.optionchain.engine.state;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a tick costs the heap when it is merged into chain state, measured with the JVM's per-thread
 * allocation counter: nothing, in memory and persisted (where each write also refreshes a checksum), whether it is
 * applied or found to be a second copy: every tick here arrives twice, as with a hot standby socket, the second
 * copy after the next tick of its instrument, which shares its exchange time.
 * A get-then-put store costs a few hundred bytes a tick, the record {@code put} hands back. Copying a
 * record out for a reader costs nothing either, identity text included.
 */
class ChainStoreAllocationTest {
    private static final int INSTRUMENTS = 90;
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;
    /** Below one byte a call on average: room for the counter's granularity, none for an object a call. */
    private static final double MAX_BYTES_PER_CALL = 1.0;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerTickInMemory() {
        try (ChainStore store = ChainStore.inMemory(1_024)) {
            assertThat(bytesPerApply(store)).isLessThan(MAX_BYTES_PER_CALL);
        }
    }

    @Test
    void shouldAllocateNothingPerTickOrReadWhenPersisted(@TempDir Path data) {
        InstrumentRegistry registry = new InstrumentRegistry(1_024);
        try (ChainStore store = ChainStore.open(data, registry, Clock.systemUTC())) {
            LocalDate expiry = LocalDate.of(2025, 11, 25);
            for (int i = 0; i < INSTRUMENTS; i++) {
                double strike = 24_000 + 50 * i;
                registry.register(OptionSymbol.of("NIFTY", expiry, strike, OptionType.CE), "NFO", "NIFTY", expiry,
                        strike, OptionType.CE);
            }
            assertThat(bytesPerApply(store)).isLessThan(MAX_BYTES_PER_CALL);
            assertThat(bytesPerRead(store)).isLessThan(MAX_BYTES_PER_CALL);
        }
    }

    private double bytesPerRead(ChainStore store) {
        QuoteRecord into = ChainStore.newRecord();
        for (int i = 0; i < WARM_UP; i++) {
            store.read(i % INSTRUMENTS, into);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < MEASURED; i++) {
            store.read(i % INSTRUMENTS, into);
        }
        double perRead = (threads.getThreadAllocatedBytes(thread) - before) / (double) MEASURED;
        System.out.printf("bytes per read: %.3f%n", perRead);
        assertThat(into.getSymbol()).hasToString(OptionSymbol.of("NIFTY", LocalDate.of(2025, 11, 25),
                24_000 + 50 * ((MEASURED - 1) % INSTRUMENTS), OptionType.CE));
        return perRead;
    }

    private double bytesPerApply(ChainStore store) {
        TickEvent[] ticks = depthTicks();
        TickEvent[] next = depthTicks();
        for (TickEvent tick : next) {
            tick.ltp += 0.05;
        }
        for (int i = 0; i < WARM_UP; i++) {
            applyTwice(store, ticks, next, i);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        int duplicates = 0;
        for (int i = WARM_UP; i < WARM_UP + MEASURED; i++) {
            if (applyTwice(store, ticks, next, i) == TickOutcome.DUPLICATE) {
                duplicates++;
            }
        }
        double perApply = (threads.getThreadAllocatedBytes(thread) - before) / (double) MEASURED;
        System.out.printf("bytes per apply: %.3f%n", perApply);
        assertThat(duplicates).as("every second call a copy").isEqualTo(MEASURED / 2);
        return perApply;
    }

    /**
     * Call {@code i}, in fours per instrument and exchange time: a tick, the next tick with a new ltp, then the
     * first tick's copy (matched among the ticks kept) and the second's (matched against the stored quote).
     */
    private static TickOutcome applyTwice(ChainStore store, TickEvent[] ticks, TickEvent[] next, int i) {
        int instrument = (i / 4) % INSTRUMENTS;
        TickEvent tick = i % 2 == 0 ? ticks[instrument] : next[instrument];
        tick.exchangeTimeMillis = 1 + i / (4 * INSTRUMENTS);
        tick.serverTimeMillis = 1_000 + i % 2;
        return store.apply(tick, i);
    }

    private static TickEvent[] depthTicks() {
        TickEvent[] ticks = new TickEvent[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++) {
            TickEvent tick = new TickEvent();
            tick.instrumentId = i;
            tick.fields = TickEvent.LTP | TickEvent.OHLC | TickEvent.VOLUME | TickEvent.OI | TickEvent.DEPTH;
            tick.ltp = 100 + i;
            tick.volume = 1_000L * i;
            tick.oi = 50_000 + i;
            tick.bidLevels = 5;
            tick.askLevels = 5;
            for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++) {
                tick.bidPrice[level] = tick.ltp - 0.05 * (level + 1);
                tick.askPrice[level] = tick.ltp + 0.05 * (level + 1);
                tick.bidQuantity[level] = 75L * (level + 1);
                tick.askQuantity[level] = 75L * (level + 2);
            }
            ticks[i] = tick;
        }
        return ticks;
    }
}
