package io.optionchain.engine.desk;

import io.optionchain.engine.journal.JournalUnavailableException;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.StrategyPnl;
import io.optionchain.engine.positions.TrailingStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desk's Java API: opening, closing, cancelling, alerts, P&L, pins, and what it refuses. */
class RiskDeskTest {
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
    void shouldAlertOncePerApproachToAStopAndReArmAfterMovingAway() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id(); // alerts within 8 of 80

        rig.quote(CE, 95, 95.5);
        rig.quote(CE, 88, 88.5);
        rig.quote(CE, 87, 87.5);
        rig.quote(CE, 85, 85.5);
        rig.work();
        assertThat(rig.audit.of(AuditKind.ALERT)).singleElement().satisfies(alert -> {
            assertThat(alert.positionId()).isEqualTo(id);
            assertThat(alert.mark()).isEqualTo(88.0);
            assertThat(alert.level()).isEqualTo(80.0);
            assertThat(alert.bid()).isEqualTo(88.0);
        });

        rig.quote(CE, 95, 95.5);                 // 15 away: less than twice the distance, still disarmed
        rig.quote(CE, 87, 87.5);
        rig.quote(CE, 97, 97.5);                 // 17 away: re-armed
        rig.quote(CE, 86, 86.5);
        rig.work();
        assertThat(rig.audit.of(AuditKind.ALERT)).hasSize(2);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
    }

    @Test
    void shouldCloseByHandThroughTheSameSingleExitPath() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 150, 100, CE).id();
        rig.quote(CE, 104.20, 104.60);

        Position closing = rig.desk.exit(id);
        assertThat(closing.state()).isEqualTo(PositionState.EXITING);
        assertThat(closing.exitReason()).isEqualTo(ExitReason.MANUAL);
        assertThatThrownBy(() -> rig.desk.exit(id)).isInstanceOf(IllegalStateException.class)
                .hasMessage("position " + id + " is EXITING, not open");
        rig.quote(CE, 70, 70.5);                 // the stop is no second way out; the exit prices off this book

        rig.work(4, 300);
        assertThat(rig.broker.orders()).singleElement()
                .satisfies(o -> assertThat(o.placed.price()).isEqualTo(69.00));
        Position closed = rig.position(id);
        assertThat(closed.state()).isEqualTo(PositionState.CLOSED);
        assertThat(closed.realizedPnl()).isEqualTo((69.00 - 100) * 150, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rig.audit.of(AuditKind.TRIGGER)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(ExitReason.MANUAL));
    }

    @Test
    void shouldCancelWithoutAnOrderAndStopWatching() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        assertThat(rig.pins.size()).isEqualTo(1);

        assertThat(rig.desk.cancel(id).state()).isEqualTo(PositionState.CANCELLED);
        rig.quote(CE, 50, 50.5);
        rig.work(3, 300);

        assertThat(rig.broker.orders()).isEmpty();
        assertThat(rig.pins.size()).isZero();
        assertThatThrownBy(() -> rig.desk.cancel(id)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rig.desk.cancel(999)).isInstanceOf(NoSuchElementException.class)
                .hasMessage("no position 999");
    }

    @Test
    void shouldKeepASymbolPinnedWhileAnyPositionHoldsIt() {
        long first = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        long second = rig.open("b", ExitRules.stopAt(250), SHORT, 75, 100, CE_OTM, PE).id();
        long third = rig.open("c", ExitRules.stopAt(70), LONG, 75, 90, CE).id();
        assertThat(rig.pins.size()).isEqualTo(3);
        assertThat(rig.pins.isPinned(rig.registry.bySymbol(CE))).isTrue();

        rig.desk.cancel(first);
        assertThat(rig.pins.isPinned(rig.registry.bySymbol(CE))).isTrue();
        rig.desk.cancel(third);
        assertThat(rig.pins.isPinned(rig.registry.bySymbol(CE))).isFalse();

        rig.quote(CE_OTM, 150, 151);
        rig.quote(PE, 99, 100);                  // 251: the group fires, exits, fills
        rig.work(4, 300);
        assertThat(rig.position(second).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.pins.size()).isZero();
    }

    @Test
    void shouldReportPnlPerPositionAndStrategyOnTheExitSide() {
        long longCall = rig.open("momentum", ExitRules.stopAt(50), LONG, 75, 100, CE).id();
        long shortPut = rig.open("momentum", ExitRules.stopAt(200), SHORT, 150, 80, PE).id();
        long other = rig.open("hedge", ExitRules.stopAt(10), LONG, 75, 20, CE_OTM).id();

        assertThat(rig.position(longCall).unrealizedPnl()).as("no quote yet").isNull();
        rig.quote(CE, 110, 111);                 // long marked on the bid: +10 × 75
        rig.quote(PE, 74, 75);                   // short marked on the ask: +5 × 150
        rig.quote(CE_OTM, 18, 18.5);             // −2 × 75

        assertThat(rig.position(longCall).unrealizedPnl()).isEqualTo(750.0);
        assertThat(rig.position(shortPut).unrealizedPnl()).isEqualTo(750.0);
        assertThat(rig.position(other).unrealizedPnl()).isEqualTo(-150.0);
        List<StrategyPnl> byStrategy = rig.desk.pnlByStrategy();
        assertThat(byStrategy).extracting(StrategyPnl::strategy).containsExactly("momentum", "hedge");
        assertThat(byStrategy.get(0).pnl()).isEqualTo(1_500.0);
        assertThat(byStrategy.get(0).open()).isEqualTo(2);
        assertThat(byStrategy.get(1).pnl()).isEqualTo(-150.0);

        rig.desk.exit(longCall);
        rig.work(4, 300);                        // sold at 109 (bid 110 − 1)
        assertThat(rig.position(longCall).realizedPnl()).isEqualTo(675.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rig.desk.pnlByStrategy().get(0).realizedPnl()).isEqualTo(675.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldRefuseQuantitiesThatAreNotWholeLots() {
        assertThatThrownBy(() -> rig.open("x", ExitRules.stopAt(80), LONG, 100, 100, CE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("legs[0].quantity 100 of " + CE + " is not a whole number of lots of 75");
        assertThatThrownBy(() -> rig.open("x", ExitRules.stopAt(80), LONG, 50, 100, "BANKNIFTY25NOV2552000CE"))
                .hasMessage("legs[0].quantity 50 of BANKNIFTY25NOV2552000CE is not a whole number of lots of 35")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rig.open("x", ExitRules.stopAt(80), LONG, 105, 100, "BANKNIFTY25NOV2552000CE").legs().get(0).lots())
                .isEqualTo(3);
    }

    @Test
    void shouldRefuseRequestsThatMakeNoSense() {
        assertThatThrownBy(() -> rig.open(" ", ExitRules.stopAt(80), LONG, 75, 100, CE))
                .hasMessageStartingWith("strategy must be 1..64 characters");
        assertThatThrownBy(() -> rig.open("x", ExitRules.stopAt(80), LONG, 75, 100, "FINNIFTY25NOV2524500CE"))
                .hasMessageStartingWith("FINNIFTY25NOV2524500CE is not an option of a configured underlying");
        assertThatThrownBy(() -> rig.open("x", ExitRules.stopAt(80), LONG, 75, 100, "NIFTY"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rig.open("x", ExitRules.stopAt(80), LONG, 75, 100, CE, CE))
                .hasMessage("legs[1].symbol " + CE + " appears twice");
        assertThatThrownBy(() -> rig.desk.open(new PositionRequest("x", List.of(new LegRequest(CE, LONG, 75, 100),
                new LegRequest(PE, SHORT, 75, 100)), ExitRules.stopAt(80), "MIS")))
                .hasMessageStartingWith("stop: the legs differ in side or quantity (a ratio spread)");
        assertThatThrownBy(() -> rig.open("x", ExitRules.stopAt(120).withTarget(110.0), LONG, 75, 100, CE))
                .hasMessage("target 110.0 must be above stop 120.0 for a long");
        assertThatThrownBy(() -> rig.open("x", ExitRules.none().withStopPercent(100.0), LONG, 75, 100, CE))
                .hasMessage("stop_percent of a long must be below 100, got 100.0");
        assertThatThrownBy(() -> rig.desk.open(new PositionRequest("x", List.of(new LegRequest(CE, LONG, 75, 100)),
                ExitRules.stopAt(80), "CNC"))).hasMessageStartingWith("product must be MIS or NRML");
        assertThatThrownBy(() -> ExitRules.stopAt(-1)).hasMessage("stop must be a positive premium, got -1.0");
        assertThatThrownBy(() -> TrailingStop.percent(100)).hasMessage("trailing percent must be below 100, got 100.0");
        assertThat(rig.desk.positions()).isEmpty();
        assertThat(rig.pins.size()).isZero();
    }

    @Test
    void shouldRegisterAPositionsSymbolNoWindowHasSubscribed() {
        String far = "NIFTY25NOV2526000PE";
        assertThat(rig.registry.bySymbol(far)).isNull();
        Position position = rig.open("far", ExitRules.stopAt(10), LONG, 75, 20, far);
        assertThat(rig.registry.bySymbol(far)).satisfies(option -> {
            assertThat(option.strike()).isEqualTo(26_000);
            assertThat(option.exchange()).isEqualTo("NFO");
            assertThat(option.expiry()).isEqualTo(java.time.LocalDate.of(2025, 11, 25));
        });
        assertThat(rig.pins.isPinned(rig.registry.bySymbol(far))).isTrue();
        assertThat(position.legs().get(0).exchange()).isEqualTo("NFO");
    }

    @Test
    void shouldTakeNoRegistrySlotForARequestItRefuses() {
        int before = rig.registry.size();
        for (int strike = 20_000; strike < 30_000; strike += 50) {
            String symbol = "NIFTY25NOV25" + strike + "CE";
            assertThatThrownBy(() -> rig.open("bad-lot", ExitRules.stopAt(80), LONG, 74, 100, symbol))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole number of lots");
            assertThatThrownBy(() -> rig.open("bad-target", new ExitRules(80.0, 90.0, null, null), LONG, 75, 100,
                    symbol)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
        }
        assertThat(rig.registry.size()).as("200 refused symbols, twice each, registered none").isEqualTo(before);

        rig.open("good", ExitRules.stopAt(80), LONG, 75, 100, "NIFTY25NOV2520000CE");
        assertThat(rig.registry.size()).as("an accepted request registers its leg").isEqualTo(before + 1);
    }

    @Test
    void shouldAcknowledgeAManualExitOnlyOnceItIsOnDisk() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.quote(CE, 95, 95.5);

        assertThat(rig.desk.exit(id).state()).isEqualTo(PositionState.EXITING);
        rig.restart();                                  // a kill -9 right after the acknowledgement

        assertThat(rig.position(id).state()).as("the acknowledged exit came back").isEqualTo(PositionState.EXITING);
        rig.work(3, 300);
        assertThat(rig.broker.orders()).singleElement().satisfies(o -> assertThat(o.placed.symbol()).isEqualTo(CE));
    }

    /**
     * The journal's file is closed under the desk, the nearest in-process stand-in for a full disk: every append
     * then fails with an I/O error, as a write to a full file system does.
     */
    @Test
    void shouldRefuseAManualExitItCannotJournalAndKeepWatchingThePosition() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.quote(CE, 95, 95.5);
        rig.desk.journal().close();

        assertThatThrownBy(() -> rig.desk.exit(id)).isInstanceOf(JournalUnavailableException.class)
                .hasMessageContaining("position " + id + " was not exited").hasMessageContaining("still open");
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        rig.work(3, 300);
        assertThat(rig.broker.orders()).as("nothing sent for an exit that is not on disk").isEmpty();
    }

    /**
     * The disk fills right after the trigger is journalled: the order goes out (its trigger is on disk), and its
     * OrderSent, fill and close wait, in order, until there is room. Written before then, the fill without its order
     * would bring the position back closed with its order unknown, free for another leg's look-up to adopt.
     */
    @Test
    void shouldJournalAnExitOrderSentOnAFullDiskOnceThereIsRoomAndBeforeItsFill() {
        FullDisk disk = onDiskThatFills(1);
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        disk.fullAfterSyncs(1);                         // the EXITING record, then no room

        rig.quote(CE, 79.5, 80);
        rig.work();
        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.desk.journalProblem()).contains("No space left on device");
        disk.full(false);
        rig.work(5, 300);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.desk.journalProblem()).isNull();
        rig.restart();
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(id).legs().get(0).orderId()).as("its order is still known as this leg's")
                .isEqualTo(rig.broker.orders().get(0).id);
        rig.work(3, 300);
        assertThat(rig.broker.orders()).hasSize(1);
    }

    /** The rig again, its journal on a disk that can fill ({@link FullDisk}). */
    private FullDisk onDiskThatFills(long seed) {
        rig.close();
        FullDisk disk = new FullDisk(seed);
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.storage = disk;
        rig.restart();
        return disk;
    }

    /** A registration on a full disk is refused as the journal's (a 503 over HTTP), and nothing is watched. */
    @Test
    void shouldRefuseARegistrationItCannotJournal() {
        FullDisk disk = onDiskThatFills(3);
        disk.full(true);

        assertThatThrownBy(() -> rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE))
                .isInstanceOf(JournalUnavailableException.class).hasMessageContaining("No space left on device");
        assertThat(rig.desk.positions()).isEmpty();
        disk.full(false);
        assertThat(rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id()).isZero();
    }

    /** Still no room when the process dies: the restart finds the leg exiting, looks its order up, sends nothing. */
    @Test
    void shouldAdoptAnExitOrderWhoseRecordsNeverReachedAFullDisk() {
        FullDisk disk = onDiskThatFills(2);
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        disk.fullAfterSyncs(1);
        rig.quote(CE, 79.5, 80);
        rig.work(5, 300);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);

        disk.full(false);
        rig.restart();                                  // a kill -9 before any room came back

        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
        rig.work(5, 300);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(1);
    }

    @Test
    void shouldForgetEndedPositionsOnceTheirRetentionHasPassed() {
        rig.close();
        rig = new RiskRig(data, RiskRig.settings().withRetainEnded(Duration.ofMinutes(1)), new InMemoryBroker());
        long cancelled = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        long closed = rig.open("b", ExitRules.stopAt(80), LONG, 75, 100, CE_OTM).id();
        long open = rig.open("c", ExitRules.stopAt(10), LONG, 75, 100, PE).id();
        rig.desk.cancel(cancelled);
        rig.quote(CE_OTM, 80, 80.5);
        rig.work(3, 300);
        assertThat(rig.desk.positions()).extracting(Position::id).containsExactly(cancelled, closed, open);

        rig.clock.advance(61_000);

        assertThat(rig.desk.positions()).extracting(Position::id).as("ended a minute ago").containsExactly(open);
        assertThat(rig.desk.position(closed)).isEmpty();
        rig.restart();
        assertThat(rig.desk.positions()).extracting(Position::id).as("after a restart too").containsExactly(open);
    }
}
