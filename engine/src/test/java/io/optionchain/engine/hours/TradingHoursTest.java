package io.optionchain.engine.hours;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TradingHoursTest {
    private static final TradingHours NSE = TradingHours.nse(Set.of(LocalDate.of(2026, 1, 26)));

    @Test
    void shouldBeOpenOnlyInTheSessionOnTradingDaysInIndianTime() {
        assertThat(NSE.isOpen(ist("2026-11-25T09:14:59"))).as("before the open").isFalse();
        assertThat(NSE.isOpen(ist("2026-11-25T09:15:00"))).as("at the open").isTrue();
        assertThat(NSE.isOpen(ist("2026-11-25T15:29:59"))).isTrue();
        assertThat(NSE.isOpen(ist("2026-11-25T15:30:00"))).as("at the close").isFalse();
        assertThat(NSE.isOpen(ist("2026-11-28T11:00:00"))).as("a Saturday").isFalse();
        assertThat(NSE.isOpen(ist("2026-01-26T11:00:00"))).as("Republic Day").isFalse();
        // 04:00 UTC is 09:30 IST: the zone is the exchange's, not the machine's
        assertThat(NSE.isOpen(ZonedDateTime.parse("2026-11-25T04:00:00Z").toInstant())).isTrue();
    }

    @Test
    void shouldAlwaysBeOpenForTheSimulatedMarket() {
        assertThat(TradingHours.always().isOpen(ist("2026-11-28T23:59:59"))).isTrue();
        assertThat(TradingHours.always().isOpen(ist("2026-11-29T00:00:00"))).isTrue();
    }

    private static java.time.Instant ist(String local) {
        return ZonedDateTime.parse(local + "+05:30[Asia/Kolkata]").toInstant();
    }
}
