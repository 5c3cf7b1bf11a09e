package io.optionchain.engine.desk;

import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.pipeline.StageThreads;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The risk stage wired into the real ring (stage 3 of 4) and the exit executor on its own thread, on the wall
 * clock: ticks offered by a feed thread end in exactly one exit order per leg, and the latency the last stage
 * records covers the stop decision. The broker is the in-memory stand-in (the engine speaks no HTTP).
 */
class PipelineRiskTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(StageThreads.class)
    void shouldExitEachTriggeredPositionOnceFromTicksOnTheRing(StageThreads stageThreads) throws Exception {
        InstrumentRegistry registry = new InstrumentRegistry(256);
        InMemoryBroker broker = new InMemoryBroker();
        RecordingAudit audit = new RecordingAudit();
        try (ChainStore store = ChainStore.inMemory(256)) {
            ChainBook book = new ChainBook(registry, List.of("NIFTY", "BANKNIFTY"));
            try (RiskDesk desk = RiskDesk.open(new RiskContext(data, RiskSettings.defaults(), registry, store, book.pins(),
                    List.of(RiskRig.NIFTY, RiskRig.BANKNIFTY), broker, audit, Clock.systemUTC())).start();
                 Pipeline pipeline = new Pipeline(store, book, desk.handler(), Clock.systemUTC(),
                         RingSettings.blocking(1_024).withStageThreads(stageThreads))) {
                long single = desk.open(PositionRequest.single("scalp", new LegRequest(CE, PositionSide.LONG, 75, 100),
                        ExitRules.stopAt(80))).id();
                long straddle = desk.open(new PositionRequest("straddle", List.of(
                        new LegRequest(CE_OTM, PositionSide.SHORT, 150, 60), new LegRequest(PE, PositionSide.SHORT, 150, 70)),
                        ExitRules.stopAt(150), "NRML")).id();

                TickEvent tick = new TickEvent();
                int offered = 0;
                for (int i = 0; i < 400; i++) {
                    double fall = i * 0.05;
                    offer(pipeline, tick, registry.idOf(CE), 90 - fall, 90.5 - fall);       // through 80 at i = 200
                    offer(pipeline, tick, registry.idOf(CE_OTM), 60 + fall / 2, 60.5 + fall / 2);
                    offer(pipeline, tick, registry.idOf(PE), 70 + fall / 2, 70.5 + fall / 2); // 150 on the asks near i = 360
                    offered += 3;
                }

                awaitTrue(() -> desk.position(single).orElseThrow().state() == PositionState.CLOSED
                        && desk.position(straddle).orElseThrow().state() == PositionState.CLOSED);
                int sent = offered;
                awaitTrue(() -> pipeline.latency().summary().count() == sent);

                assertThat(broker.ordersFor(single, 0)).isEqualTo(1);
                assertThat(broker.ordersFor(straddle, 0)).isEqualTo(1);
                assertThat(broker.ordersFor(straddle, 1)).isEqualTo(1);
                assertThat(broker.orders()).hasSize(3);
                assertThat(desk.handler().triggers()).isEqualTo(2);
                assertThat(pipeline.handlerErrors()).isZero();
                assertThat(desk.position(single).orElseThrow().triggerMark()).isEqualTo(80.0);
                assertThat(audit.of(AuditKind.TRIGGER)).hasSize(2)
                        .allSatisfy(e -> assertThat(e.latencyNanos()).isPositive());
                assertThat(book.pins().size()).as("symbols released once closed").isZero();
            }
        }
    }

    private static void offer(Pipeline pipeline, TickEvent tick, int instrumentId, double bid, double ask) {
        tick.clear();
        tick.instrumentId = instrumentId;
        tick.mode = 3;
        tick.fields = TickEvent.LTP | TickEvent.DEPTH;
        tick.ltp = (bid + ask) / 2;
        tick.bidLevels = 1;
        tick.askLevels = 1;
        tick.bidPrice[0] = Math.round(bid * 100) / 100.0;
        tick.askPrice[0] = Math.round(ask * 100) / 100.0;
        tick.bidQuantity[0] = tick.askQuantity[0] = 1_500;
        tick.exchangeTimeMillis = System.currentTimeMillis();
        tick.serverTimeMillis = tick.exchangeTimeMillis;
        tick.arrivalNanos = System.nanoTime();
        while (!pipeline.offer(tick)) {
            Thread.onSpinWait();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition met within 20 s").isTrue();
    }
}
