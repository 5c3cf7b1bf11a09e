package io.optionchain.engine.desk;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.ports.BrokerOrderState;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exit whose send went unanswered looks its order up in the broker's book; it must never take an older order
 * that belongs to another exit. The hazard: position ids restart with a new journal, so a new position 0 may
 * look, by tag or by contract, like an old position 0 whose exit order is still in the day's order book.
 * Adopting it would record a fill that never happened and leave the new position open at the broker, unwatched.
 */
class ForeignOrderAdoptionTest {
    @TempDir
    Path data;
    private RiskRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    @ParameterizedTest(name = "broker reports tags: {0}, new position on {1}")
    @CsvSource({"false, NIFTY25NOV2524600CE", "true, NIFTY25NOV2524600CE",
            "false, NIFTY25NOV2524500CE", "true, NIFTY25NOV2524500CE"})
    void shouldNeverAdoptAnOlderExitsOrderAfterTheJournalStartsAgain(boolean tagged, String symbol) throws Exception {
        InMemoryBroker broker = new InMemoryBroker().echoingTags(tagged);
        rig = new RiskRig(data, RiskRig.settings().withNearStopPercent(0), broker);
        rig.open("old", ExitRules.stopAt(80), LONG, 75, 100, CE);
        rig.quote(CE, 80, 80.5);
        rig.work(3, 300);
        assertThat(broker.orders()).singleElement().satisfies(o -> assertThat(o.state)
                .isEqualTo(BrokerOrderState.COMPLETE));
        String oldOrder = broker.orders().get(0).id;

        rig.desk.close();
        Files.move(data.resolve(Journal.FILE_NAME), data.resolve(Journal.FILE_NAME + ".moved-by-operator"));
        rig.clock.advance(60_000);
        rig.desk = rig.openDesk();
        // the operator checked the broker's positions after the journal lost its history (LostHistoryTest)
        assertThat(rig.desk.acknowledgeHistoryLoss()).isTrue();
        long fresh = rig.open("new", ExitRules.stopAt(80), LONG, 75, 100, symbol).id();
        broker.nextSends("lost-before"); // HTTP 500: no answer, and the broker never took the order
        rig.quote(symbol, 80, 80.5);
        rig.work(8, 300);

        assertThat(broker.orders()).as("the old exit's order is not the new one's").hasSize(2);
        assertThat(broker.orders().get(1).placed.symbol()).isEqualTo(symbol);
        assertThat(rig.position(fresh).legs().get(0).orderId()).isNotEqualTo(oldOrder)
                .isEqualTo(broker.orders().get(1).id);
        assertThat(rig.position(fresh).state()).isEqualTo(PositionState.CLOSED);
    }
}
