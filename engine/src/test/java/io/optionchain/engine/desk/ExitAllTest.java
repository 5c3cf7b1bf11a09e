package io.optionchain.engine.desk;

import io.optionchain.engine.journal.JournalUnavailableException;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitAllOutcome;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.desk.RiskRig.PE_OTM;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kill switch through the desk's Java API: every open position of its scope exits with one order per leg,
 * once, however often, however concurrently and across a restart it is pressed; a full disk refuses it whole.
 */
class ExitAllTest {
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
    void shouldExitEveryOpenPositionOfTheStrategyOnceAndLeaveTheOthersWatched() {
        long straddle = rig.open("straddle", ExitRules.stopAt(400), SHORT, 75, 150, CE, PE).id();
        long wing = rig.open("straddle", ExitRules.stopAt(90), SHORT, 75, 40, CE_OTM).id();
        long hedge = rig.open("hedge", ExitRules.stopAt(5), LONG, 75, 30, PE_OTM).id();
        quoteAll();

        ExitAllOutcome first = rig.desk.exitAll("straddle");
        ExitAllOutcome again = rig.desk.exitAll("straddle");
        rig.work(5, 300);

        assertThat(first.exited()).extracting(Position::id).containsExactly(straddle, wing);
        assertThat(first.exited()).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo(PositionState.EXITING);
            assertThat(p.exitReason()).isEqualTo(ExitReason.EXIT_ALL);
        });
        assertThat(again.exited()).isEmpty();
        assertThat(again.skipped()).extracting(ExitAllOutcome.Skipped::positionId).containsExactly(straddle, wing);
        assertThat(rig.broker.orders()).as("one order per leg").hasSize(3);
        assertThat(rig.position(straddle).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(hedge).state()).as("another strategy is left alone").isEqualTo(PositionState.OPEN);
        assertThat(rig.audit.of(AuditKind.TRIGGER)).hasSize(2)
                .allSatisfy(e -> assertThat(e.reason()).isEqualTo(ExitReason.EXIT_ALL));

        ExitAllOutcome everything = rig.desk.exitAll(null);
        rig.work(5, 300);
        assertThat(everything.exited()).extracting(Position::id).containsExactly(hedge);
        assertThat(rig.broker.orders()).hasSize(4);
        assertThat(rig.desk.positions()).allSatisfy(p -> assertThat(p.state()).isEqualTo(PositionState.CLOSED));
    }

    @Test
    void shouldExitEachPositionOnceWhenPressedEightTimesAtOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(rig.open("s" + (i % 2), ExitRules.stopAt(400), SHORT, 75, 150, CE, PE).id());
        }
        quoteAll();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ExitAllOutcome>> presses = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                presses.add(pool.submit(() -> {
                    start.await();
                    return rig.desk.exitAll(null);
                }));
            }
            start.countDown();
            List<Long> exited = new ArrayList<>();
            for (Future<ExitAllOutcome> press : presses) {
                press.get().exited().forEach(p -> exited.add(p.id()));
            }
            assertThat(exited).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
        }
        rig.work(5, 300);
        assertThat(rig.broker.orders()).as("two legs each, one order a leg").hasSize(12);
        for (long id : ids) {
            assertThat(rig.broker.ordersFor(id, 0)).isEqualTo(1);
            assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        }
    }

    @Test
    void shouldFinishAnAcknowledgedExitAllAfterARestartAndSendNothingMoreWhenPressedAgain() {
        long a = rig.open("straddle", ExitRules.stopAt(400), SHORT, 75, 150, CE, PE).id();
        long b = rig.open("hedge", ExitRules.stopAt(5), LONG, 75, 30, PE_OTM).id();
        quoteAll();
        assertThat(rig.desk.exitAll(null).exited()).hasSize(2);

        rig.restart();                                  // before the executor sent anything
        quoteAll();
        assertThat(rig.desk.exitAll(null).exited()).as("both are exiting from the journal").isEmpty();
        rig.work(5, 300);

        assertThat(rig.broker.orders()).hasSize(3);
        assertThat(rig.position(a).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(b).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(a).exitReason()).isEqualTo(ExitReason.EXIT_ALL);
    }

    @Test
    void shouldRefuseTheWholePressOnAFullDiskAndKeepEveryPositionWatched() {
        rig.close();
        FullDisk disk = new FullDisk(5);
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.storage = disk;
        rig.restart();
        long a = rig.open("straddle", ExitRules.stopAt(400), SHORT, 75, 150, CE, PE).id();
        long b = rig.open("straddle", ExitRules.stopAt(90), SHORT, 75, 40, CE_OTM).id();
        quoteAll();
        disk.full(true);

        assertThatThrownBy(() -> rig.desk.exitAll("straddle")).isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining("no position was exited").hasMessageContaining("still open and watched");
        rig.work(3, 300);
        assertThat(rig.broker.orders()).isEmpty();
        assertThat(rig.position(a).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.position(b).state()).isEqualTo(PositionState.OPEN);

        disk.full(false);
        assertThat(rig.desk.exitAll("straddle").exited()).hasSize(2);
        rig.work(5, 300);
        assertThat(rig.broker.orders()).hasSize(3);
    }

    private void quoteAll() {
        rig.quote(CE, 140, 141);
        rig.quote(PE, 150, 151);
        rig.quote(CE_OTM, 38, 38.5);
        rig.quote(PE_OTM, 31, 31.5);
    }
}
