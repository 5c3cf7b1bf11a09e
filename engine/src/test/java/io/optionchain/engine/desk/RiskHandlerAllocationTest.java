package io.optionchain.engine.desk;

import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskLimits;
import io.optionchain.engine.positions.TrailingStop;
import io.optionchain.engine.positions.TriggerOn;
import io.optionchain.engine.stops.RiskHandler;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.desk.RiskRig.PE_OTM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a tick that triggers nothing costs the heap on the risk stage, measured with the JVM's per-thread
 * allocation counter as {@code ChainStoreAllocationTest} does: nothing. The positions cover every path a tick
 * takes: a single leg priced from the tick's depth, a two-leg group priced partly from chain state, a trailing
 * stop whose watermark keeps moving, an LTP-only tick priced from chain state, positions triggering on depth (a
 * leg walked through the tick's levels, another through chain state's, a quantity the book cannot fill), a
 * confirmation counting a breach on every tick, ticks of symbols no position holds, MTM limits of the account
 * and of a strategy judged on every tick of a held leg, and stops per leg (a ratio spread judged leg by leg, legs'
 * confirmations counting, a position summing a leg that exited on its own at its fill).
 */
class RiskHandlerAllocationTest {
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;
    private static final double MAX_BYTES_PER_TICK = 1.0;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path data;

    @Test
    void shouldAllocateNothingPerTickThatTriggersNothing() {
        try (RiskRig rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker())) {
            rig.open("single", ExitRules.stopAt(10).withTarget(500.0), PositionSide.LONG, 75, 100, CE);
            rig.open("straddle", ExitRules.stopAt(900).withStopPercent(300.0), PositionSide.SHORT, 75, 100, CE, PE);
            rig.open("trail", ExitRules.none().withTrailing(TrailingStop.percent(90)), PositionSide.LONG, 75, 100, PE);
            // the whole quantity walked through the depth: one leg off the tick, a group's other leg off chain
            // state, and a quantity above the five levels' 7,500 units (the rest priced at the deepest level)
            rig.open("depth", ExitRules.stopAt(10).withTarget(500.0).withTriggerOn(TriggerOn.DEPTH),
                    PositionSide.LONG, 150, 100, CE);
            rig.open("depth-straddle", ExitRules.stopAt(900).withTriggerOn(TriggerOn.DEPTH), PositionSide.SHORT,
                    9_000, 100, CE, PE);
            // always past its stop, never held an hour: a confirmation counting on every tick, never firing
            rig.open("pending", ExitRules.stopAt(150).withConfirmMillis(3_600_000), PositionSide.LONG, 75, 100,
                    CE_OTM);
            // stops per leg: a ratio spread judged leg by leg; legs always past their stops, confirmations counting;
            // and a straddle one of whose legs exited on its own (its fill in the combined premium from then on)
            rig.desk.open(new PositionRequest("ratio", List.of(
                    new LegRequest(CE, PositionSide.SHORT, 150, 100, new LegRules(900.0, null, 1.0)),
                    new LegRequest(PE, PositionSide.LONG, 75, 100, new LegRules(null, 99.0, 900.0))),
                    ExitRules.none().withOnLegStop(OnLegStop.EXIT_LEG_AND_MOVE_OTHERS_TO_COST), "MIS"));
            rig.desk.open(new PositionRequest("leg-pending", List.of(
                    new LegRequest(CE_OTM, PositionSide.LONG, 75, 100, new LegRules(150.0, null, null)),
                    new LegRequest(PE, PositionSide.SHORT, 75, 100, new LegRules(90.0, null, null))),
                    ExitRules.none().withConfirmMillis(3_600_000), "MIS"));
            long halfOut = rig.desk.open(new PositionRequest("half-out", List.of(
                    new LegRequest(PE_OTM, PositionSide.LONG, 75, 100, new LegRules(50.0, null, null)),
                    new LegRequest(CE, PositionSide.LONG, 75, 100, new LegRules(1.0, null, null))),
                    ExitRules.stopAt(10), "MIS")).id();
            rig.quote(PE_OTM, 40, 40.5);
            rig.work(3, 300);
            assertThat(rig.position(halfOut).legs().get(0).exit()).isEqualTo(LegExit.FILLED);
            long firedBefore = rig.desk.handler().triggers();
            // MTM limits far away: the account's and a strategy's with a lock, judged on every held leg's tick
            rig.desk.setLimits(new RiskLimits(new MtmLimit(1e9, 1e9, null, null, null, null), Map.of("straddle",
                    new MtmLimit(1e9, null, 1e8, 1.0, 10.0, 5.0))));
            String unheld = "NIFTY25NOV2525000CE";
            TickEvent[] ticks = new TickEvent[4];
            String[] symbols = {CE, PE, CE_OTM, unheld};
            for (int i = 0; i < ticks.length; i++) {
                rig.quote(symbols[i], 100, 100.5);
                ticks[i] = new TickEvent();
                ticks[i].copyFrom(rig.depth(symbols[i], 100, 100.5, 100.25));
            }
            TickEvent ltpOnly = new TickEvent();
            ltpOnly.instrumentId = rig.id(PE);
            ltpOnly.fields = TickEvent.LTP;
            ltpOnly.ltp = 100.1;
            rig.id(PE_OTM);
            RiskHandler handler = rig.desk.handler();

            run(rig, handler, ticks, ltpOnly, WARM_UP);
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            run(rig, handler, ticks, ltpOnly, MEASURED);
            double perTick = (threads.getThreadAllocatedBytes(thread) - before) / (double) MEASURED;
            System.out.printf("risk stage bytes per tick: %.3f%n", perTick);

            assertThat(handler.triggers()).as("nothing but the half-out leg before").isEqualTo(firedBefore);
            assertThat(rig.position(halfOut).state()).isEqualTo(PositionState.OPEN);
            assertThat(rig.desk.limitStates()).as("the limits were judged on prices").allSatisfy(limit ->
                    assertThat(limit.mtm()).isNotNull());
            assertThat(handler.unusableMtm()).as("and judged on every tick, not skipped").isLessThan(MEASURED / 10);
            assertThat(rig.position(2).watermark()).as("the watermark moved, so that path ran").isGreaterThan(100.0);
            assertThat(perTick).isLessThan(MAX_BYTES_PER_TICK);
        }
    }

    private static void run(RiskRig rig, RiskHandler handler, TickEvent[] ticks, TickEvent ltpOnly, int count) {
        for (int i = 0; i < count; i++) {
            rig.clock.advance(1);
            TickEvent tick = i % 5 == 4 ? ltpOnly : ticks[i % 5];
            tick.serverTimeMillis = rig.clock.millis();
            tick.arrivalNanos = System.nanoTime();
            if (tick.bidLevels > 0) {
                double bid = 100 + (i % 200) * 0.05;           // the trailing leg's watermark keeps rising
                tick.bidPrice[0] = bid;
                tick.askPrice[0] = bid + 0.5;
            }
            handler.onEvent(tick, i, true);
        }
    }
}
