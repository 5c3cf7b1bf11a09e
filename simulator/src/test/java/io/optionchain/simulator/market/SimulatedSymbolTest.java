package io.optionchain.simulator.market;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedSymbolTest {
    @Test
    void shouldParseAnOptionSymbol() {
        SimulatedSymbol symbol = SimulatedSymbol.parse("NIFTY25NOV2524500CE", "NFO").orElseThrow();
        assertThat(symbol.index()).isEqualTo(SimulatedIndex.NIFTY);
        assertThat(symbol.expiry()).isEqualTo(LocalDate.of(2025, 11, 25));
        assertThat(symbol.strike()).isEqualTo(24_500);
        assertThat(symbol.call()).isTrue();
        assertThat(symbol.isIndex()).isFalse();
    }

    @Test
    void shouldTellBankNiftyFromNifty() {
        SimulatedSymbol symbol = SimulatedSymbol.parse("BANKNIFTY30SEP2652000PE", "NFO").orElseThrow();
        assertThat(symbol.index()).isEqualTo(SimulatedIndex.BANKNIFTY);
        assertThat(symbol.call()).isFalse();
    }

    @Test
    void shouldSpellWhatItParses() {
        SimulatedSymbol symbol = SimulatedSymbol.option(SimulatedIndex.NIFTY, LocalDate.of(2026, 9, 1), 25_050, false);
        assertThat(symbol.symbol()).isEqualTo("NIFTY01SEP2625050PE");
        assertThat(SimulatedSymbol.parse(symbol.symbol(), "NFO")).contains(symbol);
    }

    @Test
    void shouldParseIndicesOnlyOnNseIndex() {
        assertThat(SimulatedSymbol.parse("NIFTY", "NSE_INDEX").orElseThrow().isIndex()).isTrue();
        assertThat(SimulatedSymbol.parse("NIFTY", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse("NIFTY25NOV2524500CE", "NSE_INDEX")).isEmpty();
    }

    @Test
    void shouldRefuseNonCanonicalOrImpossibleSymbols() {
        assertThat(SimulatedSymbol.parse("NIFTY25NOV2524500.0CE", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse("NIFTY25NOV25024500CE", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse("nifty25nov2524500ce", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse("NIFTY31NOV2524500CE", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse("NIFTY25NOX2524500CE", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse("FINNIFTY25NOV2524500CE", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse("NIFTY25NOV25FUT", "NFO")).isEmpty();
        assertThat(SimulatedSymbol.parse(null, "NFO")).isEmpty();
    }
}
