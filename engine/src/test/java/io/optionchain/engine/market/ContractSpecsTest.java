package io.optionchain.engine.market;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractSpecsTest {
    /** The seed's NIFTY, as a config not yet updated still has it. */
    private static final Underlying NIFTY = new Underlying("NIFTY", "NSE_INDEX", "NFO", 75, new BigDecimal("50"), 20, 2,
            1_800);
    private static final LocalDate WEEKLY = LocalDate.of(2026, 12, 8);
    private static final LocalDate MONTHLY = LocalDate.of(2026, 12, 29);

    private final ContractSpecs specs = new ContractSpecs();

    @Test
    void shouldAnswerTheConfiguredFallbackUntilAChainRecordsWhatTheServerSaid() {
        assertThat(specs.of(NIFTY, WEEKLY)).isEqualTo(new ContractSpec(75, 0.05, 1_800, ContractSource.FALLBACK));
        assertThat(specs.of(NIFTY)).isEqualTo(ContractSpec.fallback(NIFTY));
        assertThat(specs.source("NIFTY")).isEqualTo(ContractSource.FALLBACK);

        specs.record("NIFTY", WEEKLY, new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER));

        assertThat(specs.of(NIFTY, WEEKLY).lotSize()).isEqualTo(65);
        assertThat(specs.of(NIFTY).lotSize()).isEqualTo(65);
        assertThat(specs.source("NIFTY")).isEqualTo(ContractSource.SERVER);
    }

    /** While a revision phases in, the near expiry may still trade in the old lot and the next in the new one. */
    @Test
    void shouldAnswerEachExpiryItsOwnAndAnUnwatchedExpiryTheNearestWatchedOnes() {
        specs.record("NIFTY", WEEKLY, new ContractSpec(75, 0.05, 1_800, ContractSource.SERVER));
        specs.record("NIFTY", MONTHLY, new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER));

        assertThat(specs.of(NIFTY, WEEKLY).lotSize()).isEqualTo(75);
        assertThat(specs.of(NIFTY, MONTHLY).lotSize()).isEqualTo(65);
        assertThat(specs.of(NIFTY, LocalDate.of(2026, 12, 1)).lotSize()).isEqualTo(75);
        assertThat(specs.of(NIFTY, LocalDate.of(2026, 12, 15)).lotSize()).isEqualTo(75);
        assertThat(specs.of(NIFTY, LocalDate.of(2026, 12, 22)).lotSize()).isEqualTo(65);
        assertThat(specs.of(NIFTY, LocalDate.of(2027, 3, 30)).lotSize()).isEqualTo(65);
        assertThat(specs.of(NIFTY).lotSize()).as("today's: the nearest expiry's").isEqualTo(75);
    }

    @Test
    void shouldTakeEachFieldTheServerGaveAndTheRestFromConfigAndSaySo() {
        assertThat(ContractSpec.merged(65, 0.05, 1_800, NIFTY))
                .isEqualTo(new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER));
        assertThat(ContractSpec.merged(65, 0.1, null, NIFTY))
                .isEqualTo(new ContractSpec(65, 0.1, 1_800, ContractSource.PARTIAL));
        assertThat(ContractSpec.merged(null, null, null, NIFTY))
                .isEqualTo(new ContractSpec(75, 0.05, 1_800, ContractSource.FALLBACK));
        // a configured freeze quantity below the server's lot cannot be the exchange's: exits then go whole
        assertThat(ContractSpec.merged(2_000, 0.05, null, NIFTY))
                .isEqualTo(new ContractSpec(2_000, 0.05, 0, ContractSource.PARTIAL));
    }

    @Test
    void shouldSliceInTheMostWholeLotsWithinTheFreezeQuantity() {
        ContractSpec spec = new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER);
        assertThat(spec.sliceQuantity(1_820, 65)).as("28 lots: 27 a slice").isEqualTo(1_755);
        assertThat(spec.sliceQuantity(1_755, 65)).isEqualTo(1_755);
        assertThat(spec.sliceQuantity(1_875, 75)).as("a leg opened in the old lot keeps it").isEqualTo(1_800);
        assertThat(new ContractSpec(65, 0.05, 0, ContractSource.FALLBACK).sliceQuantity(100_000, 65))
                .isEqualTo(100_000);
    }

    @Test
    void shouldRefuseValuesNoExchangeLists() {
        assertThatThrownBy(() -> new ContractSpec(0, 0.05, 0, ContractSource.SERVER)).hasMessageContaining("lot_size");
        assertThatThrownBy(() -> new ContractSpec(65, 0, 0, ContractSource.SERVER)).hasMessageContaining("tick_size");
        assertThatThrownBy(() -> new ContractSpec(65, Double.NaN, 0, ContractSource.SERVER))
                .hasMessageContaining("tick_size");
        assertThatThrownBy(() -> new ContractSpec(65, 0.05, 1, ContractSource.SERVER))
                .hasMessageContaining("freeze_quantity");
    }
}
