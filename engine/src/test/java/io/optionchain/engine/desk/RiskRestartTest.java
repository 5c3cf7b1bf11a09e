package io.optionchain.engine.desk;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.TrailingStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.desk.RiskRig.PE_OTM;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart (the desk closed mid-flight and opened again on its journal, the broker's orders kept) brings every
 * position back in its state, and neither loses an exit nor sends one twice.
 */
class RiskRestartTest {
    @TempDir
    Path data;
    private RiskRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldBringEveryPositionBackInItsState() {
        rig = new RiskRig(data, RiskRig.settings().withNearStopPercent(0), new InMemoryBroker());
        long open = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        long trailing = rig.open("b", ExitRules.none().withTrailing(TrailingStop.points(10)), LONG, 75, 50, PE).id();
        long cancelled = rig.open("c", ExitRules.stopAt(80), LONG, 75, 100, CE_OTM).id();
        long closed = rig.open("d", ExitRules.stopAt(250), SHORT, 75, 100, PE_OTM).id();
        rig.desk.cancel(cancelled);
        rig.quote(PE, 70, 70.5);                      // watermark 70: the trailing stop is at 60
        rig.quote(PE_OTM, 249, 250);
        rig.work(5, 300);                             // d exits and fills; b's mark is journalled
        assertThat(rig.position(closed).state()).isEqualTo(PositionState.CLOSED);

        rig.restart();

        assertThat(rig.desk.positions()).extracting(Position::id, Position::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(open, PositionState.OPEN),
                org.assertj.core.groups.Tuple.tuple(trailing, PositionState.OPEN),
                org.assertj.core.groups.Tuple.tuple(cancelled, PositionState.CANCELLED),
                org.assertj.core.groups.Tuple.tuple(closed, PositionState.CLOSED));
        assertThat(rig.position(trailing).watermark()).isEqualTo(70.0);
        assertThat(rig.position(trailing).stopLevel()).isEqualTo(60.0);
        assertThat(rig.position(closed).realizedPnl()).isEqualTo((100 - 251.0) * 75);
        assertThat(rig.pins.isPinned(rig.registry.bySymbol(CE))).isTrue();

        rig.quote(PE, 60, 60.5);                      // at the restored trailing stop, not entry − 10
        rig.quote(CE, 80, 80.5);
        rig.quote(PE_OTM, 400, 401);                  // the closed one is never exited again
        rig.work(5, 300);
        assertThat(rig.position(trailing).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(trailing).exitReason()).isEqualTo(ExitReason.TRAILING_STOP);
        assertThat(rig.position(open).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).extracting(o -> o.placed.positionId())
                .containsExactlyInAnyOrder(closed, trailing, open);

        long next = rig.open("e", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        assertThat(next).isEqualTo(closed + 1);
    }

    /** The crash falls after the trigger was journalled and the order reached the broker, before its id was noted. */
    @Test
    void shouldAdoptTheOrderAtTheBrokerInsteadOfSendingAnother() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("lost-after");
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work();                                   // EXITING on disk, the order taken, its id lost
        assertThat(rig.broker.orders()).hasSize(1);

        rig.restart();
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.LOOKING_UP);
        rig.work(5, 300);

        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.audit.of(AuditKind.ORDER_ADOPTED)).hasSize(1);
    }

    /** The crash falls after the trigger was journalled, before anything reached the broker. */
    @Test
    void shouldSendTheExitOnceWhenTheBrokerHasNone() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        // the first leg taken, the second refused (after a refusal the account is tried again only after a wait)
        rig.broker.nextSends("taken", "refused");
        long id = rig.open("a", ExitRules.stopAt(250), SHORT, 75, 120, CE, PE).id();
        rig.quote(CE, 139.5, 140);
        rig.quote(PE, 109.5, 110);
        rig.work();
        assertThat(rig.broker.orders()).hasSize(1);   // one leg refused, the other taken

        rig.restart();
        rig.work(5, 300);

        assertThat(rig.broker.ordersFor(id, 0)).isEqualTo(1);
        assertThat(rig.broker.ordersFor(id, 1)).isEqualTo(1);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    /** The crash falls while a journalled order is working: it is followed, never sent again. */
    @Test
    void shouldFollowAJournalledOrderAndNeverSendAnother() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.fillWhenMarketable(rig::touch);
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work();
        rig.quote(CE, 77, 77.5);                      // the limit at 79 no longer fills
        rig.work(3, 300);
        String orderId = rig.position(id).legs().get(0).orderId();

        rig.restart();
        assertThat(rig.position(id).legs().get(0).orderId()).isEqualTo(orderId);
        rig.work(10, 300);                            // re-priced in place to 76, filled

        assertThat(rig.broker.orders()).singleElement().satisfies(order -> {
            assertThat(order.id).isEqualTo(orderId);
            assertThat(order.modifies).isEqualTo(1);
        });
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(id).legs().get(0).fillPrice()).isEqualTo(76.0);
    }

    /**
     * Two positions exit the same symbol, side and quantity; the crash leaves neither order id journalled and only
     * the second's send at the broker. OpenAlgo's order book does not say which is whose, so the first may take the
     * second's order: then the second sends its own. Either way one order per leg, none owned twice.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "broker reports tags: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void shouldGiveTwoLookalikeExitsOneOrderEach(boolean tagged) {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker().echoingTags(tagged));
        long first = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        long second = rig.open("b", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.broker.nextSends("lost-before", "lost-after");
        rig.quote(CE, 80, 80.5);
        // the first send's answer is lost; the account is tried again after the first retry wait, by the second's
        rig.work(2, 300);
        assertThat(rig.broker.orders()).singleElement()
                .satisfies(o -> assertThat(o.placed.tag()).isEqualTo(ExitOrder.tag(rig.desk.epoch(), second, 0)));

        rig.restart();
        rig.work(6, 300);

        assertThat(rig.broker.orders()).hasSize(2);
        String firstOrder = rig.position(first).legs().get(0).orderId();
        String secondOrder = rig.position(second).legs().get(0).orderId();
        assertThat(firstOrder).isNotNull().isNotEqualTo(secondOrder);
        assertThat(rig.broker.orders()).extracting(o -> o.id).containsExactlyInAnyOrder(firstOrder, secondOrder);
        if (tagged) {
            assertThat(rig.broker.orders()).allSatisfy(o -> assertThat(o.placed.tag())
                    .isEqualTo(ExitOrder.tag(rig.desk.epoch(), o.id.equals(firstOrder) ? first : second, 0)));
        }
        assertThat(rig.position(first).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(second).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldRefuseASecondDeskOnTheSameJournal() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        org.assertj.core.api.Assertions.assertThatThrownBy(rig::openDesk)
                .hasMessageContaining("in use by another process");
        rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE);
        assertThat(rig.desk.positions()).hasSize(1);
    }

    /** The crash tore the last record (the second position's OPENED) while it was written: it was never acted on. */
    @Test
    void shouldResumeAfterATornLastRecord() throws Exception {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.open("b", ExitRules.stopAt(80), LONG, 75, 100, PE);
        rig.desk.close();
        java.nio.file.Path file = data.resolve(Journal.FILE_NAME);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));   // its last 20 bytes

        rig.desk = rig.openDesk();
        assertThat(rig.desk.journal().recovery()).contains("cut a torn tail of");
        assertThat(rig.desk.journal().health().needsReview()).isEmpty();
        assertThat(rig.desk.positions()).extracting(Position::id).containsExactly(id);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        rig.quote(CE, 80, 80.5);
        rig.work(3, 300);
        assertThat(rig.broker.orders()).hasSize(1);
    }
}
