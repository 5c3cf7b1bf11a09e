package io.optionchain.engine.desk;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.positions.TriggerOn;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A position's trigger rules on the ring: {@code trigger_on: depth} judges the whole quantity walked through the
 * five levels, so one lot at the touch cannot hide a stop; {@code confirm_ticks} and {@code confirm_ms} let a
 * breach fire only once it has lasted, and a mark back inside the levels starts the count again.
 */
class TriggerRulesTest {
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
    void shouldFireADepthStopThatOneLotAtTheTouchHidesFromATouchStop() {
        ExitRules stop = ExitRules.stopAt(80);
        long touch = rig.open("touch", stop, LONG, 150, 100, CE).id();
        long depth = rig.open("depth", stop.withTriggerOn(TriggerOn.DEPTH), LONG, 150, 100, CE).id();

        // one lot bid above the stop, the second lot's price below it: 150 units fetch (80.50 + 79.00) / 2 = 79.75
        bids(CE, new double[] {80.50, 79.00, 78.50}, new long[] {75, 75, 1_000}, 81.00);

        assertThat(rig.position(touch).state()).as("the touch still pays 80.50").isEqualTo(PositionState.OPEN);
        assertThat(rig.position(depth).state()).isEqualTo(PositionState.EXITING);
        assertThat(rig.position(depth).exitReason()).isEqualTo(ExitReason.STOP);
        assertThat(rig.position(depth).triggerMark()).isCloseTo(79.75, within(1e-9));

        rig.work(3, 300);
        assertThat(rig.broker.orders()).singleElement().satisfies(order -> {
            assertThat(order.placed.action()).isEqualTo(OrderAction.SELL);
            assertThat(order.placed.quantity()).isEqualTo(150);
        });
        assertThat(rig.audit.of(AuditKind.TRIGGER)).singleElement().satisfies(e -> {
            assertThat(e.positionId()).isEqualTo(depth);
            assertThat(e.mark()).isCloseTo(79.75, within(1e-9));
            assertThat(e.level()).isEqualTo(80.0);
            assertThat(e.bid()).as("the audit keeps the touch beside the walked mark").isEqualTo(80.50);
            assertThat(e.message()).isEqualTo("trigger_on depth");
        });
    }

    @Test
    void shouldWalkAShortGroupsOtherLegThroughTheDepthChainStateHolds() {
        ExitRules stop = ExitRules.stopAt(240);
        long touch = rig.open("touch", stop, SHORT, 150, 100, CE, PE).id();
        long depth = rig.open("depth", stop.withTriggerOn(TriggerOn.DEPTH), SHORT, 150, 100, CE, PE).id();

        // PE's ask: 75 at 119.50, then 75 at 121.00 (150 cost 120.25 each); held in chain state, not the tick
        asks(PE, new double[] {119.50, 121.00}, new long[] {75, 75}, 119.00);
        assertThat(rig.position(depth).state()).as("CE has no book yet").isEqualTo(PositionState.OPEN);
        rig.quote(CE, 119.50, 119.75);                 // five levels of 1,500: the whole quantity at 119.75

        assertThat(rig.position(touch).state()).as("touch: 119.75 + 119.50 = 239.25").isEqualTo(PositionState.OPEN);
        assertThat(rig.position(depth).state()).isEqualTo(PositionState.EXITING);
        assertThat(rig.position(depth).triggerMark()).isCloseTo(119.75 + 120.25, within(1e-9));
    }

    @Test
    void shouldPriceWhatTheVisibleBookCannotFillAtItsDeepestLevel() {
        ExitRules depthRules = ExitRules.none().withTriggerOn(TriggerOn.DEPTH);
        // 300 units against 150 visible: 75 at 81.00, 75 at 80.50, the other 150 at 80.50 = 80.625 a unit
        long below = rig.open("below", depthRules.withStop(80.60), LONG, 300, 100, CE).id();
        long above = rig.open("above", depthRules.withStop(80.65), LONG, 300, 100, CE).id();

        bids(CE, new double[] {81.00, 80.50}, new long[] {75, 75}, 81.50);

        assertThat(rig.position(below).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.position(above).state()).isEqualTo(PositionState.EXITING);
        assertThat(rig.position(above).triggerMark()).isCloseTo(80.625, within(1e-9));
    }

    @Test
    void shouldNeverFireADepthStopOnAnEmptySide() {
        long id = rig.open("depth", ExitRules.stopAt(80).withTriggerOn(TriggerOn.DEPTH), LONG, 150, 100, CE).id();

        rig.quote(CE, 0, 70.50, 70.00);
        bids(CE, new double[] {70.00}, new long[] {0}, 70.50);         // a level with nothing on it

        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        assertThat(rig.desk.handler().unusableQuotes()).isEqualTo(2);
    }

    @Test
    void shouldFireOnTheThirdConsecutiveTickInBreachAndIgnoreAOneTickSpike() {
        long confirmed = rig.open("confirmed", ExitRules.stopAt(80).withConfirmTicks(3), LONG, 75, 100, CE).id();
        long plain = rig.open("plain", ExitRules.stopAt(80), LONG, 75, 100, PE).id();

        quote(CE, 79.00);                                // a one-tick spike through the stop
        quote(PE, 79.00);
        assertThat(rig.position(plain).state()).as("without confirmation: the first tick").isEqualTo(PositionState.EXITING);
        quote(CE, 80.50);                                // back: the count starts again
        quote(CE, 79.50);
        quote(CE, 79.50);
        assertThat(rig.position(confirmed).state()).isEqualTo(PositionState.OPEN);
        rig.trade(CE, 79.40);                            // no book in it, but an evaluation on chain state: the third
        assertThat(rig.position(confirmed).state()).isEqualTo(PositionState.EXITING);
        assertThat(rig.position(confirmed).triggerMark()).isEqualTo(79.50);

        rig.work(3, 300);
        assertThat(rig.broker.orders()).hasSize(2);
        assertThat(rig.audit.of(AuditKind.TRIGGER)).filteredOn(e -> e.positionId() == confirmed).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("trigger_on touch, confirm_ticks 3"));
        assertThat(rig.audit.of(AuditKind.TRIGGER)).filteredOn(e -> e.positionId() == plain).singleElement()
                .satisfies(e -> assertThat(e.message()).as("default rules say nothing more").isNull());
    }

    @Test
    void shouldFireOnlyOnceTheBreachHasHeldForConfirmMillisOnTheStagesClock() {
        long id = rig.open("held", ExitRules.none().withTarget(130.0).withConfirmMillis(500), LONG, 75, 100, CE).id();

        quote(CE, 130.50);                               // reached at t
        rig.clock.advance(300);
        quote(CE, 130.50);                               // held 300 ms
        rig.clock.advance(100);
        quote(CE, 129.00);                               // back below: not continuous
        rig.clock.advance(100);
        quote(CE, 131.00);                               // reached again at t'
        rig.clock.advance(499);
        quote(CE, 131.00);                               // 499 ms: not yet
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        rig.clock.advance(1);
        quote(CE, 130.00);                               // 500 ms at or above the target
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
        assertThat(rig.position(id).exitReason()).isEqualTo(ExitReason.TARGET);
        rig.work(3, 300);
        assertThat(rig.broker.orders()).hasSize(1);
    }

    @Test
    void shouldKeepTheTriggerRulesAcrossARestart() {
        long id = rig.open("depth", ExitRules.stopAt(80).withTriggerOn(TriggerOn.DEPTH).withConfirmTicks(2), LONG,
                150, 100, CE).id();
        rig.restart();
        assertThat(rig.position(id).rules().triggerOn()).isEqualTo(TriggerOn.DEPTH);
        assertThat(rig.position(id).rules().confirmTicks()).isEqualTo(2);

        bids(CE, new double[] {80.50, 79.00}, new long[] {75, 75}, 81.00);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.OPEN);
        bids(CE, new double[] {80.50, 79.00}, new long[] {75, 75}, 81.05);
        assertThat(rig.position(id).state()).isEqualTo(PositionState.EXITING);
    }

    @Test
    void shouldRefuseBothConfirmationsOrNegativeOnes() {
        assertThat(ExitRules.stopAt(80).withConfirmTicks(3).withConfirmMillis(500).confirmTicks())
                .as("one replaces the other").isZero();
        assertThatThrownBy(() -> ExitRules.stopAt(80).withConfirmTicks(-1))
                .hasMessage("confirm_ticks must be a whole number 0..10000, got -1");
        assertThatThrownBy(() -> new ExitRules(80.0, null, null, null, null, TriggerOn.TOUCH, 3, 500))
                .hasMessage("give confirm_ticks or confirm_ms, not both");
        assertThatThrownBy(() -> ExitRules.stopAt(80).withConfirmMillis(-5))
                .hasMessage("confirm_ms must be a whole number 0..3600000, got -5");
    }

    /** A book one level a side of 1,500 units but for the bids given. */
    private void bids(String symbol, double[] prices, long[] quantities, double ask) {
        rig.clock.advance(10);
        TickEvent tick = rig.depth(symbol, prices[0], ask, ask);
        levels(tick.bidPrice, tick.bidQuantity, prices, quantities);
        tick.bidLevels = prices.length;
        rig.send(tick);
    }

    private void asks(String symbol, double[] prices, long[] quantities, double bid) {
        rig.clock.advance(10);
        TickEvent tick = rig.depth(symbol, bid, prices[0], bid);
        levels(tick.askPrice, tick.askQuantity, prices, quantities);
        tick.askLevels = prices.length;
        rig.send(tick);
    }

    private static void levels(double[] tickPrices, long[] tickQuantities, double[] prices, long[] quantities) {
        for (int i = 0; i < tickPrices.length; i++) {
            tickPrices[i] = i < prices.length ? prices[i] : 0;
            tickQuantities[i] = i < quantities.length ? quantities[i] : 0;
        }
    }

    /** A deep book with {@code bid} at the touch, now on the test's clock. */
    private void quote(String symbol, double bid) {
        rig.quote(symbol, bid, bid + 0.50);
    }
}
