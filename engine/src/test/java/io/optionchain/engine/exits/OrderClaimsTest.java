package io.optionchain.engine.exits;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.journal.JournalRecord;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.ports.BrokerOrderState;
import io.optionchain.engine.positions.ExitReason;
import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.PositionSide;
import io.optionchain.engine.positions.PositionState;
import io.optionchain.engine.stops.LivePosition;
import io.optionchain.engine.stops.LiveSlice;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which order in an untagged book (OpenAlgo's never echo {@code strategy}) a slice takes as its own after a send whose
 * answer was lost. Seed 8061 of the exactly-once proof: another exit of the same contract, whose position a person
 * has since cancelled in review (its records lost to damage), sent its order just before this one's; both are within
 * the clock-skew allowance of this slice's trigger, and the newer is this slice's own.
 */
class OrderClaimsTest {
    private static final long TRIGGER = 1_764_043_200_000L;
    private static final String SYMBOL = "NIFTY25NOV2524600CE";

    @Test
    void shouldTakeTheNewestUntaggedOrderWithinTheSkewAndNoneOlder() {
        LiveSlice slice = exitingSlice();
        OrderClaims claims = new OrderClaims();
        BrokerOrder cancelledPositions = order("1006", TRIGGER - 1_000);
        BrokerOrder own = order("1008", TRIGGER + 400);
        BrokerOrder yesterdays = order("0990", TRIGGER - OrderClaims.ADOPTION_CLOCK_SKEW_MILLIS - 1);

        assertThat(claims.existing(List.of(yesterdays, cancelledPositions, own), slice)).isEqualTo(own);
        assertThat(claims.existing(List.of(own, cancelledPositions), slice)).as("whatever the book's order")
                .isEqualTo(own);
        assertThat(claims.existing(List.of(yesterdays), slice)).as("older than the skew allows").isNull();

        claims.claim("primary", "1008", "oc-e-9-0");   // the newer one is another slice's, known
        assertThat(claims.existing(List.of(cancelledPositions, own), slice)).isEqualTo(cancelledPositions);
    }

    private static LiveSlice exitingSlice() {
        JournalRecord.Opened opened = new JournalRecord.Opened(5, TRIGGER - 60_000, "s", "MIS", ExitRules.stopAt(80),
                List.of(new JournalRecord.OpenedLeg(SYMBOL, "NFO", "NIFTY", LocalDate.of(2025, 11, 25), 24_600,
                        OptionType.CE, PositionSide.LONG, 75, 75, 100)), "primary");
        LivePosition position = new LivePosition(opened, new int[] {1}, PositionState.OPEN, "e", new long[] {0},
                "primary");
        position.trigger(ExitReason.STOP, 79, 80, SYMBOL, TRIGGER, TRIGGER, 79, 79.5, 79, 1, TRIGGER);
        return position.legs[0].slices[0];
    }

    private static BrokerOrder order(String id, long placedMillis) {
        return new BrokerOrder(id, SYMBOL, "NFO", OrderAction.SELL, 75, 78, "LIMIT", "MIS", BrokerOrderState.COMPLETE,
                78, null, placedMillis);
    }
}
