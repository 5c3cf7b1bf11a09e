package io.optionchain.engine.desk;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot path against its naive twin on seeded market scripts: every trigger and every alert, on the same
 * tick, for the same position, with the same reason and mark.
 */
class RiskEvaluationTwinTest {
    private static final int SEEDS = 300;
    private static final int TICKS = 400;
    private static final List<String> SYMBOLS = List.of(RiskRig.CE, RiskRig.PE, RiskRig.CE_OTM, RiskRig.PE_OTM);
    private static final Comparator<NaiveRiskEvaluator.Decision> ORDER = Comparator
            .comparingInt(NaiveRiskEvaluator.Decision::tick).thenComparingLong(NaiveRiskEvaluator.Decision::positionId)
            .thenComparing(NaiveRiskEvaluator.Decision::kind);

    @TempDir
    Path data;

    @Test
    void shouldDecideExactlyAsTheNaiveTwinOnSeededScripts() {
        RiskSettings settings = RiskSettings.defaults();
        InstrumentRegistry registry = new InstrumentRegistry(256);
        ManualClock clock = new ManualClock(RiskRig.START);
        int triggers = 0;
        int alerts = 0;
        try (ChainStore store = ChainStore.inMemory(256)) {
            for (int seed = 0; seed < SEEDS; seed++) {
                Random random = new Random(seed);
                clock.set(clock.millis() + 86_400_000);                 // a new day: older quotes are history
                InMemoryBroker broker = new InMemoryBroker();
                try (RiskRig rig = new RiskRig(data.resolve("seed-" + seed), settings, broker, clock, registry, store,
                        false)) {
                    MarketScript market = new MarketScript(random, SYMBOLS, clock.millis(), 2_000);
                    PositionGenerator generator = new PositionGenerator(random, SYMBOLS);
                    List<NaiveRiskEvaluator.Spec> specs = new ArrayList<>();
                    for (int p = 0; p < 3 + random.nextInt(4); p++) {
                        Position opened = rig.desk.open(generator.next("s" + p, 100, false));
                        specs.add(new NaiveRiskEvaluator.Spec(opened.id(), opened.legs().stream()
                                .map(l -> new NaiveRiskEvaluator.Leg(l.symbol(), l.side(), l.entryPrice())).toList(),
                                opened.rules()));
                    }
                    List<ScriptedTick> script = market.next(TICKS);
                    List<NaiveRiskEvaluator.Decision> hot = new ArrayList<>();
                    rig.work();
                    rig.audit.clear();
                    for (int i = 0; i < script.size(); i++) {
                        clock.set(script.get(i).nowMillis());
                        rig.send(script.get(i));
                        rig.work();
                        for (AuditEvent event : rig.audit.events()) {
                            if (event.kind() == AuditKind.ALERT || event.kind() == AuditKind.TRIGGER) {
                                hot.add(NaiveRiskEvaluator.of(i, event));
                            }
                        }
                        rig.audit.clear();
                    }
                    List<NaiveRiskEvaluator.Decision> naive = new NaiveRiskEvaluator(settings).run(specs, script);

                    assertThat(rounded(hot)).as("seed %d", seed).containsExactlyElementsOf(rounded(naive));
                    triggers += (int) naive.stream().filter(d -> d.kind() == AuditKind.TRIGGER).count();
                    alerts += (int) naive.stream().filter(d -> d.kind() == AuditKind.ALERT).count();
                }
            }
        }
        System.out.printf("twin agreed on %d seeds: %d triggers, %d alerts%n", SEEDS, triggers, alerts);
        assertThat(triggers).as("the scripts reach the rules often enough to mean something").isGreaterThan(SEEDS);
        assertThat(alerts).isGreaterThan(SEEDS / 2);
    }

    private static List<NaiveRiskEvaluator.Decision> rounded(List<NaiveRiskEvaluator.Decision> decisions) {
        return decisions.stream().sorted(ORDER).map(d -> new NaiveRiskEvaluator.Decision(d.tick(), d.positionId(),
                d.kind(), d.reason(), Math.round(d.mark() * 1e6) / 1e6)).toList();
    }
}
