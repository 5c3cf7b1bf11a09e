package io.optionchain.options;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StandardNormalTest {
    /** Φ(−x) to 17 significant digits, computed with mpmath 1.3 ({@code ncdf(-x)} at 40 digits). */
    private static final double[][] LOWER_TAIL = {
            {0.5, 0.30853753872598688},
            {1, 0.15865525393145705},
            {2, 0.022750131948179207},
            {3, 0.0013498980316300946},
            {5, 2.8665157187919391e-7},
            {10, 7.6198530241605261e-24},
            {20, 2.7536241186062337e-89},
            {30, 4.9067139271481871e-198},
            {37, 5.7255712225245768e-300},
    };

    @Test
    void shouldMatchPublishedTailProbabilitiesToFourteenDigits() {
        for (double[] row : LOWER_TAIL) {
            assertThat(StandardNormal.cdf(-row[0])).as("Φ(−%s)", row[0]).isCloseTo(row[1], within(row[1] * 1e-14));
            assertThat(NaiveBlack76.cdf(-row[0])).as("naive Φ(−%s)", row[0]).isCloseTo(row[1], within(row[1] * 1e-14));
            assertThat(StandardNormal.cdf(row[0])).isCloseTo(1 - row[1], within(1e-16));
        }
        assertThat(StandardNormal.cdf(0)).isEqualTo(0.5);
        assertThat(StandardNormal.pdf(0)).isCloseTo(0.3989422804014327, within(1e-17));
    }

    @Test
    void shouldAgreeWithTheNaiveSeriesAndContinuedFractionEverywhere() {
        Random random = new Random(20261207);
        for (int i = 0; i < 100_000; i++) {
            double x = -40 + 80 * random.nextDouble();
            double fast = StandardNormal.cdf(x);
            double naive = NaiveBlack76.cdf(x);
            assertThat(Math.abs(fast - naive) <= 1e-15 || Math.abs(fast - naive) <= 1e-13 * naive)
                    .as("Φ(%s): %s against %s", x, fast, naive).isTrue();
            double density = StandardNormal.pdf(x);
            double naiveDensity = NaiveBlack76.pdf(x);
            assertThat(Math.abs(density - naiveDensity) <= 1e-300 || Math.abs(density - naiveDensity) <= 1e-12 * naiveDensity)
                    .as("φ(%s): %s against %s", x, density, naiveDensity).isTrue();
        }
    }

    @Test
    void shouldReadZeroAndOneBeyondTheSmallestDoubleAndNanForNan() {
        assertThat(StandardNormal.cdf(-40)).isZero();
        assertThat(StandardNormal.cdf(40)).isEqualTo(1.0);
        assertThat(StandardNormal.cdf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(StandardNormal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(StandardNormal.cdf(Double.NaN)).isNaN();
        assertThat(StandardNormal.pdf(Double.POSITIVE_INFINITY)).isZero();
        assertThat(StandardNormal.pdf(Double.NaN)).isNaN();
    }
}
