package io.optionchain.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentMemoryTest {
    @Test
    void shouldReadAnotherProcesssResidentSetAndItsPeak() {
        ResidentMemory.Reading reading = ResidentMemory.of(ProcessHandle.current().pid());
        assertThat(reading.resident()).isGreaterThan(10);
        assertThat(reading.peak()).isGreaterThanOrEqualTo(reading.resident());
        assertThat(ResidentMemory.megabytes()).isGreaterThan(10);
    }

    @Test
    void shouldSayUnknownForAProcessThatHasGone() {
        assertThat(ResidentMemory.of(Integer.MAX_VALUE).resident()).isEqualTo(-1);
    }
}
