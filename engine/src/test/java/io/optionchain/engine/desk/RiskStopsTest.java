package io.optionchain.engine.desk;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.LegExit;
import io.optionchain.engine.positions.Position;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.TrailingStop;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static io.optionchain.engine.positions.PositionSide.SHORT;
import static org.assertj.core.api.Assertions.assertThat;

/** Stops, targets and trailing stops fire on the right side of the book, and only on quotes worth trusting. */
class RiskStopsTest {
    @TempDir
    Path data;
    private RiskRig rig;

    @BeforeEach
    void open() {
        rig = new RiskRig(data, RiskRig.settings().withNearStopPercent(0), new InMemoryBroker());
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void shouldJudgeALongStopOnTheBidNotTheAskOrTheLastTrade() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();

        rig.quote(CE, 80.05, 80.50, 79.00);           // traded below the stop, but the bid still pays 80.05
        rig.trade(CE, 70);                              // a trade alone says nothing about the bid
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        rig.quote(CE, 80.00, 80.50, 80.25);
        Position triggered = rig.position(id);
        assertThat(triggered.state()).isEqualTo(PositionState.EXITING);
        assertThat(triggered.exitReason()).isEqualTo(ExitReason.STOP);
        assertThat(triggered.triggerMark()).isEqualTo(80.00);

        rig.work(3, 300);
        assertThat(rig.broker.orders()).singleElement().satisfies(order -> {
            assertThat(order.placed.action()).isEqualTo(OrderAction.SELL);
            assertThat(order.placed.price()).isEqualTo(79.00); // bid 80.00 − buffer 1.00
            assertThat(order.placed.quantity()).isEqualTo(75);
        });
        assertThat(rig.audit.of(AuditKind.TRIGGER)).singleElement().satisfies(e -> {
            assertThat(e.bid()).isEqualTo(80.00);
            assertThat(e.ask()).isEqualTo(80.50);
            assertThat(e.ltp()).isEqualTo(80.25);
            assertThat(e.tickSymbol()).isEqualTo(CE);
            assertThat(e.latencyNanos()).isNotNull().isPositive();
        });
        assertThat(rig.position(id).state()).isEqualTo(PositionState.CLOSED);
    }

    @Test
    void shouldJudgeAShortStopOnTheAskNotTheBid() {
        long id = rig.open("writer", ExitRules.stopAt(120), SHORT, 150, 100, CE).id();

        rig.quote(CE, 119.90, 119.95, 121.00);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        rig.quote(CE, 119.50, 120.00, 119.75);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
        rig.work(3, 300);
        assertThat(rig.broker.orders()).singleElement().satisfies(order -> {
            assertThat(order.placed.action()).isEqualTo(OrderAction.BUY);
            assertThat(order.placed.price()).isEqualTo(121.00); // ask 120.00 + buffer 1.00
        });
    }

    @Test
    void shouldNeverFireOnAZeroOrMissingQuote() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();

        rig.trade(CE, 50);                              // no book yet at all
        rig.quote(CE, 0, 70.50, 70.00);                 // empty bid side
        TickEvent zeroBid = rig.depth(CE, 70, 70.50, 70.25);
        zeroBid.bidPrice[0] = 0;                        // a level present but priced 0
        rig.send(zeroBid);

        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.desk.handler().unusableQuotes()).isEqualTo(3);
    }

    @Test
    void shouldNeverFireOnAStaleQuote() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();

        TickEvent late = rig.depth(CE, 70, 70.50, 70.25);
        late.serverTimeMillis = rig.clock.millis() - 3_001;     // sent by the feed server over 3 s ago
        rig.send(late);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        rig.quote(CE, 70, 70.50);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
    }

    @Test
    void shouldIgnoreATickOlderThanTheStoredQuote() {
        long id = rig.open("scalp", ExitRules.stopAt(80), LONG, 75, 100, CE).id();
        rig.quote(CE, 90, 90.50);
        rig.clock.advance(10);

        TickEvent old = rig.depth(CE, 70, 70.50, 70.25);
        old.exchangeTimeMillis = rig.clock.millis() - 1_000;    // replayed after a reconnect
        rig.send(old);

        assertThat(old.outOfOrder).isTrue();
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
    }

    @Test
    void shouldFireATargetOnTheExitSide() {
        long longId = rig.open("long", ExitRules.none().withTarget(130.0), LONG, 75, 100, CE).id();
        long shortId = rig.open("short", ExitRules.none().withTarget(60.0), SHORT, 75, 100, PE).id();

        rig.quote(CE, 129.95, 130.50);
        rig.quote(PE, 59.50, 60.05);
        assertThat(rig.position(longId).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.position(shortId).state()).isEqualTo(PositionState.OPEN);

        rig.quote(CE, 130.00, 130.50);
        rig.quote(PE, 59.50, 60.00);
        assertThat(rig.position(longId).exitReason()).isEqualTo(ExitReason.TARGET);
        assertThat(rig.position(shortId).exitReason()).isEqualTo(ExitReason.TARGET);
    }

    @Test
    void shouldRatchetATrailingStopByPointsOnlyUpForALong() {
        long id = rig.open("trend", ExitRules.none().withTrailing(TrailingStop.points(10)), LONG, 75, 100, CE).id();
        assertThat(rig.position(id).stopLevel()).isEqualTo(90.0);      // behind the entry to begin with

        rig.quote(CE, 110, 110.50);
        assertThat(rig.position(id).watermark()).isEqualTo(110.0);
        rig.quote(CE, 105, 105.50);                                   // a dip does not loosen it
        assertThat(rig.position(id).watermark()).isEqualTo(110.0);
        assertThat(rig.position(id).stopLevel()).isEqualTo(100.0);
        rig.quote(CE, 120, 120.50);
        rig.quote(CE, 110.05, 110.50);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.position(id).stopLevel()).isEqualTo(110.0);

        rig.quote(CE, 110.00, 110.50);
        Position fired = rig.position(id);
        assertThat(fired.exitReason()).isEqualTo(ExitReason.TRAILING_STOP);
        assertThat(fired.triggerMark()).isEqualTo(110.0);
    }

    @Test
    void shouldRatchetATrailingStopByPercentOnlyDownForAShort() {
        long id = rig.open("theta", ExitRules.none().withTrailing(TrailingStop.percent(20)), SHORT, 75, 100, CE).id();
        assertThat(rig.position(id).stopLevel()).isEqualTo(120.0);

        rig.quote(CE, 79.5, 80);
        assertThat(rig.position(id).watermark()).isEqualTo(80.0);
        assertThat(rig.position(id).stopLevel()).isEqualTo(96.0);
        rig.quote(CE, 89.5, 90);                                       // a rally does not loosen it
        assertThat(rig.position(id).watermark()).isEqualTo(80.0);
        rig.quote(CE, 95.5, 95.95);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        rig.quote(CE, 95.5, 96.00);
        assertThat(rig.position(id).exitReason()).isEqualTo(ExitReason.TRAILING_STOP);
    }

    @Test
    void shouldStopAtAPercentageOfTheEntryPremium() {
        long longId = rig.open("long", ExitRules.none().withStopPercent(30.0), LONG, 75, 100, CE).id();
        long shortId = rig.open("short", ExitRules.none().withStopPercent(50.0), SHORT, 75, 100, PE).id();
        assertThat(rig.position(longId).stopLevel()).isEqualTo(70.0);
        assertThat(rig.position(shortId).stopLevel()).isEqualTo(150.0);

        rig.quote(CE, 70.05, 70.50);
        rig.quote(PE, 149.50, 149.95);
        assertThat(rig.position(longId).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.position(shortId).state()).isEqualTo(PositionState.OPEN);

        rig.quote(CE, 70.00, 70.50);
        rig.quote(PE, 149.50, 150.00);
        assertThat(rig.position(longId).exitReason()).isEqualTo(ExitReason.PERCENT_STOP);
        assertThat(rig.position(shortId).exitReason()).isEqualTo(ExitReason.PERCENT_STOP);
    }

    /** One order per leg, each sent exactly once: the group fires once whatever ticks follow. */
    @Test
    void shouldFireACombinedStraddleStopOnceWithOneExitPerLeg() {
        Position straddle = rig.open("straddle", ExitRules.stopAt(250), SHORT, 75, 95, CE, PE);
        assertThat(straddle.entryPremium()).isEqualTo(190.0);

        rig.quote(CE, 139.50, 140.00);
        rig.quote(PE, 99.50, 100.00);                 // 240 on the asks
        assertThat(rig.position(straddle.id()).mark()).isEqualTo(240.0);
        assertThat(rig.position(straddle.id()).state()).isEqualTo(PositionState.OPEN);

        rig.quote(PE, 109.50, 110.00);                // 250: the group's stop
        assertThat(rig.position(straddle.id()).state()).isEqualTo(PositionState.EXITING);
        for (int i = 0; i < 5; i++) {                 // the market keeps going, the same tick comes twice
            rig.quote(CE, 150, 151);
            rig.quote(CE, 150, 151);
            rig.work();
        }
        rig.work(5, 300);

        assertThat(rig.desk.handler().triggers()).isEqualTo(1);
        assertThat(rig.broker.ordersFor(straddle.id(), 0)).isEqualTo(1);
        assertThat(rig.broker.ordersFor(straddle.id(), 1)).isEqualTo(1);
        assertThat(rig.broker.orders()).hasSize(2).allSatisfy(o -> assertThat(o.placed.action()).isEqualTo(OrderAction.BUY));
        Position closed = rig.position(straddle.id());
        assertThat(closed.state()).isEqualTo(PositionState.CLOSED);
        assertThat(closed.legs()).allSatisfy(leg -> assertThat(leg.exit()).isEqualTo(LegExit.FILLED));
        assertThat(rig.audit.of(AuditKind.TRIGGER)).hasSize(1);
        assertThat(rig.audit.of(AuditKind.FILL)).hasSize(2);
    }

    @Test
    void shouldNotJudgeAGroupWhileOneLegsQuoteIsStale() {
        long id = rig.open("straddle", ExitRules.stopAt(250), SHORT, 75, 95, CE, PE).id();
        rig.quote(PE, 99.50, 100.00);
        rig.clock.advance(3_001);                     // PE's feed went quiet

        rig.quote(CE, 159.50, 160.00);                // 260 with PE's old ask
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);

        rig.quote(PE, 99.50, 100.00);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
    }
}
