package io.optionchain.options;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Black76GreeksTest {
    private static final String[] NAMES = {"delta", "gamma", "theta", "vega", "rho"};
    private static final double ONE_SECOND = 1 / (365.0 * 24 * 3600);
    private static final double ONE_HOUR = 3600 * ONE_SECOND;

    private final Greeks greeks = new Greeks();

    /**
     * py_vollib's own doctests, {@code py_vollib/black/greeks/analytical.py} (vollib/py_vollib): F = 49, K = 50,
     * r = 5 %, t = 0.3846, σ = 20 %. They pin the units OpenAlgo's {@code optiongreeks} reports (it calls
     * opengreeks, py_vollib's signatures): theta per day, vega per vol point, rho per 1 %.
     */
    @Test
    void shouldMatchPyVollibsPublishedBlackGreeks() {
        Black76.greeks(true, 49, 50, 0.3846, 0.2, 0.05, greeks);
        assertThat(greeks.delta()).isCloseTo(0.45107017482201828, within(1e-15));
        assertThat(greeks.gamma()).isCloseTo(0.0640646705882, within(1e-13));
        assertThat(greeks.theta()).isCloseTo(-0.00816236877462, within(1e-14));
        assertThat(greeks.vega()).isCloseTo(0.118317785624, within(1e-12));
        assertThat(greeks.rho()).isCloseTo(-0.0074705380059582258, within(1e-16));

        Black76.greeks(false, 49, 50, 0.3846, 0.2, 0.05, greeks);
        assertThat(greeks.theta()).isCloseTo(-0.00802799155312, within(1e-14));
        assertThat(greeks.rho()).isCloseTo(-0.011243286001308292, within(1e-16));
        assertThat(greeks.gamma()).isCloseTo(0.0640646705882, within(1e-13));
        assertThat(greeks.vega()).isCloseTo(0.118317785624, within(1e-12));
        // put-call parity on the delta: a put's is the call's less the discount factor
        assertThat(greeks.delta()).isCloseTo(0.45107017482201828 - Math.exp(-0.05 * 0.3846), within(1e-15));
    }

    /**
     * Hull, "Options, Futures, and Other Derivatives" (Black's model, the European put on crude-oil futures):
     * F = K = 20, r = 9 %, T = 4 months, σ = 25 % gives a put worth 1.12.
     */
    @Test
    void shouldMatchHullsBlackModelExample() {
        assertThat(Black76.price(false, 20, 20, 4 / 12.0, 0.25, 0.09)).isCloseTo(1.12, within(0.005));
        assertThat(Black76.price(false, 20, 20, 4 / 12.0, 0.25, 0.09)).isCloseTo(1.1166414565589435, within(1e-14));
    }

    /**
     * The {@code optionchain} answer with Greeks quoted in {@code ../shared/openalgo-protocol.md} (OpenAlgo's
     * docs): NIFTY 24550 CE, forward 24580, IV 14.92 %, expiry_ts − server_ts = 14.9953 days, rate 0. OpenAlgo
     * rounds to four places; its theta was taken a moment later than server_ts, hence the looser bound.
     */
    @Test
    void shouldMatchOpenAlgosChainExampleInItsUnits() {
        double years = (1_787_652_000 - 1_786_356_402) / 86_400.0 / 365;
        Black76.greeks(true, 24_580, 24_550, years, 0.1492, 0, greeks);
        assertThat(greeks.delta()).isCloseTo(0.5221, within(5e-5));
        assertThat(greeks.gamma()).isCloseTo(0.000536, within(5e-7));
        assertThat(greeks.theta()).isCloseTo(-9.8729, within(1e-3));
        assertThat(greeks.vega()).isCloseTo(19.8452, within(5e-5));
    }

    /**
     * The fast Greeks against their naive twin over 20,000 seeded (F, K, T, σ, r) points, calls and puts: strikes
     * up to 40 standard deviations either side (deep in and out of the money, where the density underflows), times
     * from one second to two years with a quarter of them in the last hour of expiry day, σ from 1 % to 300 %.
     */
    @Test
    void shouldAgreeWithTheNaiveTwinWithinOnePartInABillion() {
        Random random = new Random(17);
        int deep = 0;
        int lastHour = 0;
        int wild = 0;
        for (int i = 0; i < 20_000; i++) {
            double forward = Math.exp(Math.log(100) + random.nextDouble() * Math.log(1_000));   // 100 .. 100,000
            double years = random.nextInt(4) == 0 ? ONE_SECOND + random.nextDouble() * (ONE_HOUR - ONE_SECOND)
                    : ONE_HOUR + random.nextDouble() * random.nextDouble() * 2;
            double vol = Math.exp(Math.log(0.01) + random.nextDouble() * Math.log(300));         // 1 % .. 300 %
            double sd = vol * Math.sqrt(years);
            double z = random.nextBoolean() ? -40 + 80 * random.nextDouble() : -4 + 8 * random.nextDouble();
            double strike = forward * Math.exp(z * sd);
            double rate = random.nextInt(5) == 0 ? 0 : random.nextDouble() * 0.15;
            boolean call = random.nextBoolean();
            deep += Math.abs(z) > 8 ? 1 : 0;
            lastHour += years <= ONE_HOUR ? 1 : 0;
            wild += vol > 2 || vol < 0.02 ? 1 : 0;

            Black76.greeks(call, forward, strike, years, vol, rate, greeks);
            double[] fast = {greeks.delta(), greeks.gamma(), greeks.theta(), greeks.vega(), greeks.rho()};
            double[] naive = NaiveBlack76.greeks(call, forward, strike, years, vol, rate);
            for (int g = 0; g < 5; g++) {
                double error = Math.abs(fast[g] - naive[g]);
                assertThat(error <= 1e-12 || error <= 1e-9 * Math.abs(naive[g]))
                        .as("%s of %s F=%s K=%s T=%s σ=%s r=%s: %s against the twin's %s", NAMES[g],
                                call ? "CE" : "PE", forward, strike, years, vol, rate, fast[g], naive[g])
                        .isTrue();
            }
        }
        assertThat(deep).as("points more than 8 sd in or out of the money").isGreaterThan(3_000);
        assertThat(lastHour).as("points in the last hour of expiry day").isGreaterThan(4_000);
        assertThat(wild).as("points with σ under 2 % or over 200 %").isGreaterThan(2_000);
    }

    /**
     * What each Greek means, from first principles: the change in the Black-76 price when one input moves,
     * against a central difference, so a Greek with the wrong sign or unit cannot agree with its twin and still
     * pass. Theta is the price lost as a day passes; rho the price gained as the rate rises 1 %.
     */
    @Test
    void shouldBeTheRatesOfChangeOfThePrice() {
        Random random = new Random(2026);
        for (int i = 0; i < 500; i++) {
            boolean call = random.nextBoolean();
            double forward = 20_000 + random.nextDouble() * 60_000;
            double strike = forward * (0.9 + 0.2 * random.nextDouble());
            double years = (1 + random.nextInt(60)) / 365.0;
            double vol = 0.08 + random.nextDouble() * 0.5;
            double rate = random.nextDouble() * 0.1;
            Black76.greeks(call, forward, strike, years, vol, rate, greeks);

            double h = forward * 1e-6;
            double up = Black76.price(call, forward + h, strike, years, vol, rate);
            double down = Black76.price(call, forward - h, strike, years, vol, rate);
            assertClose("delta", greeks.delta(), (up - down) / (2 * h), 1e-6);
            double wide = forward * 1e-4; // a second difference needs a wider step to rise above rounding
            double wideUp = Black76.price(call, forward + wide, strike, years, vol, rate);
            double wideDown = Black76.price(call, forward - wide, strike, years, vol, rate);
            double mid = Black76.price(call, forward, strike, years, vol, rate);
            assertClose("gamma", greeks.gamma(), (wideUp - 2 * mid + wideDown) / (wide * wide), 1e-3);
            double step = 1e-4 / 365; // a ten-thousandth of a day either side
            double later = Black76.price(call, forward, strike, years - step, vol, rate);
            double earlier = Black76.price(call, forward, strike, years + step, vol, rate);
            // a premium of thousands differenced over 2e-4 of a day keeps ~1e-8 of rounding: the floor here
            assertThat(greeks.theta()).as("theta")
                    .isCloseTo((later - earlier) / 2e-4, within(Math.max(1e-7, Math.abs(greeks.theta()) * 1e-5)));
            double volUp = Black76.price(call, forward, strike, years, vol + 1e-5, rate);
            double volDown = Black76.price(call, forward, strike, years, vol - 1e-5, rate);
            assertClose("vega", greeks.vega(), (volUp - volDown) / (2e-5) * 0.01, 1e-6);
            double rateUp = Black76.price(call, forward, strike, years, vol, rate + 1e-5);
            double rateDown = Black76.price(call, forward, strike, years, vol, rate - 1e-5);
            assertClose("rho", greeks.rho(), (rateUp - rateDown) / (2e-5) * 0.01, 1e-6);
        }
    }

    @Test
    void shouldGiveNoGreeksWithoutTimeOrVolatility() {
        for (double[] inputs : new double[][] {{24_500, 24_500, 0, 0.15}, {24_500, 24_500, 7 / 365.0, 0},
                {24_500, 24_500, -1, 0.15}, {0, 24_500, 7 / 365.0, 0.15}, {24_500, 0, 7 / 365.0, 0.15},
                {24_500, 24_500, 7 / 365.0, Double.NaN}}) {
            Black76.greeks(true, inputs[0], inputs[1], inputs[2], inputs[3], 0, greeks);
            assertThat(new double[] {greeks.delta(), greeks.gamma(), greeks.theta(), greeks.vega(), greeks.rho()})
                    .as("inputs %s", java.util.Arrays.toString(inputs)).containsOnly(Double.NaN);
        }
    }

    @Test
    void shouldComputeGreeksWithoutAllocating() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up, so what is measured is the compiled code
            sink += Black76.greeks(i % 2 == 0, 24_500, 24_000 + i % 1_000, 0.02, 0.15, 0.065, greeks).theta();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += Black76.greeks(i % 2 == 0, 24_500, 24_000 + i % 1_000, 0.02, 0.15, 0.065, greeks).theta();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isNegative();
        assertThat(allocated).as("bytes allocated over 100,000 calls").isLessThan(1_000);
    }

    private static void assertClose(String greek, double actual, double expected, double relative) {
        assertThat(actual).as(greek).isCloseTo(expected, within(Math.max(1e-8, Math.abs(expected) * relative)));
    }
}
