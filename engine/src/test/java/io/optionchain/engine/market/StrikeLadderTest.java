package io.optionchain.engine.market;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StrikeLadderTest {
    private final StrikeLadder nifty = new StrikeLadder(new BigDecimal("50"), 20);
    private final StrikeLadder bankNifty = new StrikeLadder(new BigDecimal("100"), 20);

    @Test
    void shouldRoundToTheNearestStrikeAsTheSeedsExamplesDo() {
        assertThat(nifty.atmStrike(24_567)).isEqualTo(24_550);
        assertThat(bankNifty.atmStrike(52_834)).isEqualTo(52_800);
        assertThat(nifty.atmStrike(24_524.95)).isEqualTo(24_500);
    }

    @Test
    void shouldRoundAnExactHalfStepUp() {
        assertThat(nifty.atmStrike(24_575)).isEqualTo(24_600);
        assertThat(nifty.atmStrike(24_574.95)).isEqualTo(24_550);
        assertThat(bankNifty.atmStrike(52_850)).isEqualTo(52_900);
        assertThat(new StrikeLadder(new BigDecimal("2.5"), 10).atmStrike(101.25)).isEqualTo(102.5);
    }

    @Test
    void shouldAgreeWithDecimalRoundingOnAMillionSeededPrices() {
        Random random = new Random(20261125L);
        for (StrikeLadder ladder : new StrikeLadder[] {nifty, bankNifty, new StrikeLadder(new BigDecimal("2.5"), 5)}) {
            BigDecimal step = BigDecimal.valueOf(ladder.step());
            for (int i = 0; i < 1_000_000 / 3; i++) {
                // prices on the 0.05 tick grid, as the exchange prints them
                BigDecimal price = BigDecimal.valueOf((2_000L + random.nextInt(2_400_000)) * 5, 2);
                long naive = price.divide(step, 0, RoundingMode.HALF_UP).longValueExact();
                assertThat(ladder.atmIndex(price.doubleValue())).as("ATM of %s", price).isEqualTo(naive);
            }
        }
    }

    @Test
    void shouldTagRowsFromTheCallSide() {
        assertThat(StrikeLadder.rowTag(0)).isEqualTo("ATM");
        assertThat(StrikeLadder.rowTag(-20)).isEqualTo("ITM20");
        assertThat(StrikeLadder.rowTag(-1)).isEqualTo("ITM1");
        assertThat(StrikeLadder.rowTag(3)).isEqualTo("OTM3");
    }

    @Test
    void shouldGiveEachLegItsOwnMoneyness() {
        assertThat(StrikeLadder.legTag(-2, OptionType.CE)).isEqualTo("ITM2");
        assertThat(StrikeLadder.legTag(-2, OptionType.PE)).isEqualTo("OTM2");
        assertThat(StrikeLadder.legTag(5, OptionType.PE)).isEqualTo("ITM5");
        assertThat(StrikeLadder.legTag(0, OptionType.PE)).isEqualTo("ATM");
    }
}
