package io.optionchain.engine.desk;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.BrokerOrderState;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.RiskSettings;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an exit order is worked: priced from the book, re-priced in place when it does not fill, and never sent
 * twice when a send's outcome is unknown. The broker is the in-memory stand-in: lost answers and refusals on
 * cue cannot be caused through a real server in-process.
 */
class ExitExecutorTest {
    @TempDir
    Path data;
    private RiskRig rig;

    private RiskRig rig(RiskSettings settings) {
        rig = new RiskRig(data, settings.withNearStopPercent(0), new InMemoryBroker());
        rig.broker.fillWhenMarketable(rig::touch);
        return rig;
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private long triggeredLong() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        return id;
    }

    @Test
    void shouldRepriceTheSameOrderWhenItDoesNotFill() {
        rig(RiskRig.settings());
        long id = triggeredLong();
        rig.work();                                  // EXITING journalled, sell 75 at 79.00
        rig.quote(CE, 78, 78.5);                     // the market falls through the limit
        rig.work(6, 300);                            // polled for 1.8 s: still open, not yet re-priced
        assertThat(rig.broker.orders().get(0).modifies).isZero();

        rig.work(2, 300);                            // past the 2 s wait: modified to 77.00, then filled
        rig.work(2, 300);

        assertThat(rig.broker.orders()).singleElement().satisfies(order -> {
            assertThat(order.modifies).isEqualTo(1);
            assertThat(order.price).isEqualTo(77.00);
            assertThat(order.state).isEqualTo(BrokerOrderState.COMPLETE);
        });
        Position closed = rig.position(id);
        assertThat(closed.state()).isEqualTo(PositionState.CLOSED);
        assertThat(closed.legs().get(0).fillPrice()).isEqualTo(77.00);
        assertThat(rig.audit.of(AuditKind.REPRICE)).singleElement()
                .satisfies(e -> assertThat(e.price()).isEqualTo(77.00));
        assertThat(Journal.read(rig.desk.journal().file()))
                .contains(new JournalRecord.Repriced(id, 0, 1, 77.00), new JournalRecord.Filled(id, 0, 77.00));
    }

    @Test
    void shouldStopChasingAfterTheLastRepriceAndSaySo() {
        rig(RiskRig.settings().withReprices(Duration.ofMillis(500), 2));
        rig.broker.fillWhenMarketable(symbol -> new double[] {0, 0}); // nobody takes the other side
        long id = triggeredLong();
        rig.work();
        for (int i = 0; i < 6; i++) {                // the book keeps moving: every wait has a new price
            rig.quote(CE, 78 - 2 * i, 78.5 - 2 * i);
            rig.work(3, 250);
        }
        assertThat(rig.broker.orders()).singleElement().satisfies(order -> assertThat(order.modifies).isEqualTo(2));
        assertThat(rig.audit.of(AuditKind.ALERT)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("unfilled after 2 re-prices"));
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.WORKING);
    }

    @Test
    void shouldLookUpASendWhoseAnswerWasLostAndAdoptTheOrderItFinds() {
        rig(RiskRig.settings());
        rig.broker.nextSends("lost-after");
        long id = triggeredLong();
        rig.work();
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.LOOKING_UP);

        rig.work(6, 300);                             // after the 1 s settle: found in the order book

        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.audit.of(AuditKind.ORDER_ADOPTED)).hasSize(1);
        assertThat(rig.audit.of(AuditKind.ORDER_SENT)).isEmpty();
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldSendAgainOnlyOnceTheLookUpFindsNothing() {
        rig(RiskRig.settings());
        rig.broker.nextSends("lost-before", "refused");
        long id = triggeredLong();
        rig.work(10, 300);

        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.audit.of(AuditKind.ORDER_SENT)).hasSize(1);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldNotAdoptAnOrderAnotherLegOwns() {
        rig(RiskRig.settings());
        long first = rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        long second = rig.open("b", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.broker.fillWhenMarketable(symbol -> new double[] {0, 0});   // nothing fills
        rig.broker.nextSends("taken", "lost-before");
        rig.quote(CE, 80, 80.5);                      // both fire; the second's send is lost
        rig.work(8, 300);

        assertThat(rig.broker.ordersFor(first, 0)).isEqualTo(1);
        assertThat(rig.broker.ordersFor(second, 0)).isEqualTo(1);
        assertThat(rig.position(first).legs().get(0).orderId())
                .isNotEqualTo(rig.position(second).legs().get(0).orderId());
    }

    @Test
    void shouldNeverResendARejectedExit() {
        rig(RiskRig.settings());
        rig.broker.rejectingAll(true);
        long id = triggeredLong();
        rig.work(10, 300);

        assertThat(rig.broker.orders()).isEmpty();
        Position failed = rig.position(id);
        assertThat(failed.state()).isEqualTo(PositionState.EXIT_FAILED);
        assertThat(failed.legs().get(0).exit()).isEqualTo(LegExit.FAILED);
        assertThat(rig.audit.of(AuditKind.EXIT_FAILED)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("RMS: margin exceeds"));

        rig.broker.rejectingAll(false);
        rig.restart();
        rig.work(10, 300);
        assertThat(rig.broker.orders()).isEmpty();
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXIT_FAILED);
    }

    @Test
    void shouldPriceAWideBookFromTheDepthThatFillsTheQuantity() {
        rig(RiskRig.settings());
        rig.broker.fillWhenMarketable(symbol -> new double[] {1_000, 1_000});
        long id = rig.open("size", ExitRules.stopAt(80), LONG, 300, 100, CE).id();
        TickEvent thin = rig.depth(CE, 80, 84, 82);   // spread 4 > tolerance 2
        thin.bidQuantity[0] = 75;
        thin.bidQuantity[1] = 75;                      // 79.95
        thin.bidQuantity[2] = 75;                      // 79.90
        thin.bidQuantity[3] = 1_500;                   // 79.85 fills the rest
        rig.send(thin);
        rig.work(3, 300);

        assertThat(rig.broker.orders()).singleElement()
                .satisfies(order -> assertThat(order.placed.price()).isEqualTo(78.85));
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldWaitForABookToPriceAManualExitAndSaySo() {
        rig(RiskRig.settings());
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.desk.exit(id);                            // no quote of CE yet
        rig.work(4, 300);
        assertThat(rig.broker.orders()).isEmpty();
        assertThat(rig.audit.of(AuditKind.ALERT)).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("no bid to price the exit from"));

        rig.quote(CE, 95, 95.5);
        rig.work(3, 300);
        assertThat(rig.broker.orders()).singleElement()
                .satisfies(order -> assertThat(order.placed.price()).isEqualTo(94.0));
    }

    @Test
    void shouldHaveTheTriggerOnDiskBeforeTheOrderIsSent() {
        rig(RiskRig.settings());
        rig.broker.recordingJournal(() -> 0, order -> Journal.read(rig.desk.journal().file()).stream()
                .anyMatch(r -> r instanceof JournalRecord.Exiting e && e.positionId() == order.positionId())
                ? null : "order for position " + order.positionId() + " sent before its EXITING record");
        triggeredLong();
        rig.work(4, 300);
        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.broker.violations()).isEmpty();
        assertThat(List.of(rig.desk.handler().triggers())).containsExactly(1L);
    }

    @Test
    void shouldReportAnExitOrderTheBrokerDoesNotKnowAndKeepCheckingOnABackOff() {
        rig(RiskRig.settings());
        long id = triggeredLong();
        rig.broker.statusUnknown(true);
        rig.work();                                   // sent; every look-up now answers "not found"
        assertThat(rig.broker.orders()).hasSize(1);

        rig.work(9, 300);
        assertThat(rig.position(id).legs().get(0).exit()).as("nine failed look-ups are not yet unknown")
                .isEqualTo(LegExit.WORKING);
        rig.work(3, 300);
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.EXIT_UNKNOWN);
        assertThat(rig.audit.of(AuditKind.ALERT)).singleElement()
                .satisfies(alert -> assertThat(alert.message()).contains("unknown at the broker"));

        int before = rig.broker.statusCalls();
        rig.work(200, 300);                           // a minute: look-ups back off instead of every 300 ms
        assertThat(rig.broker.statusCalls() - before).as("look-ups in a minute of back-off").isBetween(3, 12);
        assertThat(rig.audit.of(AuditKind.ALERT)).as("alerted once").hasSize(1);
        assertThat(rig.broker.orders()).as("never re-sent").hasSize(1);

        rig.broker.statusUnknown(false);
        rig.work(300, 300);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(1);
    }
}
