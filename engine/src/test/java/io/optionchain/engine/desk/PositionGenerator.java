package io.optionchain.engine.desk;

import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.TrailingStop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded positions near the script's market: singles and two-leg groups, long and short, with random mixes of
 * fixed, percent and trailing stops and targets, all on the 0.05 grid or whole percentages. With large legs, a
 * third of the positions hold 20 to 60 lots a leg, mostly above NIFTY's freeze quantity (24 lots), so their exits
 * go in slices.
 */
final class PositionGenerator {
    private final Random random;
    private final List<String> symbols;
    private final boolean largeLegs;

    PositionGenerator(Random random, List<String> symbols) {
        this(random, symbols, false);
    }

    PositionGenerator(Random random, List<String> symbols, boolean largeLegs) {
        this.random = random;
        this.symbols = symbols;
        this.largeLegs = largeLegs;
    }

    /** @param mustStop whether every position needs some stop (so a collapse of the market exits them all) */
    PositionRequest next(String strategy, double aroundPrice, boolean mustStop) {
        PositionSide side = random.nextBoolean() ? PositionSide.LONG : PositionSide.SHORT;
        boolean group = random.nextInt(3) == 0;
        // drawn only with large legs, so the draws of other users' seeds stay as they were
        int lots = largeLegs && random.nextInt(3) == 0 ? 20 + random.nextInt(41) : 0;
        List<LegRequest> legs = new ArrayList<>();
        List<String> pool = new ArrayList<>(symbols);
        java.util.Collections.shuffle(pool, random);
        double entry = 0;
        for (int i = 0; i < (group ? 2 : 1); i++) {
            double price = grid(aroundPrice * (0.9 + 0.2 * random.nextDouble()));
            entry += price;
            legs.add(new LegRequest(pool.get(i), side, 75L * (lots > 0 ? lots : 1 + random.nextInt(3)), price));
        }
        if (group) {
            legs.set(1, new LegRequest(legs.get(1).symbol(), side, legs.get(0).quantity(), legs.get(1).entryPrice()));
        }
        boolean isLong = side == PositionSide.LONG;
        ExitRules rules = ExitRules.none();
        boolean anyStop = false;
        if (random.nextInt(2) == 0) {
            rules = rules.withStop(grid(entry * (isLong ? 0.85 + 0.14 * random.nextDouble()
                    : 1.01 + 0.14 * random.nextDouble())));
            anyStop = true;
        }
        if (random.nextInt(3) == 0) {
            rules = rules.withStopPercent((double) (3 + random.nextInt(15)));
            anyStop = true;
        }
        if (random.nextInt(5) < 2) {
            rules = rules.withTrailing(random.nextBoolean() ? TrailingStop.points(grid(1 + random.nextInt(10)))
                    : TrailingStop.percent(2 + random.nextInt(10)));
            anyStop = true;
        }
        if (random.nextInt(5) < 2) {
            double target = grid(entry * (isLong ? 1.02 + 0.15 * random.nextDouble() : 0.83 + 0.15 * random.nextDouble()));
            if (rules.stop() == null || (isLong ? target > rules.stop() : target < rules.stop())) {
                rules = rules.withTarget(target);
            }
        }
        if (mustStop && !anyStop) {
            rules = rules.withStopPercent(10.0);
        }
        return new PositionRequest(strategy, legs, rules, random.nextBoolean() ? "MIS" : "NRML");
    }

    private static double grid(double price) {
        return Math.max(0.05, Math.round(price * 20) / 20.0);
    }
}
