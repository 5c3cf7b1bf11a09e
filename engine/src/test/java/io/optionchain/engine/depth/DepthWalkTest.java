package io.optionchain.engine.depth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DepthWalkTest {

    @Test
    void shouldFillAcrossLevelsAtTheVolumeWeightedPrice() {
        DepthWalk walk = new DepthWalk();
        double[] asks = {100.0, 100.5, 101.0, 0, 0};
        long[] quantities = {75, 150, 300, 0, 0};

        assertThat(walk.walk(asks, quantities, 3, 300)).isTrue();
        // 75 @ 100.0 + 150 @ 100.5 + 75 @ 101.0 = 30,150 / 300
        assertThat(walk.averagePrice()).isCloseTo(100.5, within(1e-9));
        assertThat(walk.worstPrice()).isEqualTo(101.0);
        assertThat(walk.levelsUsed()).isEqualTo(3);
        assertThat(walk.slippagePerUnit()).isCloseTo(0.5, within(1e-9));
        assertThat(walk.impactPercent()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldSayWhenTheVisibleBookCannotFillTheQuantity() {
        DepthWalk walk = new DepthWalk();
        assertThat(walk.walk(new double[]{50, 49.95}, new long[]{75, 75}, 2, 300)).isFalse();
        assertThat(walk.filled()).isEqualTo(150);
        assertThat(walk.complete()).isFalse();

        assertThat(walk.walk(new double[]{0, 0}, new long[]{0, 0}, 2, 75)).as("an empty side").isFalse();
        assertThat(walk.filled()).isZero();
        assertThat(walk.averagePrice()).isZero();
    }

    /** The naive twin: expand the book into one price per unit and average the first {@code quantity}. */
    @Test
    void shouldAgreeWithUnitByUnitExpansionOnSeededBooks() {
        Random random = new Random(20261125);
        DepthWalk walk = new DepthWalk();
        for (int run = 0; run < 10_000; run++) {
            int levels = random.nextInt(6);
            double[] prices = new double[5];
            long[] quantities = new long[5];
            double price = 1 + random.nextInt(20_000) * 0.05;
            for (int i = 0; i < levels; i++) {
                prices[i] = price;
                quantities[i] = 1 + random.nextInt(400);
                price += 0.05 * (1 + random.nextInt(4));
            }
            long quantity = 1 + random.nextInt(1_200);

            List<Double> units = new ArrayList<>();
            for (int i = 0; i < levels; i++) {
                for (long q = 0; q < quantities[i]; q++) {
                    units.add(prices[i]);
                }
            }
            List<Double> taken = units.subList(0, (int) Math.min(quantity, units.size()));
            double expectedAverage = taken.stream().mapToDouble(Double::doubleValue).average().orElse(0);

            assertThat(walk.walk(prices, quantities, levels, quantity)).isEqualTo(units.size() >= quantity);
            assertThat(walk.filled()).isEqualTo(taken.size());
            assertThat(walk.averagePrice()).isCloseTo(expectedAverage, within(1e-6));
            assertThat(walk.worstPrice()).isEqualTo(taken.isEmpty() ? 0 : taken.get(taken.size() - 1));
        }
    }
}
