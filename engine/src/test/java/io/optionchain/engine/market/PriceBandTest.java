package io.optionchain.engine.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceBandTest {
    private static final PriceBand NSE = PriceBand.NSE_INDEX_OPTIONS;
    private static final double TICK = 0.05;

    @Test
    void shouldDrawNsesBandAroundItsPublishedExamples() {
        // brokers' worked examples of circular NSE/FAOP/54242: ₹100 → 60..140, ₹80 → 48..112, ₹30 → 10..50
        assertThat(NSE.low(100, TICK)).isEqualTo(60.0);
        assertThat(NSE.high(100, TICK)).isEqualTo(140.0);
        assertThat(NSE.low(80, TICK)).isEqualTo(48.0);
        assertThat(NSE.high(80, TICK)).isEqualTo(112.0);
        assertThat(NSE.low(30, TICK)).isEqualTo(10.0);
        assertThat(NSE.high(30, TICK)).isEqualTo(50.0);
    }

    @Test
    void shouldBeTwentyRupeesUpToFiftyAndFortyPercentAbove() {
        assertThat(NSE.halfWidth(50)).as("the rows meet at ₹50").isEqualTo(20.0);
        assertThat(NSE.halfWidth(49.95)).isEqualTo(20.0);
        assertThat(NSE.halfWidth(50.05)).isCloseTo(20.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(NSE.halfWidth(250)).isEqualTo(100.0);
        assertThat(NSE.halfWidth(0.05)).isEqualTo(20.0);
    }

    @Test
    void shouldPutTheEdgesOnTheTickInwardsAndNeverBelowOneTick() {
        // 83.35 ± 33.34: 50.01..116.69 on the exchange's side, 50.05..116.65 on the grid inside it
        assertThat(NSE.low(83.35, TICK)).isEqualTo(50.05);
        assertThat(NSE.high(83.35, TICK)).isEqualTo(116.65);
        assertThat(NSE.low(12.5, TICK)).as("12.50 − 20 is below zero").isEqualTo(0.05);
        assertThat(NSE.high(12.5, TICK)).isEqualTo(32.5);
    }

    @Test
    void shouldAcceptASellDownToTheLowAndABuyUpToTheHigh() {
        assertThat(NSE.accepts(true, 60.0, 100, TICK)).isTrue();
        assertThat(NSE.accepts(true, 59.95, 100, TICK)).isFalse();
        assertThat(NSE.accepts(true, 5_000, 100, TICK)).as("a sell above the band is the exchange's gift").isTrue();
        assertThat(NSE.accepts(false, 140.0, 100, TICK)).isTrue();
        assertThat(NSE.accepts(false, 140.05, 100, TICK)).isFalse();
        assertThat(NSE.accepts(false, 0.05, 100, TICK)).isTrue();
        assertThat(NSE.accepts(true, 0.05, 0, TICK)).as("no reference: nothing to refuse against").isTrue();
    }

    @Test
    void shouldClampASellUpToTheLowAndABuyDownToTheHigh() {
        assertThat(NSE.clamp(true, 39.0, 100, TICK)).isEqualTo(60.0);
        assertThat(NSE.clamp(true, 98.95, 100, TICK)).isEqualTo(98.95);
        assertThat(NSE.clamp(false, 171.05, 100, TICK)).isEqualTo(140.0);
        assertThat(NSE.clamp(false, 101.05, 100, TICK)).isEqualTo(101.05);
        assertThat(NSE.clamp(true, 39.0, 0, TICK)).isEqualTo(39.0);
        assertThat(NSE.clamp(true, Double.NaN, 100, TICK)).isNaN();
    }

    @Test
    void shouldTakeBsesShapeToo() {
        PriceBand bse = new PriceBand(60, 30);
        assertThat(bse.low(100, TICK)).isEqualTo(40.0);
        assertThat(bse.high(40, TICK)).isEqualTo(70.0);
    }

    @Test
    void shouldRefuseABandThatIsNoBand() {
        assertThatThrownBy(() -> new PriceBand(0, 20)).hasMessage("percent must be above 0 and at most 100, got 0.0");
        assertThatThrownBy(() -> new PriceBand(Double.NaN, 20)).hasMessageStartingWith("percent must be");
        assertThatThrownBy(() -> new PriceBand(40, -1)).hasMessage("minimum must be 0..10000 rupees, got -1.0");
    }
}
