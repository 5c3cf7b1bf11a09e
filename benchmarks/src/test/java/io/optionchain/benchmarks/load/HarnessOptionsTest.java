package io.optionchain.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessOptionsTest {
    @Test
    void shouldDefaultToTheIssuesRatesAndTwoThousandOptions() {
        HarnessOptions options = HarnessOptions.parse(new String[0]);
        assertThat(options.rates()).containsExactly(2_000, 10_000, 50_000, 100_000);
        assertThat(options.options()).isEqualTo(2_000);
        assertThat(options.baseline()).isTrue();
        assertThat(options.window()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldShortenEverythingWhenQuickAndTakeSetupsAsWritten() {
        HarnessOptions options = HarnessOptions.parse(new String[] {"--quick", "--rates", "50000,2000",
                "--setup", "one-stage/yielding", "--compare", "blocking,three-stage/busy-spin", "--no-baseline"});
        assertThat(options.window()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.rates()).containsExactly(2_000, 50_000);
        assertThat(options.setup()).isEqualTo(new Setup(Topology.ONE_STAGE, WaitChoice.YIELDING));
        assertThat(options.compare()).isEqualTo(List.of(new Setup(Topology.ONE_STAGE, WaitChoice.BLOCKING),
                new Setup(Topology.THREE_STAGES, WaitChoice.BUSY_SPIN)));
        assertThat(options.baseline()).isFalse();
    }

    @Test
    void shouldNameTheValueAndTheRuleOfAMistake() {
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--instruments", "2001"}))
                .hasMessage("instruments must be a multiple of 4 in 200..3000, got 2001");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--setup", "spinning"}))
                .hasMessageContaining("got 'spinning'");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--rates"}))
                .hasMessage("--rates needs a value");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--duration", "ten"}))
                .hasMessage("--duration must be a whole number, got 'ten'");
    }
}
