package io.optionchain.engine.desk;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.StrategyPnl;
import io.optionchain.engine.positions.TrailingStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.CE_OTM;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.desk.RiskRig.PE_OTM;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * Ended positions leave memory and the journal: a busy day of positions opened and cancelled keeps the journal
 * small (it is compacted once enough of it belongs to positions no longer in memory), a restart on it brings back
 * the same book, and nothing later decisions need is lost with the dropped records: the next id, today's realised
 * P&amp;L per strategy, the orders dropped exits owned. Ended positions stop moving with the market.
 */
class EndedPositionsTest {
    /** The journal's most, stated: 256 KiB before a compaction is due, plus the 100 cycles between two checks. */
    private static final long JOURNAL_BOUND = 320 * 1024;
    /** 09:30 IST on the rig's day plus one day: another trading day. */
    private static final long NEXT_DAY = RiskRig.START + 86_400_000L;

    @TempDir
    Path data;
    private RiskRig rig;

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void shouldKeepTheJournalSmallOverFourThousandOpenAndCancelCyclesAndRestartToTheSameBook() throws Exception {
        InMemoryBroker broker = new InMemoryBroker();   // OpenAlgo's order book: no tags
        rig = new RiskRig(data, RiskRig.settings().withRetainEnded(Duration.ofMinutes(1)).withNearStopPercent(0),
                broker);
        // the broker stamps placements 5½ hours ahead (IST taken for UTC): its times no longer tell an old order from
        // a new one, so only the claim on a forgotten exit's order can keep a later look-up off it
        broker.timedBy(() -> rig.clock.millis() + 19_800_000L);
        long trend = rig.open("trend", ExitRules.none().withTrailing(TrailingStop.points(10)), LONG, 75, 50, PE).id();
        for (double bid = 52; bid <= 70; bid += 2) {
            rig.quote(PE, bid, bid + 0.5);
            rig.work(2, 600);                            // each move journalled as a trailing mark
        }
        long exited = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work(3, 300);
        Position closed = rig.position(exited);
        assertThat(closed.state()).isEqualTo(PositionState.CLOSED);
        String forgottenOrder = closed.legs().get(0).orderId();
        Path file = data.resolve(Journal.FILE_NAME);

        long largest = 0;
        for (int i = 0; i < 4_000; i++) {
            long id = rig.open("scalp", ExitRules.stopAt(10), LONG, 75, 100, CE_OTM).id();
            rig.desk.cancel(id);
            rig.clock.advance(1_000);
            if (i % 100 == 99) {
                rig.desk.positions();                    // a reader, as the page's stream is four times a second
                largest = Math.max(largest, Files.size(file));
            }
        }

        assertThat(largest).as("the journal's largest size, in bytes").isLessThan(JOURNAL_BOUND);
        assertThat(rig.desk.positions()).as("what is left in memory: the open one and the last minute's")
                .hasSizeBetween(2, 70);
        List<Object> book = rig.desk.positions().stream().map(p -> (Object) tuple(p.id(), p.state())).toList();
        List<StrategyPnl> pnl = rig.desk.pnlByStrategy();
        assertThat(pnl).filteredOn(s -> s.strategy().equals("scalp")).singleElement().satisfies(s -> {
            assertThat(s.positions()).isEqualTo(4_001);
            assertThat(s.realizedPnl()).as("the forgotten exit's P&L").isEqualTo(closed.realizedPnl());
        });

        rig.restart();

        assertThat(Files.size(file)).isLessThan(JOURNAL_BOUND);
        assertThat(Journal.read(file)).filteredOn(r -> r instanceof JournalRecord.TrailMark t
                && t.positionId() == trend).as("only the last trailing mark").hasSize(1);
        assertThat(rig.desk.positions().stream().map(p -> (Object) tuple(p.id(), p.state())).toList())
                .isEqualTo(book);
        assertThat(rig.position(trend).watermark()).isEqualTo(70.0);
        assertThat(rig.position(trend).stopLevel()).isEqualTo(60.0);
        assertThat(rig.desk.pnlByStrategy()).isEqualTo(pnl);
        assertThat(rig.desk.journal().knownOrders()).containsEntry(forgottenOrder,
                ExitOrder.tag(rig.desk.epoch(), exited, 0));

        // a new exit on the forgotten one's contract whose send goes unanswered looks the book up: the old order
        // is complete, right contract, "placed" after the trigger by the broker's clock, and still not this exit's
        broker.nextSends("lost-before");
        long late = rig.open("late", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        assertThat(late).as("ids go on where they were").isEqualTo(4_002);
        rig.quote(CE, 80, 80.5);
        rig.work(8, 300);
        assertThat(rig.position(late).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(late).legs().get(0).orderId()).isNotEqualTo(forgottenOrder);
        assertThat(broker.ordersFor(late, 0)).isEqualTo(1);
    }

    @Test
    void shouldKeepTodaysRealisedProfitPerStrategyAfterItsPositionsLeaveMemoryAndAcrossRestarts() {
        rig = new RiskRig(data, RiskRig.settings().withRetainEnded(Duration.ofMinutes(1)).withNearStopPercent(0),
                new InMemoryBroker());
        rig.open("a", ExitRules.stopAt(80), LONG, 75, 100, CE);
        rig.open("a", ExitRules.stopAt(80), LONG, 75, 90, CE_OTM);
        rig.open("b", ExitRules.stopAt(60), SHORT, 75, 50, PE);
        long open = rig.open("b", ExitRules.stopAt(500), SHORT, 75, 50, PE_OTM).id();
        rig.quote(CE, 80, 80.5);                       // both of a's exit at 79
        rig.quote(CE_OTM, 80, 80.5);
        rig.quote(PE, 59.5, 60);                       // b's short buys back at 61
        rig.quote(PE_OTM, 40, 40.5);
        rig.work(3, 300);
        List<StrategyPnl> beforeForgetting = rig.desk.pnlByStrategy();
        assertThat(beforeForgetting).extracting(StrategyPnl::strategy, StrategyPnl::positions, StrategyPnl::open,
                StrategyPnl::realizedPnl).containsExactly(
                tuple("a", 2, 0, (79 - 100.0) * 75 + (79 - 90.0) * 75),
                tuple("b", 2, 1, (50 - 61.0) * 75));

        rig.clock.advance(61_000);

        assertThat(rig.desk.positions()).extracting(Position::id).as("the ended ones left memory").containsExactly(open);
        assertThat(rig.desk.pnlByStrategy()).as("and their P&L stayed").isEqualTo(beforeForgetting);
        rig.restart();
        assertThat(rig.desk.pnlByStrategy()).as("after a restart").isEqualTo(beforeForgetting);
        rig.restart();
        assertThat(rig.desk.pnlByStrategy()).as("after another, from the compacted journal").isEqualTo(beforeForgetting);

        rig.clock.set(NEXT_DAY);
        assertThat(rig.desk.pnlByStrategy()).as("a new day starts from zero").extracting(StrategyPnl::strategy,
                StrategyPnl::positions, StrategyPnl::open, StrategyPnl::realizedPnl)
                .containsExactly(tuple("b", 1, 1, 0.0));
        rig.restart();
        assertThat(rig.desk.pnlByStrategy()).extracting(StrategyPnl::strategy, StrategyPnl::positions)
                .containsExactly(tuple("b", 1));
    }

    @Test
    void shouldFreezeAnEndedPositionAtItsExitFillsOrWhereItWasCancelled() {
        rig = new RiskRig(data, RiskRig.settings().withNearStopPercent(0), new InMemoryBroker());
        long closed = rig.open("x", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        long cancelled = rig.open("y", ExitRules.stopAt(90), SHORT, 75, 50, PE).id();
        rig.quote(CE, 80, 80.5);
        rig.quote(PE, 49.5, 50);
        rig.work(3, 300);
        rig.desk.cancel(cancelled);
        Position atClose = rig.position(closed);
        Position atCancel = rig.position(cancelled);
        assertThat(atClose.legs().get(0).mark()).as("a closed leg's mark is its fill").isEqualTo(79.0);
        assertThat(atCancel.legs().get(0).mark()).as("a short's ask when it was cancelled").isEqualTo(50.0);
        assertThat(atCancel.legs().get(0).pnl()).isEqualTo(0.0);

        rig.quote(CE, 120, 120.5);
        rig.quote(PE, 70, 70.5);
        rig.work(3, 300);

        assertThat(rig.position(closed)).isEqualTo(atClose);
        assertThat(rig.position(cancelled)).isEqualTo(atCancel);
    }
}
