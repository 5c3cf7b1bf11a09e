package io.optionchain.engine.market;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class OptionSymbolTest {

    @Test
    void shouldSpellSymbolsAsOpenAlgoDoes() {
        assertThat(OptionSymbol.of("NIFTY", LocalDate.of(2025, 7, 17), 24_500, OptionType.CE))
                .isEqualTo("NIFTY17JUL2524500CE");
        assertThat(OptionSymbol.of("BANKNIFTY", LocalDate.of(2025, 7, 17), 50_000, OptionType.PE))
                .isEqualTo("BANKNIFTY17JUL2550000PE");
    }

    @Test
    void shouldKeepDecimalsOfAFractionalStrikeOnly() {
        assertThat(OptionSymbol.of("VEDL", LocalDate.of(2025, 4, 24), 292.5, OptionType.CE))
                .isEqualTo("VEDL24APR25292.5CE");
        assertThat(OptionSymbol.strikeText(24_500.0)).isEqualTo("24500");
    }
}
