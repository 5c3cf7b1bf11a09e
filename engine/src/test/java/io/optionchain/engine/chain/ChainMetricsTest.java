package io.optionchain.engine.chain;

import io.optionchain.engine.market.OptionType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChainMetricsTest {

    /**
     * Worked on paper, strikes 100/110/120:
     * <pre>
     *   strike  CE OI  PE OI
     *    100     50      0
     *    110     10     10
     *    120     10     60
     *   settle 100: calls 0                  puts 10×10 + 60×20 = 1300
     *   settle 110: calls 50×10 = 500        puts 60×10 = 600         → 1100
     *   settle 120: calls 50×20 + 10×10 = 1100  puts 0                → 1100
     * </pre>
     * 110 and 120 tie at 1100; the lower strike wins.
     */
    @Test
    void shouldFindMaxPainWorkedOnPaper() {
        List<ChainRow> rows = List.of(
                row(-1, 100, 50, 0, 1_000, 0),
                row(0, 110, 10, 10, 2_000, 3_000),
                row(1, 120, 10, 60, 500, 6_000));
        assertThat(ChainMetrics.maxPain(rows)).isEqualTo(110.0);
    }

    @Test
    void shouldMoveMaxPainTowardsTheHeavyPutWall() {
        // puts pile at 120 and calls at 120 too: settling at 120 pays only calls below it
        List<ChainRow> rows = List.of(
                row(-1, 100, 0, 0, 0, 0),
                row(0, 110, 5, 0, 0, 0),
                row(1, 120, 100, 100, 0, 0));
        // settle 100: puts 100×20 = 2000; 110: calls 0, puts 100×10 = 1000; 120: calls 5×10 = 50
        assertThat(ChainMetrics.maxPain(rows)).isEqualTo(120.0);
    }

    @Test
    void shouldSumVolumeAndOiAndTakeRatiosOfPutsOverCalls() {
        List<ChainRow> rows = List.of(
                row(-1, 100, 50, 0, 1_000, 0),
                row(0, 110, 10, 10, 2_000, 3_000),
                row(1, 120, 10, 60, 500, 6_000));
        MarketMetrics metrics = ChainMetrics.of(rows, 65);
        assertThat(metrics.totalCeOi()).isEqualTo(70);
        assertThat(metrics.totalPeOi()).isEqualTo(70);
        assertThat(metrics.totalCeVolume()).isEqualTo(3_500);
        assertThat(metrics.totalPeVolume()).isEqualTo(9_000);
        assertThat(metrics.pcr()).isEqualTo(1.0);
        assertThat(metrics.pcrVolume()).isCloseTo(9_000 / 3_500.0, within(1e-12));
    }

    @Test
    void shouldLeaveRatiosAndMaxPainNullOnAnEmptyChain() {
        List<ChainRow> rows = List.of(row(0, 110, 0, 0, 0, 0), row(1, 120, 0, 0, 0, 0));
        MarketMetrics metrics = ChainMetrics.of(rows, 65);
        assertThat(metrics.pcr()).isNull();
        assertThat(metrics.pcrVolume()).isNull();
        assertThat(metrics.maxPain()).isNull();
        assertThat(metrics.ivSkew()).isNull();
    }

    @Test
    void shouldDivideMeanOtmPutIvByMeanOtmCallIvOverFiveStrikesEachSide() {
        List<ChainRow> rows = new java.util.ArrayList<>();
        for (int offset = -7; offset <= 7; offset++) {
            // puts below ATM at 0.18 (0.50 beyond the fifth strike, which must be ignored), calls above at 0.12
            Double putIv = offset < 0 ? (offset < -5 ? 0.50 : 0.18) : 0.10;
            Double callIv = offset > 0 ? (offset > 5 ? 0.50 : 0.12) : 0.30;
            rows.add(new ChainRow("x", 100 + offset, offset, leg(OptionType.CE, 0, 0, callIv),
                    leg(OptionType.PE, 0, 0, putIv)));
        }
        assertThat(ChainMetrics.ivSkew(rows)).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void shouldSkipLegsWithoutIvInTheSkew() {
        List<ChainRow> rows = List.of(
                new ChainRow("ITM2", 90, -2, leg(OptionType.CE, 0, 0, null), leg(OptionType.PE, 0, 0, 0.20)),
                new ChainRow("ITM1", 95, -1, leg(OptionType.CE, 0, 0, null), leg(OptionType.PE, 0, 0, null)),
                new ChainRow("ATM", 100, 0, leg(OptionType.CE, 0, 0, null), leg(OptionType.PE, 0, 0, null)),
                new ChainRow("OTM1", 105, 1, leg(OptionType.CE, 0, 0, 0.10), leg(OptionType.PE, 0, 0, null)));
        assertThat(ChainMetrics.ivSkew(rows)).isCloseTo(2.0, within(1e-12));
    }

    private static ChainRow row(int offset, double strike, long ceOi, long peOi, long ceVolume, long peVolume) {
        return new ChainRow("T", strike, offset, leg(OptionType.CE, ceOi, ceVolume, null),
                leg(OptionType.PE, peOi, peVolume, null));
    }

    private static LegQuote leg(OptionType type, long oi, long volume, Double iv) {
        return new LegQuote("S" + type, type, "T", 1.0, 0.95, 1.05, 75L, 75L, 0.1, volume, oi, iv,
                List.of(), List.of(), 1L);
    }
}
