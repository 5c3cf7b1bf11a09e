package io.optionchain.simulator.market;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExpiriesTest {
    private static Instant ist(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), Expiries.EXCHANGE_ZONE).toInstant();
    }

    @Test
    void shouldListEightTuesdayWeekliesPlusThreeMonthliesForNifty() {
        List<LocalDate> expiries = Expiries.options(SimulatedIndex.NIFTY, ist("2025-11-19T10:00"));
        assertThat(expiries).isSorted().doesNotHaveDuplicates();
        assertThat(expiries).allSatisfy(d -> assertThat(d.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY));
        assertThat(expiries.get(0)).isEqualTo(LocalDate.of(2025, 11, 25));
        // Weeklies 25 Nov .. 13 Jan; monthlies 25 Nov, 30 Dec, 27 Jan: the last one is new.
        assertThat(expiries).hasSize(9).endsWith(LocalDate.of(2026, 1, 13), LocalDate.of(2026, 1, 27));
    }

    @Test
    void shouldListTheLastTuesdayOfTheNextThreeMonthsForBankNifty() {
        List<LocalDate> expiries = Expiries.options(SimulatedIndex.BANKNIFTY, ist("2025-11-19T10:00"));
        assertThat(expiries).containsExactly(
                LocalDate.of(2025, 11, 25), LocalDate.of(2025, 12, 30), LocalDate.of(2026, 1, 27));
    }

    @Test
    void shouldKeepTodaysExpiryUntilTheCloseAndDropItAfter() {
        LocalDate tuesday = LocalDate.of(2025, 11, 25);
        assertThat(Expiries.options(SimulatedIndex.NIFTY, ist("2025-11-25T15:29:59")).get(0)).isEqualTo(tuesday);
        assertThat(Expiries.options(SimulatedIndex.NIFTY, ist("2025-11-25T15:30:00")).get(0))
                .isEqualTo(tuesday.plusWeeks(1));
        assertThat(Expiries.options(SimulatedIndex.BANKNIFTY, ist("2025-11-25T16:00")))
                .containsExactly(LocalDate.of(2025, 12, 30), LocalDate.of(2026, 1, 27), LocalDate.of(2026, 2, 24));
    }

    @Test
    void shouldFindLastTuesdays() {
        assertThat(Expiries.lastTuesday(YearMonth.of(2026, 8))).isEqualTo(LocalDate.of(2026, 8, 25));
        assertThat(Expiries.lastTuesday(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2026, 12, 29));
        assertThat(Expiries.lastTuesday(YearMonth.of(2026, 3))).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void shouldSpellExpiriesAsOpenAlgoDoes() {
        assertThat(Expiries.wire(LocalDate.of(2025, 11, 25))).isEqualTo("25-NOV-25");
        assertThat(Expiries.wire(LocalDate.of(2026, 9, 1))).isEqualTo("01-SEP-26");
    }

    @Test
    void shouldCountYearsToTheCloseOnAnAct365Basis() {
        assertThat(Expiries.yearsToExpiry(LocalDate.of(2025, 11, 26), ist("2025-11-25T15:30")))
                .isCloseTo(1.0 / 365, within(1e-12));
        assertThat(Expiries.yearsToExpiry(LocalDate.of(2025, 11, 25), ist("2025-11-25T16:00"))).isZero();
    }
}
