package io.optionchain.engine.desk;

import io.optionchain.engine.desk.HistoryLossReport.UnaccountedHolding;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord.HistoryLossAcknowledged;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.desk.RiskRig.PE_OTM;
import static io.optionchain.engine.ports.OrderAccounts.PRIMARY;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The desk over a journal that lost its history (moved aside by hand): it reads the broker's position book, holds
 * back new positions on what the broker holds beyond the journal's positions (and every new position while the book
 * cannot be read) and manual exits on such symbols, until a person acknowledges; the stops of the positions it does
 * know keep working. The broker is {@link InMemoryBroker}: a position book failing on cue cannot be caused through
 * the simulator in-process, and the rig reads it by hand instead of on the reader's thread.
 */
class LostHistoryTest {
    @TempDir
    Path data;
    private RiskRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldHoldBackWhatTheBrokerHoldsBeyondTheJournalUntilAcknowledged() throws Exception {
        // the trader's own entries at the broker: long a call, short two lots of a put
        InMemoryBroker broker = new InMemoryBroker().entered(CE, "NFO", "MIS", 75).entered(PE, "NFO", "MIS", -150);
        rig = new RiskRig(data, RiskRig.settings().withNearStopPercent(0), broker);
        rig.open("before", ExitRules.stopAt(80), LONG, 75, 100, CE);
        assertThat(rig.desk.historyLoss()).as("a journal that never lost anything").isNull();
        rig.desk.close();
        Files.move(data.resolve(Journal.FILE_NAME), data.resolve(Journal.FILE_NAME + ".by-hand"));
        rig.desk = rig.openDesk();

        HistoryLossReport lost = rig.desk.historyLoss();
        assertThat(lost.acknowledged()).isFalse();
        assertThat(lost.cause()).contains(Journal.FILE_NAME + ".by-hand");
        assertThat(lost.brokerHoldings()).as("not read yet").isNull();
        assertThat(refusal(CE_OTM, LONG, 75)).as("nothing is registered blind").hasMessageContaining(
                "cannot check the broker's holdings yet").extracting(UnacknowledgedHistoryLossException::symbol)
                .isNull();
        broker.positionBookDown(true);
        assertThat(rig.desk.unknownHoldings().check()).isFalse();
        assertThat(rig.desk.historyLoss().brokerProblem()).contains("502");
        assertThat(refusal(CE_OTM, LONG, 75)).hasMessageContaining("cannot check the broker's holdings yet");
        broker.positionBookDown(false);
        assertThat(rig.desk.unknownHoldings().check()).isTrue();

        assertThat(rig.desk.historyLoss().brokerHoldings()).containsExactlyInAnyOrder(
                new UnaccountedHolding(CE, "NFO", "MIS", 75, 75, PRIMARY),
                new UnaccountedHolding(PE, "NFO", "MIS", -150, -150, PRIMARY));
        assertThat(rig.desk.historyLoss().brokerProblem()).isNull();
        UnacknowledgedHistoryLossException held = refusal(CE, LONG, 75);
        assertThat(held.symbol()).isEqualTo(CE);
        assertThat(held).hasMessageContaining(CE).hasMessageContaining("acknowledges");
        assertThat(refusal(PE, SHORT, 150).symbol()).isEqualTo(PE);
        long known = rig.open("not-held", ExitRules.stopAt(80), LONG, 75, 100, PE_OTM).id();

        // the trader buys more of it at the broker: the journal accounts for 75 of the 225 it holds
        broker.entered(PE_OTM, "NFO", "MIS", 150);
        assertThat(rig.desk.unknownHoldings().check()).isTrue();
        assertThat(rig.desk.historyLoss().brokerHoldings())
                .contains(new UnaccountedHolding(PE_OTM, "NFO", "MIS", 150, 75, PRIMARY));
        UnacknowledgedHistoryLossException exit = catchThrowableOfType(UnacknowledgedHistoryLossException.class,
                () -> rig.desk.exit(known));
        assertThat(exit).as("a manual exit on a held symbol").hasMessageContaining(PE_OTM);
        assertThat(rig.position(known).state()).isEqualTo(PositionState.OPEN);
        rig.quote(PE_OTM, 79, 79.5);
        rig.work(3, 300);
        assertThat(rig.position(known).state()).as("its stop keeps working").isEqualTo(PositionState.CLOSED);
        assertThat(broker.ordersFor(known, 0)).isEqualTo(1);

        assertThat(rig.desk.acknowledgeHistoryLoss()).isTrue();
        assertThat(rig.desk.acknowledgeHistoryLoss()).as("nothing left to acknowledge").isFalse();
        assertThat(Journal.read(data.resolve(Journal.FILE_NAME)))
                .filteredOn(r -> r instanceof HistoryLossAcknowledged).hasSize(1);
        assertThat(rig.desk.historyLoss().acknowledged()).isTrue();
        assertThat(rig.open("after", ExitRules.stopAt(80), LONG, 75, 100, CE).state()).isEqualTo(PositionState.OPEN);

        rig.restart();
        assertThat(rig.desk.historyLoss().acknowledged()).as("a restart does not ask again").isTrue();
        assertThat(rig.open("short", ExitRules.stopAt(300), SHORT, 150, 100, PE).state())
                .isEqualTo(PositionState.OPEN);
    }

    private UnacknowledgedHistoryLossException refusal(String symbol, io.optionchain.engine.positions.PositionSide side,
                                                       long quantity) {
        return catchThrowableOfType(UnacknowledgedHistoryLossException.class,
                () -> rig.open("held", ExitRules.stopAt(side == LONG ? 80 : 300), side, quantity, 100, symbol));
    }
}
