package io.optionchain.options;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Black76Test {

    @Test
    void shouldMatchAReferencePrice() {
        // F=100, K=100, T=1, vol=20%, r=0: ATM call = F(2N(0.1)-1) = 7.965567...
        assertThat(Black76.price(true, 100, 100, 1, 0.2, 0)).isCloseTo(7.9656, within(1e-3));
        assertThat(Black76.price(false, 100, 100, 1, 0.2, 0)).isCloseTo(7.9656, within(1e-3));
    }

    @Test
    void shouldSatisfyPutCallParity() {
        double call = Black76.price(true, 24_500, 24_300, 7 / 365.0, 0.13, 0.0);
        double put = Black76.price(false, 24_500, 24_300, 7 / 365.0, 0.13, 0.0);
        assertThat(call - put).isCloseTo(200, within(1e-6));
    }

    @Test
    void shouldRecoverTheVolatilityThatPricedAPremium() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            boolean call = random.nextBoolean();
            double forward = 20_000 + random.nextDouble() * 40_000;
            double strike = forward * (0.9 + random.nextDouble() * 0.2);
            double years = (1 + random.nextInt(60)) / 365.0;
            double vol = 0.08 + random.nextDouble() * 0.4;
            double premium = Black76.price(call, forward, strike, years, vol, 0);
            double intrinsic = Math.max(0, call ? forward - strike : strike - forward);
            if (premium - intrinsic < 0.5) {
                continue; // a deep option's time value is lost in rounding; no solver can recover its vol
            }
            assertThat(Black76.impliedVol(call, forward, strike, years, premium, 0)).isCloseTo(vol, within(1e-4));
        }
    }

    @Test
    void shouldReturnNanWhereNoVolatilityPricesThePremium() {
        assertThat(Black76.impliedVol(true, 24_500, 24_000, 7 / 365.0, 400, 0)).isNaN(); // below intrinsic 500
        assertThat(Black76.impliedVol(true, 24_500, 24_000, 0, 600, 0)).isNaN();
        assertThat(Black76.impliedVol(true, 24_500, 24_000, 7 / 365.0, 0, 0)).isNaN();
    }
}
