package io.optionchain.engine.state;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.market.OptionSymbol;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Chain state that outlives the process: the same instruments under the same ids, the same records. */
class ChainStorePersistenceTest {
    private static final LocalDate EXPIRY = LocalDate.of(2025, 11, 25);
    private static final long FIRST_TICK = Instant.parse("2025-11-20T09:15:00Z").toEpochMilli();

    @Test
    void shouldComeBackWithTheSameInstrumentsUnderTheSameIdsAndEveryRecordEqual(@TempDir Path data) {
        InstrumentRegistry before = new InstrumentRegistry(256);
        List<Instrument> ticked = new ArrayList<>();
        Instrument neverTicked;
        Map<Integer, QuoteRecord> written = new HashMap<>();
        long lastTick;
        try (ChainStore store = ChainStore.open(data, before, clockAt(FIRST_TICK))) {
            ticked.add(before.registerIndex("NIFTY", "NSE_INDEX"));
            for (int k = 0; k < 30; k++) {
                double strike = 24_000 + 50 * k;
                for (OptionType type : OptionType.values()) {
                    ticked.add(before.register(OptionSymbol.of("NIFTY", EXPIRY, strike, type), "NFO", "NIFTY",
                            EXPIRY, strike, type));
                }
            }
            neverTicked = before.register("NIFTY25NOV2592.5CE", "NFO", "NIFTY", EXPIRY, 92.5, OptionType.CE);
            ticked.add(before.registerIndex("BANKNIFTY", "NSE_INDEX"));

            lastTick = applyRandomTicks(store, ticked, 5_000);
            for (Instrument instrument : ticked) {
                QuoteRecord record = ChainStore.newRecord();
                assertThat(store.read(instrument.id(), record)).isTrue();
                written.put(instrument.id(), record);
            }
            assertThat(store.restoreReport().restoredInstruments()).isZero();
        }

        long restartedAt = lastTick + 90_000;
        InstrumentRegistry after = new InstrumentRegistry(256);
        try (ChainStore store = ChainStore.open(data, after, clockAt(restartedAt))) {
            for (Instrument instrument : ticked) {
                assertThat(after.bySymbol(instrument.symbol())).isEqualTo(instrument);
                QuoteRecord record = ChainStore.newRecord();
                assertThat(store.read(instrument.id(), record)).isTrue();
                assertThat(record).isEqualTo(written.get(instrument.id()));
            }
            assertThat(after.bySymbol(neverTicked.symbol())).isNull();
            assertThat(after.byId(neverTicked.id())).isNull();

            RestoreReport report = store.restoreReport();
            assertThat(report.file()).isEqualTo(data.resolve("chain-state.cm3"));
            assertThat(report.restoredInstruments()).isEqualTo(ticked.size());
            assertThat(report.oldestUpdateMillis()).isGreaterThanOrEqualTo(FIRST_TICK);
            assertThat(report.oldestAge()).contains(Duration.ofMillis(restartedAt - report.oldestUpdateMillis()));
            assertThat(report.newestAge()).contains(Duration.ofSeconds(90));
            assertThat(report.movedAside()).isNull();
            assertThat(report.problem()).isNull();

            int highest = ticked.stream().mapToInt(Instrument::id).max().orElseThrow();
            Instrument fresh = after.register("NIFTY25NOV2526000CE", "NFO", "NIFTY", EXPIRY, 26_000, OptionType.CE);
            assertThat(fresh.id()).isEqualTo(highest + 1);
            assertThat(after.registerIndex("NIFTY", "NSE_INDEX")).isSameAs(after.bySymbol("NIFTY"));

            Instrument index = after.bySymbol("NIFTY");
            TickEvent tick = tick(index.id(), 24_700.5);
            store.apply(tick, restartedAt + 1_000);
            QuoteRecord record = ChainStore.newRecord();
            store.read(index.id(), record);
            assertThat(record.getLtp()).isEqualTo(24_700.5);
            assertThat(record.getTicks()).isEqualTo(written.get(index.id()).getTicks() + 1);
            assertThat(record.getSymbol()).hasToString("NIFTY");
        }
    }

    @Test
    void shouldRefuseToOpenIntoARegistryThatHasHandedOutIds(@TempDir Path data) {
        InstrumentRegistry registry = new InstrumentRegistry(64);
        registry.registerIndex("NIFTY", "NSE_INDEX");
        assertThatThrownBy(() -> ChainStore.open(data, registry, clockAt(FIRST_TICK)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before registering instruments");
        assertThat(data.resolve("chain-state.cm3")).doesNotExist();
    }

    @Test
    void shouldStartEmptyAndSayNothingWasWrongWhenThereIsNoFileYet(@TempDir Path data) {
        try (ChainStore store = ChainStore.open(data, new InstrumentRegistry(64), clockAt(FIRST_TICK))) {
            RestoreReport report = store.restoreReport();
            assertThat(report.restoredInstruments()).isZero();
            assertThat(report.oldestAge()).isEmpty();
            assertThat(report.newestAge()).isEmpty();
            assertThat(report.movedAside()).isNull();
            assertThat(report.problem()).isNull();
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void shouldDropARecordThatNamesNoInstrumentSoNoLaterInstrumentInheritsIt(@TempDir Path data) {
        InstrumentRegistry before = new InstrumentRegistry(64);
        try (ChainStore store = ChainStore.open(data, before, clockAt(FIRST_TICK))) {
            Instrument nifty = before.registerIndex("NIFTY", "NSE_INDEX");
            store.apply(tick(nifty.id(), 24_500), FIRST_TICK);
            store.apply(tick(7, 99), FIRST_TICK);
        }
        InstrumentRegistry after = new InstrumentRegistry(64);
        try (ChainStore store = ChainStore.open(data, after, clockAt(FIRST_TICK))) {
            assertThat(store.restoreReport().restoredInstruments()).isEqualTo(1);
            assertThat(store.read(7, ChainStore.newRecord())).isFalse();
            assertThat(after.byId(7)).isNull();
        }
    }

    /** @return the time of the last tick applied */
    private static long applyRandomTicks(ChainStore store, List<Instrument> instruments, int count) {
        Random random = new Random(7);
        long now = FIRST_TICK;
        for (Instrument instrument : instruments) {
            store.apply(tick(instrument.id(), 100 + random.nextInt(1_000)), now);
        }
        for (int i = 0; i < count; i++) {
            now += random.nextInt(20);
            TickEvent tick = tick(instruments.get(random.nextInt(instruments.size())).id(), 0);
            tick.ltp = 50 + random.nextInt(20_000) / 20.0;
            tick.fields |= random.nextBoolean() ? TickEvent.DEPTH | TickEvent.OI : TickEvent.VOLUME;
            tick.oi = random.nextInt(1_000_000);
            tick.volume = random.nextInt(10_000_000);
            tick.bidLevels = random.nextInt(6);
            tick.askLevels = random.nextInt(6);
            for (int level = 0; level < TickEvent.DEPTH_LEVELS; level++) {
                tick.bidPrice[level] = tick.ltp - 0.05 * (level + 1);
                tick.bidQuantity[level] = 75L * random.nextInt(100);
                tick.bidOrders[level] = random.nextInt(30);
                tick.askPrice[level] = tick.ltp + 0.05 * (level + 1);
                tick.askQuantity[level] = 75L * random.nextInt(100);
                tick.askOrders[level] = random.nextInt(30);
            }
            store.apply(tick, now);
        }
        return now;
    }

    static TickEvent tick(int instrumentId, double ltp) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = instrumentId;
        tick.fields = TickEvent.LTP;
        tick.ltp = ltp;
        return tick;
    }

    static Clock clockAt(long epochMillis) {
        return Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
