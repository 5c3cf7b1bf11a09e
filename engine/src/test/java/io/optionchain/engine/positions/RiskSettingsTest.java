package io.optionchain.engine.positions;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskSettingsTest {

    @Test
    void shouldNameTheFieldAndItsLimitsWhenAValueIsOutOfRange() {
        RiskSettings d = RiskSettings.defaults();
        assertThatThrownBy(() -> d.withPricing(-1, 2)).hasMessage("exit_buffer must be 0.0..1000.0, got -1.0");
        assertThatThrownBy(() -> d.withPricing(1, 0)).hasMessage("spread_tolerance must be 0.05..10000.0, got 0.0");
        assertThatThrownBy(() -> d.withMaxQuoteAge(Duration.ofMillis(10)))
                .hasMessage("max_quote_age must be PT0.05S..PT1M, got PT0.01S");
        assertThatThrownBy(() -> d.withReprices(Duration.ofSeconds(1), 101))
                .hasMessage("max_reprices must be 0..100, got 101");
        assertThatThrownBy(() -> d.withNearStopPercent(Double.NaN))
                .hasMessage("near_stop_percent must be 0.0..100.0, got NaN");
        assertThatThrownBy(() -> d.withMaxQuoteAge(null)).hasMessage("max_quote_age must be set");
    }

    @Test
    void shouldStartFromSensibleDefaults() {
        RiskSettings d = RiskSettings.defaults();
        assertThat(d.tickSize()).isEqualTo(0.05);
        assertThat(d.exitBuffer()).isEqualTo(1.0);
        assertThat(d.maxQuoteAge()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.maxReprices()).isEqualTo(5);
    }
}
