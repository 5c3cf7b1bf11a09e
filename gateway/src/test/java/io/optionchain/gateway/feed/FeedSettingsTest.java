package io.optionchain.gateway.feed;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeedSettingsTest {
    @Test
    void shouldAcceptTheDefaults() {
        assertThat(FeedSettings.defaults().maxSymbolsPerMessage()).isEqualTo(100);
    }

    @Test
    void shouldNameTheValueAndTheRuleItBreaks() {
        assertThatIllegalArgumentException().isThrownBy(() -> FeedSettings.defaults().withMaxSymbolsPerMessage(0))
                .withMessage("maxSymbolsPerMessage must be 1..1000, got 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FeedSettings.defaults().withReconnect(Duration.ofSeconds(60), Duration.ofSeconds(30)))
                .withMessage("reconnectMin must be PT0.01S..PT30S, got PT1M");
        assertThatIllegalArgumentException().isThrownBy(() -> new FeedSettings(Duration.ofSeconds(5),
                        Duration.ofSeconds(10), 100, Duration.ofMillis(250), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .withMessage("pingInterval must be below staleAfter, got PT30S >= PT30S");
    }

    @Test
    void shouldLetPingAndStaleChecksBeSwitchedOff() {
        FeedSettings quiet = new FeedSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 100,
                Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
        assertThat(quiet.staleAfter()).isZero();
    }
}
