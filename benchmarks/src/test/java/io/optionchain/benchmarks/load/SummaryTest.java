package io.optionchain.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTest {
    @Test
    void shouldPrintTheIssuesJsonKeysInOrderWithMicrosecondsAndMegabytes() {
        Histogram ours = new Histogram(60_000_000_000L, 3);
        ours.recordValue(1_500);
        RateResult top = new RateResult("ours", "three-stage/sleeping", 120_000, 120_010, 119_876.4, 0, 0, 0, ours,
                201.26, 1.2, 0.6, 0, Map.of());
        RateResult seed = new RateResult("baseline", "seed", 120_000, 120_000, 3_421.6, 400_000, 400_000, 0, ours,
                240, 1, 0.6, 0, Map.of());

        String json = Summary.of(top, seed).toJson();

        assertThat(json).isEqualTo("{\"rate\":120000, \"throughput\":119876, \"dropped\":0, \"p50_us\":1.5, "
                + "\"p99_us\":1.5, \"p999_us\":1.5, \"max_us\":1.5, \"rss_mb\":201.3, "
                + "\"baseline_throughput\":3422, \"ratio\":35.0}");
    }

    @Test
    void shouldWriteNullsWhenNoBaselineRan() {
        Histogram ours = new Histogram(60_000_000_000L, 3);
        ours.recordValue(1_000);
        RateResult top = new RateResult("ours", "x", 2_000, 2_000, 2_000, 0, 0, 0, ours, 180, 0.2, 0.1, 0, Map.of());
        assertThat(Summary.of(top, null).toJson()).endsWith("\"baseline_throughput\":null, \"ratio\":null}");
    }
}
