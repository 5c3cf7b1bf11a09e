package io.optionchain.benchmarks.soak;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakOptionsTest {
    private static final Path ROOT = Path.of("/project");

    @Test
    void shouldDefaultToTheIssuesSoak() {
        SoakOptions options = SoakOptions.parse(ROOT, new String[0]);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.rate()).isEqualTo(500);
        assertThat(options.streams()).isEqualTo(64);
        assertThat(options.positions()).isEqualTo(1_000);
        assertThat(options.launcher()).isEqualTo(ROOT.resolve("bin/optionchain"));
        assertThat(options.output()).isEqualTo(ROOT.resolve("benchmarks/results/soak"));
        assertThat(options.nativeMemory()).isFalse();
        // production's shape: the market is another process's memory, not the application's
        assertThat(options.market()).isEqualTo(SoakMarket.Placement.SEPARATE);
    }

    @Test
    void shouldPutTheMarketInsideTheApplicationOnlyWhenAsked() {
        assertThat(SoakOptions.parse(ROOT, new String[] {"--market", "embedded"}).market())
                .isEqualTo(SoakMarket.Placement.EMBEDDED);
        assertThat(SoakOptions.parse(ROOT, new String[] {"--market", "separate", "--seconds", "60"}).market())
                .isEqualTo(SoakMarket.Placement.SEPARATE);
    }

    @Test
    void shouldKeepThePositionsPaceInAShorterRunUnlessTheyAreGiven() {
        assertThat(SoakOptions.parse(ROOT, new String[] {"--seconds", "60"}).positions()).isEqualTo(100);
        SoakOptions given = SoakOptions.parse(ROOT, new String[] {"--positions", "40", "--seconds", "60",
                "--native-memory", "--out", "/tmp/soak"});
        assertThat(given.positions()).isEqualTo(40);
        assertThat(given.nativeMemory()).isTrue();
        assertThat(given.output()).isEqualTo(Path.of("/tmp/soak"));
    }

    @Test
    void shouldNameTheValueAndTheRuleOfAMistake() {
        assertThatThrownBy(() -> SoakOptions.parse(ROOT, new String[] {"--streams", "65"}))
                .hasMessage("streams must be 0..64 (the application's max_clients), got 65");
        assertThatThrownBy(() -> SoakOptions.parse(ROOT, new String[] {"--seconds", "10"}))
                .hasMessage("seconds must be 30..86400, got 10");
        assertThatThrownBy(() -> SoakOptions.parse(ROOT, new String[] {"--rate"}))
                .hasMessage("--rate needs a value");
        assertThatThrownBy(() -> SoakOptions.parse(ROOT, new String[] {"--hold-seconds", "ten"}))
                .hasMessage("--hold-seconds must be a whole number, got 'ten'");
        assertThatThrownBy(() -> SoakOptions.parse(ROOT, new String[] {"--market", "remote"}))
                .hasMessage("--market must be separate or embedded, got 'remote'");
    }
}
