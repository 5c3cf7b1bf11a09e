package io.optionchain.engine.desk;

import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.engine.stops.MtmScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.desk.RiskRig.PE_OTM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring's running MTM (each price change times its leg's unfilled units, added up) and its naive twin, the full
 * sum over every position of the scope ({@code MtmScope.mtm} without a staleness check), agree after every tick of
 * 50 seeded runs: positions of both sides opened, exited by hand (fills), cancelled and forgotten among the ticks, on
 * the account's scope and two strategies' (limits out of reach, so nothing fires and every tick is judged).
 */
class MtmRunningSumTest {
    private static final List<String> SYMBOLS = List.of(CE, PE, CE_OTM, PE_OTM);

    @TempDir
    Path data;

    @Test
    void shouldAgreeWithTheFullSumAfterEveryTick() {
        int compared = 0;
        for (int seed = 0; seed < 50; seed++) {
            compared += run(seed, data.resolve("run-" + seed));
        }
        assertThat(compared).as("ticks after which a running sum was compared").isGreaterThan(20_000);
    }

    private static int run(int seed, Path dir) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        int compared = 0;
        try (RiskRig rig = new RiskRig(dir, RiskRig.settings().withRetainEnded(Duration.ofMinutes(1)),
                new InMemoryBroker())) {
            MtmLimit far = new MtmLimit(1e12, 1e12, null, null, null, null);
            rig.desk.setLimits(new RiskLimits(far, Map.of("a", far, "b", far)));
            double[] mids = {150, 150, 40, 40};
            for (int i = 0; i < SYMBOLS.size(); i++) {
                rig.quote(SYMBOLS.get(i), mids[i] - 0.5, mids[i] + 0.5);
            }
            List<Long> ids = new ArrayList<>();
            for (int step = 0; step < 600; step++) {
                int pick = random.nextInt(100);
                if (pick < 4 || ids.isEmpty()) {
                    PositionSide side = random.nextBoolean() ? PositionSide.LONG : PositionSide.SHORT;
                    String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
                    ids.add(rig.open(random.nextBoolean() ? "a" : "b", side == PositionSide.LONG ? ExitRules.stopAt(0.05)
                            : ExitRules.stopAt(100_000), side, 75L * (1 + random.nextInt(3)), 20 + random.nextInt(200),
                            symbol).id());
                } else if (pick < 6) {
                    long id = ids.get(random.nextInt(ids.size()));
                    if (rig.desk.position(id).map(p -> p.state() == PositionState.OPEN).orElse(false)) {
                        if (random.nextBoolean()) {
                            rig.desk.exit(id);
                        } else {
                            rig.desk.cancel(id);
                        }
                    }
                } else if (pick < 7) {
                    rig.clock.advance(Duration.ofMinutes(2).toMillis());   // ended ones leave memory
                    for (int i = 0; i < SYMBOLS.size(); i++) {
                        rig.quote(SYMBOLS.get(i), mids[i] - 0.5, mids[i] + 0.5);
                    }
                    rig.desk.positions();
                }
                int i = random.nextInt(SYMBOLS.size());
                mids[i] = Math.max(1, mids[i] + (random.nextInt(41) - 20) * 0.05);
                double spread = 0.05 * (1 + random.nextInt(10));
                rig.quote(SYMBOLS.get(i), Math.round((mids[i] - spread) * 20) / 20.0,
                        Math.round((mids[i] + spread) * 20) / 20.0);
                rig.work();
                rig.clock.advance(50);
                long now = rig.clock.millis();
                for (MtmScope scope : rig.desk.limitScopes()) {
                    double running = scope.runningMtm(now);
                    if (running == running) {
                        assertThat(running).as("seed %d step %d, %s %s", seed, step, scope.scope, scope.name)
                                .isCloseTo(scope.mtm(now, 0, null), org.assertj.core.api.Assertions.within(1e-6));
                        compared++;
                    }
                }
            }
        }
        return compared;
    }
}
