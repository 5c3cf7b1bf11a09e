package io.optionchain.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class RateSearchTest {
    private final RateSearch search = RateSearch.defaults();

    @Test
    void shouldGrowTheBestRateUntilSomethingFails() {
        TreeMap<Integer, Boolean> outcomes = new TreeMap<>(Map.of(2_000, true, 10_000, true, 100_000, true));
        assertThat(search.next(outcomes)).hasValue(125_000);
    }

    @Test
    void shouldBisectGeometricallyBetweenTheBestPassAndTheLowestFailure() {
        TreeMap<Integer, Boolean> outcomes = new TreeMap<>(Map.of(50_000, true, 100_000, false));
        assertThat(search.next(outcomes)).hasValue(71_000);
        outcomes.put(71_000, true);
        assertThat(search.next(outcomes)).hasValue(84_000);
        outcomes.put(84_000, false);
        assertThat(search.next(outcomes)).hasValue(77_000);
        outcomes.put(77_000, true);
        assertThat(search.next(outcomes)).as("84k is within 10%% of 77k").isEmpty();
        assertThat(search.best(outcomes)).hasValue(77_000);
    }

    @Test
    void shouldTakeAFailureBelowAPassForNoise() {
        TreeMap<Integer, Boolean> outcomes = new TreeMap<>(Map.of(2_000, false, 10_000, true, 50_000, true,
                100_000, false));
        assertThat(search.best(outcomes)).hasValue(50_000);
        assertThat(search.next(outcomes)).hasValue(71_000);
    }

    @Test
    void shouldHalveDownwardsWhenNothingPassedAndStopAtTheGrain() {
        TreeMap<Integer, Boolean> outcomes = new TreeMap<>(Map.of(2_000, false));
        assertThat(search.next(outcomes)).hasValue(1_000);
        outcomes.put(1_000, false);
        assertThat(search.next(outcomes)).isEqualTo(OptionalInt.empty());
        assertThat(search.best(outcomes)).isEmpty();
    }

    @Test
    void shouldSustainOnlyWithoutLossAtNearlyTheOfferedRateAndATameTail() {
        assertThat(search.sustained(result(100_000, 99_000, 0, 900))).isTrue();
        assertThat(search.sustained(result(100_000, 94_000, 0, 900))).as("throughput").isFalse();
        assertThat(search.sustained(result(100_000, 99_000, 1, 900))).as("one tick lost").isFalse();
        assertThat(search.sustained(result(100_000, 99_000, 0, 6_000))).as("p99.9 of 6 ms").isFalse();
    }

    private static RateResult result(int rate, double throughput, long dropped, long p999Micros) {
        Histogram latency = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < 999; i++) {
            latency.recordValue(10_000);
        }
        latency.recordValue(p999Micros * 1_000);
        latency.recordValue(p999Micros * 1_000);
        return new RateResult("ours", "test", rate, rate, throughput, dropped, 0, 0, latency, 100, 1, 1, 0, Map.of());
    }
}
