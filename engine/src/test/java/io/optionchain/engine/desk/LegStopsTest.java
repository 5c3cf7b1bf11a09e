package io.optionchain.engine.desk;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.LegRules;
import io.optionchain.engine.positions.MtmLimit;
import io.optionchain.engine.positions.OnLegStop;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Per-leg stops on the desk's ring, on its manual clock: one leg's own rule exits that leg alone, once, journalled
 * before its order; its position stays open with the other legs watched, their stops moved to cost when asked, or
 * exits whole with {@code exit_all}; every later exit of the position (exit-all, an MTM limit, a person) sends orders
 * only for the legs still held; a restart at any point between a leg's trigger and its order sends it once.
 */
class LegStopsTest {
    private static final long LOT = 75;

    @TempDir
    Path data;
    private RiskRig rig;

    @BeforeEach
    void open() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldExitOnlyTheLegWhoseStopFiredOnceAndKeepTheOtherLegWatched() {
        long id = ratio(ExitRules.none()).id();
        rig.quote(CE, 159, 160);
        rig.quote(PE, 101, 102);
        rig.work(2, 100);
        assertThat(rig.broker.orders()).isEmpty();

        rig.quote(CE, 169, 170);                    // the short CE's ask reaches its stop of 170
        rig.quote(CE, 175, 176);                    // and beyond: nothing more
        rig.work(4, 300);
        rig.quote(CE, 185, 186);

        assertThat(rig.broker.ordersFor(id, 0)).isEqualTo(1);
        assertThat(rig.broker.ordersFor(id, 1)).as("the long PE stays held").isZero();
        Position position = rig.position(id);
        assertThat(position.state()).isEqualTo(PositionState.OPEN);
        assertThat(position.exitReason()).isNull();
        assertThat(position.legs().get(0).exit()).isEqualTo(LegExit.FILLED);
        assertThat(position.legs().get(0).exitReason()).isEqualTo(ExitReason.LEG_STOP);
        assertThat(position.legs().get(1).exit()).isEqualTo(LegExit.NONE);
        double fill = position.legs().get(0).fillPrice();
        assertThat(position.realizedPnl()).isCloseTo((150 - fill) * 2 * LOT, within(1e-6));
        assertThat(rig.audit.of(AuditKind.TRIGGER)).singleElement().satisfies(e -> {
            assertThat(e.leg()).isZero();
            assertThat(e.reason()).isEqualTo(ExitReason.LEG_STOP);
            assertThat(e.level()).isEqualTo(170);
        });

        rig.quote(PE, 89, 90);                      // the long PE's own stop of 90
        rig.work(4, 300);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.broker.orders()).hasSize(2);
        assertThat(rig.position(id).state()).as("every leg out on its own").isEqualTo(PositionState.CLOSED);

        rig.restart();
        rig.work(4, 300);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(2);
    }

    @Test
    void shouldMoveTheOtherLegsStopsToCostAndKeepThemMovedAcrossARestart() {
        long id = straddle(OnLegStop.EXIT_LEG_AND_MOVE_OTHERS_TO_COST, 200).id();
        rig.quote(CE, 140, 141);
        rig.quote(PE, 139, 139.5);
        assertThat(rig.position(id).legs().get(1).stopLevel()).isEqualTo(200);

        rig.quote(CE, 199, 200);
        rig.work(4, 300);
        assertThat(rig.broker.ordersFor(id, 0)).isEqualTo(1);
        assertThat(rig.position(id).legs().get(1).stopLevel()).as("the PE's stop at its entry").isEqualTo(140);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        rig.restart();
        assertThat(rig.position(id).legs().get(1).stopLevel()).as("kept by the journal").isEqualTo(140);
        rig.quote(PE, 139, 139.5);
        rig.work(2, 300);
        assertThat(rig.broker.ordersFor(id, 1)).isZero();
        rig.quote(PE, 139.5, 140);                  // back to cost: out
        rig.work(4, 300);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.broker.orders()).hasSize(2);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(id).legs().get(1).exitReason()).isEqualTo(ExitReason.LEG_STOP);
    }

    @Test
    void shouldLeaveTheOtherLegsStopsWhereTheyWereWithExitLeg() {
        long id = straddle(OnLegStop.EXIT_LEG, 200).id();
        rig.quote(CE, 140, 141);
        rig.quote(PE, 139, 139.5);
        rig.quote(CE, 199, 200);
        rig.work(4, 300);
        rig.quote(PE, 149, 150);
        rig.work(4, 300);
        assertThat(rig.position(id).legs().get(1).stopLevel()).isEqualTo(200);
        assertThat(rig.broker.orders()).hasSize(1);
    }

    @Test
    void shouldExitTheWholePositionOnceWhenOneLegsStopFiresWithExitAll() {
        long id = straddle(OnLegStop.EXIT_ALL, 200).id();
        rig.quote(CE, 140, 141);
        rig.quote(PE, 139, 139.5);
        rig.quote(CE, 199, 200);
        rig.quote(PE, 250, 251);
        rig.work(5, 300);

        Position position = rig.position(id);
        assertThat(position.state()).isEqualTo(PositionState.CLOSED);
        assertThat(position.exitReason()).isEqualTo(ExitReason.LEG_STOP);
        assertThat(rig.broker.ordersFor(id, 0)).isEqualTo(1);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.broker.orders()).hasSize(2);
    }

    @Test
    void shouldSendExitAllOrdersOnlyForTheLegsStillOpen() {
        long id = straddle(OnLegStop.EXIT_LEG, 200).id();
        long other = rig.open("hedge", ExitRules.stopAt(5), LONG, LOT, 40, CE_OTM).id();
        rig.quote(CE, 140, 141);
        rig.quote(PE, 139, 139.5);
        rig.quote(CE_OTM, 38, 38.5);
        rig.quote(CE, 199, 200);
        rig.work(4, 300);

        assertThat(rig.desk.exitAll(null).exited()).extracting(Position::id).containsExactly(id, other);
        rig.work(5, 300);
        assertThat(rig.broker.ordersFor(id, 0)).as("not sent again").isEqualTo(1);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.broker.orders()).hasSize(3);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(id).exitReason()).isEqualTo(ExitReason.EXIT_ALL);
        assertThat(rig.position(id).legs().get(0).exitReason()).isEqualTo(ExitReason.LEG_STOP);
    }

    @Test
    void shouldSendAnMtmLimitsOrdersOnlyForTheLegsStillOpenEvenWhenTheLegsExitIsStillWorking() {
        rig.desk.setLimits(new RiskLimits(new MtmLimit(6_000.0, null, null, null, null, null), Map.of()));
        long id = straddle(OnLegStop.EXIT_LEG, 200).id();
        rig.quote(CE, 140, 141);
        rig.quote(PE, 139, 139.5);
        rig.broker.nextSends("lost-after");         // the CE's order is taken, its answer lost: looked up later
        rig.quote(CE, 199, 200);                    // CE out on its own: −3,750 on it
        rig.work(1, 0);
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.LOOKING_UP);

        rig.quote(PE, 170, 171);                    // −2,325 on the PE: −6,075 in all
        rig.work(8, 300);
        assertThat(rig.position(id).exitReason()).isEqualTo(ExitReason.MAX_LOSS);
        assertThat(rig.broker.ordersFor(id, 0)).as("adopted, never sent twice").isEqualTo(1);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldAdoptALegsUntaggedOrderByItsOwnTriggerTimeWhenThePositionIsExitedLongAfter() {
        rig.close();
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker().echoingTags(false));
        long id = straddle(OnLegStop.EXIT_LEG, 200).id();
        rig.quote(CE, 140, 141);
        rig.quote(PE, 139, 139.5);
        rig.broker.nextSends("lost-after");         // OpenAlgo's book: no tags, only placement times
        rig.quote(CE, 199, 200);
        rig.work(1, 0);
        rig.clock.advance(30_000);                  // long past the adoption skew
        rig.quote(CE, 199, 200);
        rig.quote(PE, 139, 139.5);
        rig.desk.exit(id);                          // the position's own trigger, 30 s after the leg's
        rig.work(8, 300);

        assertThat(rig.broker.ordersFor(id, 0)).as("the leg's order adopted, not sent again").isEqualTo(1);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldSendALegsExitOnceWhenTheProcessRestartsBeforeItsRecordWasWritten() {
        long id = straddle(OnLegStop.EXIT_LEG_AND_MOVE_OTHERS_TO_COST, 200).id();
        rig.quote(CE, 140, 141);
        rig.quote(PE, 139, 139.5);
        rig.quote(CE, 199, 200);                    // claimed on the ring; the executor never ran
        rig.restart();
        assertThat(journal()).noneMatch(r -> r instanceof JournalRecord.LegExiting);
        assertThat(rig.position(id).legs().get(1).stopLevel()).as("the move was never journalled").isEqualTo(200);

        rig.quote(CE, 201, 202);                    // still through its stop: fires again, once
        rig.work(4, 300);
        assertThat(rig.broker.ordersFor(id, 0)).isEqualTo(1);
        assertThat(rig.position(id).legs().get(1).stopLevel()).isEqualTo(140);
    }

    @Test
    void shouldSendALegsExitOnceWhenTheProcessRestartsBetweenItsRecordAndTheBrokersAnswer() {
        long id = ratio(ExitRules.none()).id();
        rig.quote(CE, 159, 160);
        rig.quote(PE, 101, 102);
        rig.broker.nextSends("lost-after");
        rig.quote(CE, 169, 170);
        rig.work(1, 0);                             // journalled, sent, answer lost
        assertThat(journal()).filteredOn(r -> r instanceof JournalRecord.LegExiting).singleElement()
                .satisfies(r -> assertThat(((JournalRecord.LegExiting) r).leg()).isZero());
        rig.restart();
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.LOOKING_UP);
        rig.quote(CE, 169, 170);
        rig.work(6, 300);

        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.audit.of(AuditKind.ORDER_ADOPTED)).hasSize(1);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.FILLED);

        rig.desk.exit(id);                          // the rest by hand: the PE alone
        rig.work(4, 300);
        assertThat(rig.broker.ordersFor(id, 0)).isEqualTo(1);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldRefuseCombinedRulesOnARatioSpreadAndAnExitModeWithoutLegRules() {
        assertThatThrownBy(() -> ratio(ExitRules.stopAt(300))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stop").hasMessageContaining("give per-leg stops")
                .hasMessageContaining("MTM limit for the strategy");
        assertThatThrownBy(() -> rig.open("straddle", ExitRules.stopAt(400)
                .withOnLegStop(OnLegStop.EXIT_ALL), SHORT, LOT, 150, CE, PE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on_leg_stop exit_all");
        assertThatThrownBy(() -> rig.desk.open(new PositionRequest("bad", List.of(
                new LegRequest(CE, SHORT, LOT, 150, new LegRules(null, null, 160.0))), ExitRules.none(), "MIS")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legs[0].target 160.0 must be below");
        assertThat(rig.desk.positions()).isEmpty();
    }

    @Test
    void shouldRefuseToCancelAPositionWhoseLegIsExitingOnItsOwn() {
        long id = ratio(ExitRules.none()).id();
        rig.quote(CE, 159, 160);
        rig.quote(PE, 101, 102);
        rig.quote(CE, 169, 170);
        assertThatThrownBy(() -> rig.desk.cancel(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exiting on its own");
    }

    /** Short 2 lots of CE at 150 with its own stop at 170, long 1 lot of PE at 100 with its own stop at 90. */
    private Position ratio(ExitRules rules) {
        return rig.desk.open(new PositionRequest("ratio", List.of(
                new LegRequest(CE, SHORT, 2 * LOT, 150, new LegRules(170.0, null, null)),
                new LegRequest(PE, LONG, LOT, 100, new LegRules(90.0, null, null))), rules, "MIS"));
    }

    /** Short CE at 150 and PE at 140, each with its own stop at {@code stop}. */
    private Position straddle(OnLegStop then, double stop) {
        return rig.desk.open(new PositionRequest("straddle", List.of(
                new LegRequest(CE, SHORT, LOT, 150, new LegRules(stop, null, null)),
                new LegRequest(PE, SHORT, LOT, 140, new LegRules(stop, null, null))),
                ExitRules.none().withOnLegStop(then), "MIS"));
    }

    private List<JournalRecord> journal() {
        return Journal.read(data.resolve(Journal.FILE_NAME));
    }
}
