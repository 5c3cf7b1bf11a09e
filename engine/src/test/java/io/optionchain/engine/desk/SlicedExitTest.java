package io.optionchain.engine.desk;

import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A leg above the exchange's freeze quantity (NIFTY 1,800) is exited in slices of the most whole lots within it,
 * the last the remainder; each slice is one broker order, sent, looked up, followed and journalled on its own, and
 * never sent twice, across lost answers and restarts. The broker refuses any order above the freeze quantity.
 */
class SlicedExitTest {
    @TempDir
    Path data;
    private RiskRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldSendALegAboveTheFreezeQuantityAsSlicesOfWholeLotsEachFilledOnce() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 1_875, 100, CE).id();   // 25 lots
        assertThat(rig.position(id).legs().get(0).slices()).extracting(Position.Slice::quantity)
                .containsExactly(1_800L, 75L);
        rig.quote(CE, 80, 80.5);
        rig.work(6, 300);

        Position closed = rig.position(id);
        assertThat(closed.state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).extracting(o -> o.placed.quantity() + " " + o.placed.tag())
                .containsExactly("1800 " + tag(id, 0, 0, 2), "75 " + tag(id, 0, 1, 2));
        assertThat(rig.broker.violations()).isEmpty();
        Position.Leg leg = closed.legs().get(0);
        assertThat(leg.exit()).isEqualTo(LegExit.FILLED);
        assertThat(leg.slices()).extracting(Position.Slice::exit).containsOnly(LegExit.FILLED);
        assertThat(leg.slices()).extracting(Position.Slice::orderId)
                .containsExactlyElementsOf(rig.broker.orders().stream().map(o -> o.id).toList());
        assertThat(leg.orderId()).isEqualTo(leg.slices().get(0).orderId());
        double value = leg.slices().get(0).fillPrice() * 1_800 + leg.slices().get(1).fillPrice() * 75;
        assertThat(leg.fillPrice()).isCloseTo(value / 1_875, within(1e-9));
        assertThat(closed.realizedPnl()).isCloseTo(value - 100.0 * 1_875, within(1e-6));
        assertThat(rig.audit.of(AuditKind.ORDER_SENT)).extracting(e -> e.quantity() + " " + e.message())
                .containsExactly("1800 slice 1 of 2", "75 slice 2 of 2");
        assertThat(Journal.read(data.resolve(Journal.FILE_NAME))).filteredOn(JournalRecord.OrderSent.class::isInstance)
                .extracting(r -> ((JournalRecord.OrderSent) r).slice() + "/" + ((JournalRecord.OrderSent) r).slices())
                .containsExactly("0/2", "1/2");
    }

    @Test
    void shouldSendALegAtTheFreezeQuantityWholeUnderTheLegsTagAndThreeSlicesForFortyNineLots() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        long whole = rig.open("a", ExitRules.stopAt(80), LONG, 1_800, 100, CE).id();
        long three = rig.open("b", ExitRules.stopAt(250), SHORT, 3_675, 100, PE).id();
        rig.quote(CE, 80, 80.5);
        rig.quote(PE, 249.5, 250);
        rig.work(6, 300);

        assertThat(rig.position(whole).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.position(whole).legs().get(0).slices()).isEmpty();
        assertThat(rig.position(three).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).extracting(o -> o.placed.quantity() + " " + o.placed.tag())
                .containsExactlyInAnyOrder("1800 " + ExitOrder.tag(rig.desk.epoch(), whole, 0),
                        "1800 " + tag(three, 0, 0, 3), "1800 " + tag(three, 0, 1, 3), "75 " + tag(three, 0, 2, 3));
        assertThat(rig.broker.violations()).isEmpty();
    }

    /** The remainder's send is answered by nothing after the broker took it: it alone is looked up and adopted. */
    @Test
    void shouldLookUpOnlyTheSliceWhoseAnswerWasLostAndAdoptItsOrder() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("taken", "lost-after");
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 1_875, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work();
        assertThat(rig.position(id).legs().get(0).slices()).extracting(Position.Slice::exit)
                .containsExactly(LegExit.WORKING, LegExit.LOOKING_UP);
        assertThat(rig.position(id).legs().get(0).exit()).isEqualTo(LegExit.LOOKING_UP);

        rig.work(10, 300);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(2);
        assertThat(rig.audit.of(AuditKind.ORDER_ADOPTED)).extracting(e -> e.quantity() + " " + e.message())
                .containsExactly("75 slice 2 of 2");
    }

    /** The first slice's send never reached the broker: it alone is sent again, once. */
    @Test
    void shouldResendOnlyTheSliceTheBrokerNeverTook() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("lost-before", "taken");
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 1_875, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work(10, 300);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.ordersTagged(tag(id, 0, 0, 2))).isEqualTo(1);
        assertThat(rig.broker.ordersTagged(tag(id, 0, 1, 2))).isEqualTo(1);
        assertThat(rig.audit.of(AuditKind.ORDER_ADOPTED)).isEmpty();
    }

    /**
     * Two slices of one quantity: the second, whose answer was lost, finds two orders of its contract in the book,
     * its sibling's first, and takes its own, never the one its sibling already owns.
     */
    @Test
    void shouldNeverAdoptTheOrderAnotherSliceOfTheLegOwns() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("taken", "lost-after");
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 3_600, 100, CE).id();   // 48 lots: 1,800 twice
        rig.quote(CE, 80, 80.5);
        rig.work(10, 300);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(2);
        List<Position.Slice> slices = rig.position(id).legs().get(0).slices();
        assertThat(slices).extracting(Position.Slice::orderId).doesNotHaveDuplicates()
                .containsExactlyElementsOf(rig.broker.orders().stream().map(o -> o.id).toList());
    }

    /**
     * Both sends of two equal slices are unknown, and only the second reached the broker. Without tags either slice
     * may take that order (they are interchangeable); with tags only its own slice may. Either way the broker ends
     * with exactly one order per slice, each owned once.
     */
    @Test
    void shouldEndWithOneOrderPerSliceWhenEqualSlicesAreBothUnknown() {
        for (boolean tagged : new boolean[] {false, true}) {
            rig = new RiskRig(data.resolve(tagged ? "tagged" : "untagged"), RiskRig.settings(),
                    new InMemoryBroker().echoingTags(tagged));
            rig.broker.nextSends("lost-before", "lost-after");
            long id = rig.open("a", ExitRules.stopAt(80), LONG, 3_600, 100, CE).id();
            rig.quote(CE, 80, 80.5);
            rig.work(12, 300);

            assertThat(rig.position(id).state()).as("tagged %s", tagged).isEqualTo(PositionState.CLOSED);
            assertThat(rig.broker.orders()).as("tagged %s", tagged).hasSize(2);
            assertThat(rig.position(id).legs().get(0).slices()).extracting(Position.Slice::orderId)
                    .doesNotHaveDuplicates().doesNotContainNull();
            if (tagged) {
                assertThat(rig.broker.ordersTagged(tag(id, 0, 0, 2))).isEqualTo(1);
                assertThat(rig.broker.ordersTagged(tag(id, 0, 1, 2))).isEqualTo(1);
            }
            rig.close();
        }
        rig = new RiskRig(data.resolve("last"), RiskRig.settings(), new InMemoryBroker());
    }

    /**
     * The process stops with the first slice working and the second not yet at the broker (refused, to be sent
     * again): the restart follows the first and looks the second up before sending it, once.
     */
    @Test
    void shouldResumeASlicedExitAfterARestartWithoutASecondOrderForAnySlice() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("taken", "refused");
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 1_875, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work();
        assertThat(rig.broker.orders()).hasSize(1);

        rig.restart();
        Position back = rig.position(id);
        assertThat(back.state()).isEqualTo(PositionState.EXITING);
        assertThat(back.legs().get(0).slices()).extracting(Position.Slice::exit)
                .containsExactly(LegExit.WORKING, LegExit.LOOKING_UP);
        assertThat(back.legs().get(0).slices().get(0).orderId()).isEqualTo(rig.broker.orders().get(0).id);
        rig.work(10, 300);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.ordersTagged(tag(id, 0, 0, 2))).isEqualTo(1);
        assertThat(rig.broker.ordersTagged(tag(id, 0, 1, 2))).isEqualTo(1);
        rig.restart();
        rig.work(10, 300);
        assertThat(rig.broker.orders()).hasSize(2);
    }

    /** The second slice reached the broker but its answer, and the process, were lost: the restart adopts it. */
    @Test
    void shouldAdoptAfterARestartTheSliceOrderWhoseAnswerWasLost() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("taken", "lost-after");
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 1_875, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work();

        rig.restart();
        rig.work(10, 300);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(2);
        assertThat(rig.audit.of(AuditKind.ORDER_ADOPTED)).extracting(AuditEvent::quantity).containsExactly(75L);
    }

    /**
     * The freeze quantity changes in the config between a crash and the restart: the exit under way is sliced as it
     * began (its EXITING record says how), an open position as the config says now.
     */
    @Test
    void shouldFinishAnExitSlicedAsItBeganWhateverTheConfigSaysAfterARestart() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("taken", "refused");
        long exiting = rig.open("a", ExitRules.stopAt(80), LONG, 1_875, 100, CE).id();
        long open = rig.open("b", ExitRules.stopAt(80), LONG, 1_875, 100, PE).id();
        rig.quote(CE, 80, 80.5);
        rig.work();

        Underlying n = RiskRig.NIFTY;
        rig.underlyings = List.of(new Underlying(n.name(), n.indexExchange(), n.optionExchange(), n.lotSize(),
                n.strikeStep(), n.strikesEachSide(), n.expiries(), 900), RiskRig.BANKNIFTY);
        rig.restart();
        assertThat(rig.position(exiting).legs().get(0).slices()).extracting(Position.Slice::quantity)
                .containsExactly(1_800L, 75L);
        assertThat(rig.position(open).legs().get(0).slices()).extracting(Position.Slice::quantity)
                .containsExactly(900L, 900L, 75L);
        rig.work(10, 300);

        assertThat(rig.position(exiting).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).extracting(o -> o.placed.quantity()).containsExactly(1_800L, 75L);
    }

    /** One slice rejected: that slice fails, the leg and position with it; the filled slice's P&amp;L is realized. */
    @Test
    void shouldFailTheLegWhenOneSliceIsRejectedAndCountOnlyTheFilledSliceAsRealized() {
        rig = new RiskRig(data, RiskRig.settings(), new InMemoryBroker());
        rig.broker.nextSends("taken", "rejected");
        long id = rig.open("a", ExitRules.stopAt(80), LONG, 1_875, 100, CE).id();
        rig.quote(CE, 80, 80.5);
        rig.work(10, 300);

        Position failed = rig.position(id);
        assertThat(failed.state()).isEqualTo(PositionState.EXIT_FAILED);
        Position.Leg leg = failed.legs().get(0);
        assertThat(leg.exit()).isEqualTo(LegExit.FAILED);
        assertThat(leg.fillPrice()).isNull();
        assertThat(leg.slices()).extracting(Position.Slice::exit).containsExactly(LegExit.FILLED, LegExit.FAILED);
        assertThat(failed.realizedPnl()).isCloseTo((leg.slices().get(0).fillPrice() - 100) * 1_800, within(1e-6));
        assertThat(failed.unrealizedPnl()).isCloseTo((80 - 100.0) * 75, within(1e-6));
        assertThat(rig.broker.orders()).hasSize(1);
        assertThat(rig.audit.of(AuditKind.EXIT_FAILED)).extracting(AuditEvent::message)
                .singleElement().asString().startsWith("slice 2 of 2: ");

        rig.restart();
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXIT_FAILED);
        rig.work(5, 300);
        assertThat(rig.broker.orders()).hasSize(1);
    }

    /**
     * A journal written before exits were sliced: a 25-lot leg's exit went out whole (a broker with no freeze limit
     * took it). Its records, without slices or plan, still replay: the exit finishes as the one order it was.
     */
    @Test
    void shouldFinishAnExitJournalledBeforeSlicingAsTheOneOrderItWas() {
        InMemoryBroker broker = new InMemoryBroker();
        String orderId = broker.remember(new ExitOrder(0, 0, "oc-0-0", CE, "NFO", LONG.exitAction(), 1_875, 79, "MIS"),
                RiskRig.START).id;
        JournalRecord.OpenedLeg leg = new JournalRecord.OpenedLeg(CE, "NFO", "NIFTY", LocalDate.of(2025, 11, 25),
                24_500, OptionType.CE, LONG, 1_875, 75, 100);
        try (Journal journal = Journal.open(data, Clock.systemUTC())) {
            journal.appendAll(List.of(
                    new JournalRecord.Opened(0, RiskRig.START, "a", "MIS", ExitRules.stopAt(80), List.of(leg)),
                    new JournalRecord.Exiting(0, RiskRig.START, ExitReason.STOP, 80, 80, CE, 1, 2, 80, 80.5, 80.2,
                            1_000),
                    new JournalRecord.OrderSent(0, 0, orderId, 79, false)));
        }
        rig = new RiskRig(data, RiskRig.settings(), broker);
        Position back = rig.position(0);
        assertThat(back.state()).isEqualTo(PositionState.EXITING);
        assertThat(back.legs().get(0).slices()).isEmpty();
        assertThat(back.legs().get(0).exit()).isEqualTo(LegExit.WORKING);
        assertThat(back.legs().get(0).orderId()).isEqualTo(orderId);

        rig.work(5, 300);

        assertThat(rig.position(0).state()).isEqualTo(PositionState.CLOSED);
        assertThat(rig.broker.orders()).hasSize(1);
    }

    private String tag(long position, int leg, int slice, int slices) {
        return ExitOrder.tag(rig.desk.epoch(), position, leg, slice, slices);
    }
}
