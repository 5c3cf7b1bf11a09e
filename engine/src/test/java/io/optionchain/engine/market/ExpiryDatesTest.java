package io.optionchain.engine.market;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiryDatesTest {
    private static final LocalDate DEC_02 = LocalDate.of(2025, 12, 2);
    private static final LocalDate NOV_25 = LocalDate.of(2025, 11, 25);
    private static final LocalDate DEC_30 = LocalDate.of(2025, 12, 30);

    @Test
    void shouldParseAndPrintOpenAlgosExpiryFormat() {
        assertThat(ExpiryDates.parse("17-JUL-25")).isEqualTo(LocalDate.of(2025, 7, 17));
        assertThat(ExpiryDates.parse("17-jul-25")).isEqualTo(LocalDate.of(2025, 7, 17));
        assertThat(ExpiryDates.format(LocalDate.of(2025, 7, 17))).isEqualTo("17-JUL-25");
        assertThatThrownBy(() -> ExpiryDates.parse("2025-07-17")).hasMessageContaining("2025-07-17");
    }

    @Test
    void shouldTreatExpiryDayAsCurrentUntilTheClose() {
        List<LocalDate> listed = List.of(DEC_30, NOV_25, DEC_02);
        ZonedDateTime beforeClose = ZonedDateTime.of(2025, 11, 25, 15, 29, 0, 0, ExpiryDates.EXCHANGE_ZONE);
        ZonedDateTime afterClose = beforeClose.plusMinutes(2);
        assertThat(ExpiryDates.nearestUnexpired(listed, beforeClose, 1)).containsExactly(NOV_25);
        assertThat(ExpiryDates.nearestUnexpired(listed, afterClose, 1)).containsExactly(DEC_02);
        assertThat(ExpiryDates.nearestUnexpired(listed, afterClose, 5)).containsExactly(DEC_02, DEC_30);
    }

    @Test
    void shouldMeasureTimeToExpiryToTheCloseOnAnAct365Basis() {
        ZonedDateTime now = ZonedDateTime.of(2025, 11, 24, 15, 30, 0, 0, ExpiryDates.EXCHANGE_ZONE);
        assertThat(ExpiryDates.yearsToExpiry(NOV_25, now)).isCloseTo(1 / 365.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ExpiryDates.yearsToExpiry(NOV_25, now.plusDays(2))).isZero();
    }
}
