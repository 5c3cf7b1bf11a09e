package io.optionchain.engine.desk;

import io.optionchain.engine.ports.AuditEvent;
import io.optionchain.engine.ports.AuditKind;
import io.optionchain.engine.positions.ExecutionCheck;
import io.optionchain.engine.positions.ExecutionCheck.Badge;
import io.optionchain.engine.positions.ExecutionCheck.Part;
import io.optionchain.engine.positions.ExecutionCheck.Rule;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.optionchain.engine.desk.RiskRig.CE;
import static io.optionchain.engine.desk.RiskRig.PE;
import static io.optionchain.engine.positions.PositionSide.LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Can this stop execute now?": each of the six parts judged by the desk's checker from chain state, the feed and
 * the holding account, amber where the stop still executes but not simply, red where it may not execute now; an
 * ALERT once each time a position's badge turns red.
 */
class ExecutionCheckTest {
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
    void shouldBeGreenWithEveryPartsReasonWhenTheStopCouldExecuteNow() {
        long id = rig.open("a", ExitRules.stopAt(50), LONG, 75, 100, CE).id();
        rig.quote(CE, 100, 100.5);
        rig.desk.checkExecution();

        ExecutionCheck check = check(id);
        assertThat(check.badge()).isEqualTo(Badge.GREEN);
        assertThat(check.parts()).extracting(Part::rule).containsExactly(Rule.values());
        assertThat(check.parts()).extracting(Part::badge).containsOnly(Badge.GREEN);
        assertThat(part(check, Rule.ACCOUNT).reason()).isEqualTo("account primary takes orders");
        assertThat(rig.position(id).execution()).as("the view carries the checker's latest").isEqualTo(check);
        assertThat(check.problems()).isEmpty();
    }

    @Test
    void shouldBeRedWhenALegsQuoteIsOlderThanMaxQuoteAgeOrMissing() {
        long id = rig.open("a", ExitRules.stopAt(50), LONG, 75, 100, CE, PE).id();
        rig.quote(CE, 100, 100.5);
        rig.desk.checkExecution();
        assertThat(part(check(id), Rule.QUOTE).badge()).as("the put has no quote at all").isEqualTo(Badge.RED);
        assertThat(part(check(id), Rule.QUOTE).reason()).isEqualTo(PE + " has no quote yet");

        rig.quote(PE, 100, 100.5);
        rig.clock.advance(2_000);
        rig.quote(PE, 100, 100.5);
        rig.clock.advance(1_500);
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.RED);
        assertThat(part(check(id), Rule.QUOTE).reason())
                .isEqualTo(CE + " was quoted 3.5 s ago, more than max_quote_age 3.0 s");
    }

    @Test
    void shouldBeAmberWhenTheFiveLevelsDoNotFillTheWholeQuantityAndRedWhenTheExitSideIsEmpty() {
        long id = rig.open("a", ExitRules.stopAt(50), LONG, 150, 100, CE).id();
        TickEvent thin = rig.depth(CE, 100, 100.5, 100.2);
        for (int i = 0; i < 5; i++) {
            thin.bidQuantity[i] = 25;
        }
        rig.send(thin);
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.AMBER);
        assertThat(part(check(id), Rule.DEPTH).reason()).startsWith(CE + ": the five levels show 125 of its 150");

        rig.send(rig.depth(CE, 0, 100.5, 100.2));
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.RED);
        assertThat(part(check(id), Rule.DEPTH).reason()).isEqualTo(CE + ": no bid to sell into");
    }

    @Test
    void shouldBeAmberWhenALegGoesOutInSlicesAndSayHowMany() {
        long id = rig.open("a", ExitRules.stopAt(50), LONG, 3_675, 100, CE).id();   // 49 lots over 1,800
        TickEvent deep = rig.depth(CE, 100, 100.5, 100.2);
        for (int i = 0; i < 5; i++) {
            deep.bidQuantity[i] = 5_000;
        }
        rig.send(deep);
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.AMBER);
        assertThat(part(check(id), Rule.FREEZE).reason())
                .isEqualTo(CE + ": 3675 is above the freeze quantity and goes out in 3 slices of at most 1800");
        assertThat(part(check(id), Rule.DEPTH).badge()).isEqualTo(Badge.GREEN);
    }

    @Test
    void shouldBeAmberWhenTheExitIsClampedIntoTheBandAndRedWhenTheWholeBookIsBeyondIt() {
        long id = rig.open("a", ExitRules.stopAt(5), LONG, 75, 100, CE).id();
        // the last trade at 100 draws NSE's band at 60..140; a sell priced at the bid less ₹1 buffer
        rig.send(rig.depth(CE, 60.5, 100, 100));
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.AMBER);
        assertThat(part(check(id), Rule.BAND).reason()).isEqualTo(CE + ": priced at ₹59.50, beyond the band's low"
                + " ₹60.00 around ₹100.00; it goes out at ₹60.00 and fills only inside the band");

        rig.send(rig.depth(CE, 40, 100, 100));
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.RED);
        assertThat(part(check(id), Rule.BAND).reason()).endsWith("and so is the best bid ₹40.00: no way in, the exit"
                + " would rest unfilled");

        rig.send(rig.depth(CE, 61, 100, 100));
        rig.desk.checkExecution();
        assertThat(part(check(id), Rule.BAND).badge()).as("₹60 is the band's low itself").isEqualTo(Badge.GREEN);
    }

    @Test
    void shouldBeRedWhileTheFeedIsStaleWithTheFeedsReason() {
        long id = rig.open("a", ExitRules.stopAt(50), LONG, 75, 100, CE).id();
        rig.quote(CE, 100, 100.5);
        rig.desk.watchFeed(() -> "no tick for 4.2 s on account primary");
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.RED);
        assertThat(part(check(id), Rule.FEED).reason()).isEqualTo("no tick for 4.2 s on account primary");

        rig.desk.watchFeed(() -> null);
        rig.desk.checkExecution();
        assertThat(check(id).badge()).isEqualTo(Badge.GREEN);
    }

    @Test
    void shouldBeRedWhileTheHoldingAccountCannotTakeOrdersUntilItTakesOneAgain() {
        long watched = rig.open("a", ExitRules.stopAt(50), LONG, 75, 100, CE).id();
        long exited = rig.open("b", ExitRules.stopAt(50), LONG, 75, 100, PE).id();
        rig.quote(CE, 100, 100.5);
        rig.quote(PE, 100, 100.5);
        rig.broker.down("refused");
        rig.desk.exit(exited);
        rig.work(2, 100);
        rig.quote(CE, 100, 100.5);
        rig.desk.checkExecution();

        assertThat(check(watched).badge()).isEqualTo(Badge.RED);
        assertThat(part(check(watched), Rule.ACCOUNT).reason()).startsWith("account primary cannot take orders (")
                .contains("403");
        assertThat(rig.desk.executionCheck(exited)).as("only open positions are judged").isEmpty();

        rig.broker.down(null);
        rig.work(30, 100);
        assertThat(rig.position(exited).state()).isEqualTo(PositionState.CLOSED);
        rig.quote(CE, 100, 100.5);
        rig.desk.checkExecution();
        assertThat(check(watched).badge()).isEqualTo(Badge.GREEN);
    }

    @Test
    void shouldAlertOnceEachTimeAPositionsBadgeTurnsRed() {
        long id = rig.open("a", ExitRules.stopAt(50), LONG, 75, 100, CE).id();
        rig.quote(CE, 100, 100.5);
        rig.desk.checkExecution();
        rig.desk.watchFeed(() -> "no tick for 4.2 s");
        for (int i = 0; i < 3; i++) {
            rig.quote(CE, 100, 100.5);
            rig.desk.checkExecution();
        }
        rig.work();
        assertThat(alerts()).as("once per turn, not every check").singleElement()
                .satisfies(e -> {
                    assertThat(e.positionId()).isEqualTo(id);
                    assertThat(e.message()).isEqualTo("this stop cannot execute now: feed: no tick for 4.2 s");
                    assertThat(e.account()).isEqualTo("primary");
                });

        rig.desk.watchFeed(() -> null);
        rig.desk.checkExecution();
        rig.desk.watchFeed(() -> "no tick for 9.0 s");
        rig.desk.checkExecution();
        rig.work();
        assertThat(alerts()).hasSize(2);
        assertThat(rig.desk.executionRedTurns()).isEqualTo(2);
    }

    private List<AuditEvent> alerts() {
        return rig.audit.of(AuditKind.ALERT).stream()
                .filter(e -> e.message() != null && e.message().startsWith("this stop cannot execute now")).toList();
    }

    private ExecutionCheck check(long id) {
        return rig.desk.executionCheck(id).orElseThrow();
    }

    private static Part part(ExecutionCheck check, Rule rule) {
        return check.parts().stream().filter(p -> p.rule() == rule).findFirst().orElseThrow();
    }
}
