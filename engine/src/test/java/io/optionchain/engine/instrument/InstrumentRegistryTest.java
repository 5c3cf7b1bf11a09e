package io.optionchain.engine.instrument;

import io.optionchain.engine.market.OptionType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentRegistryTest {

    @Test
    void shouldAgreeWithAHashMapOnSeededSymbolsLookedUpFromCharBuffers() {
        InstrumentRegistry registry = new InstrumentRegistry(4_096);
        Map<String, Integer> naive = new HashMap<>();
        Random random = new Random(11);
        LocalDate expiry = LocalDate.of(2025, 11, 25);
        for (int i = 0; i < 3_000; i++) {
            String symbol = "NIFTY25NOV25" + (20_000 + 50 * random.nextInt(400)) + (random.nextBoolean() ? "CE" : "PE");
            Instrument instrument = registry.register(symbol, "NFO", "NIFTY", expiry, 0, OptionType.CE);
            naive.putIfAbsent(symbol, instrument.id());
            assertThat(instrument.id()).isEqualTo(naive.get(symbol));
        }
        char[] frame = new char[64];
        for (int i = 0; i < 20_000; i++) {
            String probe = "NIFTY25NOV25" + (20_000 + 50 * random.nextInt(420)) + (random.nextBoolean() ? "CE" : "PE");
            int offset = random.nextInt(16);
            probe.getChars(0, probe.length(), frame, offset);
            int expected = naive.getOrDefault(probe, InstrumentRegistry.NOT_FOUND);
            assertThat(registry.idOf(frame, offset, probe.length())).isEqualTo(expected);
            assertThat(registry.idOf(probe)).isEqualTo(expected);
        }
        assertThat(registry.size()).isEqualTo(naive.size());
    }

    @Test
    void shouldReturnTheSameInstrumentWhenRegisteredTwice() {
        InstrumentRegistry registry = new InstrumentRegistry(4);
        Instrument first = registry.registerIndex("NIFTY", "NSE_INDEX");
        assertThat(registry.registerIndex("NIFTY", "NSE_INDEX")).isSameAs(first);
        assertThat(registry.byId(first.id())).isSameAs(first);
        assertThat(registry.byId(99)).isNull();
    }

    @Test
    void shouldRefuseToGrowPastItsCapacityWithAClearMessage() {
        InstrumentRegistry registry = new InstrumentRegistry(1);
        registry.registerIndex("NIFTY", "NSE_INDEX");
        assertThatThrownBy(() -> registry.registerIndex("BANKNIFTY", "NSE_INDEX"))
                .hasMessageContaining("full at 1 instruments");
    }

    @Test
    void shouldRestoreInstrumentsUnderTheirOwnIdsAndRegisterNewOnesAboveTheHighest() {
        InstrumentRegistry registry = new InstrumentRegistry(64);
        LocalDate expiry = LocalDate.of(2025, 11, 25);
        Instrument nifty = new Instrument(0, "NIFTY", "NSE_INDEX", "NIFTY", null, 0, null);
        Instrument call = new Instrument(5, "NIFTY25NOV2524500CE", "NFO", "NIFTY", expiry, 24_500, OptionType.CE);
        registry.restore(List.of(call, nifty));

        assertThat(registry.byId(5)).isEqualTo(call);
        assertThat(registry.idOf("NIFTY25NOV2524500CE".toCharArray(), 0, 19)).isEqualTo(5);
        assertThat(registry.byId(3)).isNull();
        assertThat(registry.registerIndex("NIFTY", "NSE_INDEX")).isSameAs(registry.byId(0));
        assertThat(registry.register("NIFTY25NOV2524550CE", "NFO", "NIFTY", expiry, 24_550, OptionType.CE).id())
                .isEqualTo(6);
        assertThat(registry.size()).isEqualTo(7);
    }

    @Test
    void shouldRefuseARestoreThatCouldGiveAnIdTwoMeanings() {
        InstrumentRegistry registered = new InstrumentRegistry(8);
        registered.registerIndex("NIFTY", "NSE_INDEX");
        assertThatThrownBy(() -> registered.restore(List.of(index(1, "BANKNIFTY"))))
                .hasMessageContaining("before any registration");

        InstrumentRegistry fresh = new InstrumentRegistry(8);
        assertThatThrownBy(() -> fresh.restore(List.of(index(1, "NIFTY"), index(2, "NIFTY"))))
                .hasMessageContaining("restored twice");
        assertThatThrownBy(() -> fresh.restore(List.of(index(8, "NIFTY"))))
                .hasMessageContaining("outside the registry's capacity of 8");
        assertThat(fresh.size()).isZero();
    }

    private static Instrument index(int id, String symbol) {
        return new Instrument(id, symbol, "NSE_INDEX", symbol, null, 0, null);
    }
}
