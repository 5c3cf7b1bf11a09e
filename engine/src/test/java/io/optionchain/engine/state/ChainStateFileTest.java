package io.optionchain.engine.state;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.instrument.InstrumentRegistry;
import net.openhft.chronicle.core.values.IntValue;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

import static io.optionchain.engine.state.ChainStorePersistenceTest.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A chain-state file that cannot be trusted is moved aside with its bytes intact, never used, and a
 * fresh store takes its place; one left open by a dead process is recovered.
 */
class ChainStateFileTest {
    private static final Clock RESTART = Clock.fixed(Instant.parse("2025-11-20T09:15:07Z"), ZoneOffset.UTC);
    private static final String MOVED_NAME = "chain-state.cm3.corrupt-20251120-091507";

    @Test
    void shouldMoveGarbageAsideAndStartAfresh(@TempDir Path data) throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(3).nextBytes(garbage);
        Files.write(data.resolve("chain-state.cm3"), garbage);

        RestoreReport report = assertFreshStoreWorks(data);

        assertThat(report.movedAside()).isEqualTo(data.resolve(MOVED_NAME));
        assertThat(Files.readAllBytes(report.movedAside())).isEqualTo(garbage);
        assertThat(report.problem()).isNotBlank();
    }

    @Test
    void shouldMoveAFileTooShortForAnyHeaderAside(@TempDir Path data) throws IOException {
        Files.write(data.resolve("chain-state.cm3"), new byte[] {1, 2, 3});

        RestoreReport report = assertFreshStoreWorks(data);

        assertThat(Files.readAllBytes(report.movedAside())).containsExactly(1, 2, 3);
        assertThat(report.problem()).contains("3 bytes long");
    }

    @Test
    void shouldMoveATruncatedChainStateFileAside(@TempDir Path data) throws IOException {
        Path file = data.resolve("chain-state.cm3");
        writeRealStore(data, 1_024);
        byte[] whole = Files.readAllBytes(file);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, truncated);

        RestoreReport report = assertFreshStoreWorks(data);

        assertThat(Files.readAllBytes(report.movedAside())).isEqualTo(truncated);
        assertThat(report.problem()).contains("unexpected length");
    }

    @Test
    void shouldMoveAStoreSizedForAnotherCapacityAside(@TempDir Path data) throws IOException {
        writeRealStore(data, 64);
        byte[] written = Files.readAllBytes(data.resolve("chain-state.cm3"));

        RestoreReport report = assertFreshStoreWorks(data);

        assertThat(Files.readAllBytes(report.movedAside())).isEqualTo(written);
        assertThat(report.problem()).contains("another record layout or capacity");
    }

    @Test
    void shouldMoveAMapOfAnotherValueTypeAside(@TempDir Path data) throws IOException {
        Path file = data.resolve("chain-state.cm3");
        try (ChronicleMap<IntValue, LongValue> other = ChronicleMap.of(IntValue.class, LongValue.class)
                .name("chain-state").entries(1_024).createPersistedTo(file.toFile())) {
            assertThat(other.isOpen()).isTrue();
        }
        byte[] written = Files.readAllBytes(file);

        RestoreReport report = assertFreshStoreWorks(data);

        assertThat(Files.readAllBytes(report.movedAside())).isEqualTo(written);
        assertThat(report.problem()).contains("another record layout or capacity");
    }

    @Test
    void shouldRecoverAFileTheLastProcessDidNotClose(@TempDir Path data) throws IOException {
        writeRealStore(data, 1_024);
        // what a killed process leaves behind: the in-use marker, without the lock a live process holds
        Files.createFile(data.resolve("chain-state.cm3.open"));

        InstrumentRegistry registry = new InstrumentRegistry(1_024);
        try (ChainStore store = ChainStore.open(data, registry, RESTART)) {
            RestoreReport report = store.restoreReport();
            assertThat(report.restoredInstruments()).isEqualTo(1);
            assertThat(report.movedAside()).isNull();
            assertThat(report.problem()).contains("recovered");
            QuoteRecord record = ChainStore.newRecord();
            assertThat(store.read(registry.idOf("NIFTY"), record)).isTrue();
            assertThat(record.getLtp()).isEqualTo(24_512.35);
        }
        assertThat(data.resolve("chain-state.cm3.open")).doesNotExist();
        try (ChainStore store = ChainStore.open(data, new InstrumentRegistry(1_024), RESTART)) {
            assertThat(store.restoreReport().problem()).isNull();
        }
    }

    @Test
    void shouldRefuseASecondStoreOnTheSameFile(@TempDir Path data) {
        try (ChainStore first = ChainStore.open(data, new InstrumentRegistry(64), RESTART)) {
            assertThatThrownBy(() -> ChainStore.open(data, new InstrumentRegistry(64), RESTART))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            assertThat(first.size()).isZero();
        }
    }

    private static void writeRealStore(Path data, int capacity) {
        InstrumentRegistry registry = new InstrumentRegistry(capacity);
        try (ChainStore store = ChainStore.open(data, registry, RESTART)) {
            Instrument nifty = registry.registerIndex("NIFTY", "NSE_INDEX");
            store.apply(tick(nifty.id(), 24_512.35), RESTART.millis() - 60_000);
        }
    }

    /** Opens a store over whatever {@code data} holds, checks a fresh one works, and says what happened. */
    private static RestoreReport assertFreshStoreWorks(Path data) {
        InstrumentRegistry registry = new InstrumentRegistry(1_024);
        RestoreReport report;
        try (ChainStore store = ChainStore.open(data, registry, RESTART)) {
            report = store.restoreReport();
            assertThat(report.restoredInstruments()).isZero();
            assertThat(store.size()).isZero();
            Instrument nifty = registry.registerIndex("NIFTY", "NSE_INDEX");
            assertThat(nifty.id()).isZero();
            store.apply(tick(nifty.id(), 24_600), RESTART.millis());
            QuoteRecord record = ChainStore.newRecord();
            assertThat(store.read(nifty.id(), record)).isTrue();
            assertThat(record.getLtp()).isEqualTo(24_600);
        }
        assertThat(report.movedAside()).isNotNull();
        assertThat(report.movedAside().getFileName().toString()).startsWith(MOVED_NAME);
        try (ChainStore reopened = ChainStore.open(data, new InstrumentRegistry(1_024), RESTART)) {
            assertThat(reopened.restoreReport().restoredInstruments()).isEqualTo(1);
            assertThat(reopened.restoreReport().problem()).isNull();
        }
        return report;
    }
}
