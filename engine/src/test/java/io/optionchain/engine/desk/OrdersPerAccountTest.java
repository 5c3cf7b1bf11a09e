package io.optionchain.engine.desk;

import io.optionchain.engine.instrument.InstrumentRegistry;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegRequest;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionRequest;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.state.ChainStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Orders stay with their account: a position names the account that holds it (the primary when it names none),
 * and every call of its exit (send, look-up, status, re-price) goes to that account's broker, never another's,
 * across restarts too. When that account cannot take orders, the exit waits for it, alerts at once and shows why,
 * and is sent exactly once when it answers. Each account is an in-memory broker of its own, as each OpenAlgo server
 * is one account: outages on cue and answers lost after the broker took the order cannot be caused through the
 * simulator in-process. Both brokers number their orders from the same id, as two OpenAlgo servers may.
 */
class OrdersPerAccountTest {
    private static final String MAIN = "zerodha-main";
    private static final String BACKUP = "dhan-backup";

    @TempDir
    Path data;
    private RiskRig rig;
    private InMemoryBroker main;
    private InMemoryBroker backup;

    private RiskRig rig(boolean tagged) {
        main = new InMemoryBroker().echoingTags(tagged);
        backup = new InMemoryBroker().echoingTags(tagged);
        Map<String, InMemoryBroker> brokers = new LinkedHashMap<>();
        brokers.put(MAIN, main);
        brokers.put(BACKUP, backup);
        rig = new RiskRig(data, RiskRig.settings().withNearStopPercent(0), brokers, MAIN, new ManualClock(RiskRig.START),
                new InstrumentRegistry(256), ChainStore.inMemory(256), true);
        return rig;
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private long open(String account, String symbol) {
        return rig.desk.open(PositionRequest.single("s", new LegRequest(symbol, LONG, 75, 100), ExitRules.stopAt(80))
                .heldBy(account)).id();
    }

    @Test
    void shouldSendEveryCallOfAnExitThroughTheAccountThatHoldsThePositionAndNoOther() {
        rig(true);
        long ofPrimary = open(null, CE);
        long ofBackup = open(BACKUP, PE);

        rig.quote(CE, 80, 80.5);
        rig.quote(PE, 80, 80.5);
        rig.work(5, 300);

        assertThat(rig.position(ofPrimary).account()).as("left out: the primary").isEqualTo(MAIN);
        assertThat(rig.position(ofBackup).account()).isEqualTo(BACKUP);
        assertThat(rig.position(ofPrimary).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(ofBackup).state()).isEqualTo(PositionState.CLOSED);
        String primaryTag = ExitOrder.tag(rig.desk.epoch(), ofPrimary, 0);
        String backupTag = ExitOrder.tag(rig.desk.epoch(), ofBackup, 0);
        assertThat(main.orders()).singleElement().satisfies(o -> assertThat(o.placed.tag()).isEqualTo(primaryTag));
        assertThat(backup.orders()).singleElement().satisfies(o -> assertThat(o.placed.tag()).isEqualTo(backupTag));
        assertThat(main.tagsAsked()).as("sends and status look-ups of the primary's broker").containsOnly(primaryTag);
        assertThat(backup.tagsAsked()).containsOnly(backupTag);
        assertThat(rig.audit.events()).filteredOn(e -> e.positionId() == ofBackup).isNotEmpty()
                .extracting(AuditEvent::account).containsOnly(BACKUP);
        assertThat(Journal.read(data.resolve(Journal.FILE_NAME))).filteredOn(r -> r instanceof JournalRecord.Opened)
                .extracting(r -> ((JournalRecord.Opened) r).account()).containsExactly(MAIN, BACKUP);
    }

    @Test
    void shouldRefuseAPositionInAnAccountThatIsNotConfiguredAndJournalNothing() throws Exception {
        rig(true);
        long before = Files.size(data.resolve(Journal.FILE_NAME));

        IllegalArgumentException refused = catchThrowableOfType(IllegalArgumentException.class, () -> open("upstox", CE));

        assertThat(refused).hasMessageContaining("account").hasMessageContaining("upstox")
                .hasMessageContaining(MAIN).hasMessageContaining(BACKUP);
        assertThat(rig.desk.positions()).isEmpty();
        assertThat(Files.size(data.resolve(Journal.FILE_NAME))).isEqualTo(before);
    }

    @ParameterizedTest(name = "the holding account answers: {0}")
    @CsvSource({"refused, 403", "rate-limited, 429", "server-error, 503", "no-answer, no answer"})
    void shouldQueueTheExitWhileTheHoldingAccountCannotTakeOrdersAndSendItOnceWhenItAnswers(String outage,
                                                                                           String said) {
        rig(false);                                   // OpenAlgo's order book: no tags
        long id = open(BACKUP, CE);
        backup.down(outage);

        rig.quote(CE, 80, 80.5);                      // the stop fires; ticks go on, from whichever account
        for (int i = 0; i < 40; i++) {
            rig.quote(CE, 79.5, 80);
            rig.work();
            rig.clock.advance(250);
        }

        Position waiting = rig.position(id);
        assertThat(waiting.state()).isEqualTo(PositionState.EXITING);
        assertThat(waiting.exitWaiting()).as("the view says the exit waits, and why").isNotNull();
        assertThat(waiting.exitWaiting().cause()).contains(said);
        assertThat(waiting.exitWaiting().since().toInstant().toEpochMilli()).isEqualTo(RiskRig.START);
        assertThat(rig.audit.of(AuditKind.EXIT_QUEUED)).as("one alert, at once").singleElement().satisfies(e -> {
            assertThat(e.positionId()).isEqualTo(id);
            assertThat(e.account()).isEqualTo(BACKUP);
            assertThat(e.timeMillis()).isEqualTo(RiskRig.START);
            assertThat(e.message()).contains(BACKUP).contains(said);
        });
        assertThat(backup.orders()).isEmpty();
        assertThat(main.orders()).as("never through another account").isEmpty();
        assertThat(main.tagsAsked()).isEmpty();
        assertThat(backup.callsWhileDown()).as("asked again after a back-off, not on every cycle").isBetween(3, 12);

        backup.down(null);
        rig.work(12, 250);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(id).exitWaiting()).isNull();
        assertThat(backup.orders()).hasSize(1);
        assertThat(main.orders()).isEmpty();
        assertThat(rig.audit.of(AuditKind.EXIT_QUEUED)).hasSize(1);
    }

    /**
     * The primary's exit owns its broker's order 1000; the backup's send is taken as the backup's order 1000 but its
     * answer is lost, and the process restarts. The backup's look-up must adopt its own 1000: the primary's claim on
     * an order of that id is for the primary's book only. Taking it for the primary's would send a second exit.
     */
    @Test
    void shouldAdoptItsOwnOrderWhoseIdAnotherAccountsExitOwns() {
        rig(false);
        long ofPrimary = open(null, CE);
        rig.quote(CE, 80, 80.5);
        rig.work(3, 300);
        assertThat(rig.position(ofPrimary).legs().get(0).orderId()).isEqualTo("1000");
        long ofBackup = open(BACKUP, CE_OTM);
        backup.nextSends("lost-after");
        rig.quote(CE_OTM, 80, 80.5);
        rig.work();
        assertThat(backup.orders()).singleElement().satisfies(o -> assertThat(o.id).isEqualTo("1000"));

        rig.restart();
        rig.work(8, 300);

        assertThat(rig.position(ofBackup).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(ofBackup).legs().get(0).orderId()).isEqualTo("1000");
        assertThat(backup.orders()).as("one exit at the backup").hasSize(1);
        assertThat(rig.audit.of(AuditKind.ORDER_ADOPTED)).singleElement()
                .satisfies(e -> assertThat(e.account()).isEqualTo(BACKUP));
    }

    @Test
    void shouldKeepThePositionsAccountAcrossARestartAndExitAnOlderJournalsPositionThroughThePrimary() {
        rig(true);
        long ofBackup = open(BACKUP, CE);
        rig.desk.close();
        try (Journal journal = Journal.open(data, rig.clock)) {
            // what a desk journalled before accounts: no account in its OPENED record
            journal.append(new JournalRecord.Opened(ofBackup + 1, RiskRig.START, "old", "MIS", ExitRules.stopAt(80),
                    List.of(new JournalRecord.OpenedLeg(PE, "NFO", "NIFTY", java.time.LocalDate.of(2025, 11, 25),
                            24_500, io.optionchain.engine.market.OptionType.PE, LONG, 75, 75, 100))));
        }
        rig.desk = rig.openDesk();
        long older = ofBackup + 1;

        assertThat(rig.position(ofBackup).account()).isEqualTo(BACKUP);
        assertThat(rig.position(older).account()).as("an older journal's position: the primary's").isEqualTo(MAIN);
        rig.quote(CE, 80, 80.5);
        rig.quote(PE, 80, 80.5);
        rig.work(5, 300);

        assertThat(backup.orders()).singleElement().satisfies(o -> assertThat(o.placed.positionId()).isEqualTo(ofBackup));
        assertThat(main.orders()).singleElement().satisfies(o -> assertThat(o.placed.positionId()).isEqualTo(older));
    }

    @Test
    void shouldReadEveryAccountsPositionBookAfterALostHistoryAndMatchEachAgainstItsOwnPositions() throws Exception {
        rig(true);
        backup.entered(PE, "NFO", "MIS", 75);          // bought at the backup's broker, outside the desk
        rig.desk.close();
        Files.move(data.resolve(Journal.FILE_NAME), data.resolve(Journal.FILE_NAME + ".by-hand"));
        rig.desk = rig.openDesk();
        assertThat(rig.desk.historyLoss()).isNotNull();

        backup.positionBookDown(true);
        assertThat(rig.desk.unknownHoldings().check()).isFalse();
        assertThat(rig.desk.historyLoss().brokerProblem()).contains(BACKUP);
        backup.positionBookDown(false);
        assertThat(rig.desk.unknownHoldings().check()).isTrue();
        assertThat(rig.desk.historyLoss().brokerHoldings()).containsExactly(
                new HistoryLossReport.UnaccountedHolding(PE, "NFO", "MIS", 75, 75, BACKUP));

        // a position the journal knows in the primary; the same contract bought at the backup too, outside the desk
        open(null, CE);
        main.entered(CE, "NFO", "MIS", 75);
        backup.entered(CE, "NFO", "MIS", 75);
        assertThat(rig.desk.unknownHoldings().check()).isTrue();

        assertThat(rig.desk.historyLoss().brokerHoldings()).as("the primary's position accounts for its own only")
                .containsExactlyInAnyOrder(new HistoryLossReport.UnaccountedHolding(PE, "NFO", "MIS", 75, 75, BACKUP),
                        new HistoryLossReport.UnaccountedHolding(CE, "NFO", "MIS", 75, 75, BACKUP));
    }
}
