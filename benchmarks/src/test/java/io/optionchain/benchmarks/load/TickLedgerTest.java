package io.optionchain.benchmarks.load;

import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TickLedgerTest {

    @Test
    void shouldCountTicksSentAndNeverAppliedAndTicksAppliedTwice() {
        TickLedger sent = new TickLedger();
        TickLedger applied = new TickLedger();
        sent.record(true);
        applied.record(true);
        for (int i = 1; i <= 10; i++) {
            sent.add(tick(7, i));
        }
        applied.add(tick(7, 0));                       // applied before the observer recorded: not compared
        for (int i : new int[] {2, 3, 4, 3, 7, 8, 8, 9}) {  // 1 before the first applied; 5, 6, 10 lost; 3, 8 twice
            applied.add(tick(7, i));
        }

        TickLedger.Comparison comparison = TickLedger.compare(sent, applied);

        assertThat(comparison.sent()).as("from the first applied tick on").isEqualTo(9);
        assertThat(comparison.applied()).isEqualTo(8);
        assertThat(comparison.lostNanos()).hasSize(3);
        assertThat(comparison.doubled()).isEqualTo(2);
        assertThat(comparison.unseen()).isZero();
    }

    @Test
    void shouldPassOverATickTheObserverNeverSawRatherThanLoseTheRest() {
        TickLedger sent = new TickLedger();
        TickLedger applied = new TickLedger();
        sent.record(true);
        applied.record(true);
        for (int i : new int[] {1, 2, 4, 5}) {          // the market withheld 3 from the observer
            sent.add(tick(7, i));
        }
        for (int i = 1; i <= 5; i++) {
            applied.add(tick(7, i));
        }

        TickLedger.Comparison comparison = TickLedger.compare(sent, applied);

        assertThat(comparison.lostNanos()).isEmpty();
        assertThat(comparison.doubled()).isZero();
        assertThat(comparison.unseen()).isEqualTo(1);
    }

    private static TickEvent tick(int instrument, int n) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = instrument;
        tick.exchangeTimeMillis = 1_000;
        tick.serverTimeMillis = 1_000 + n;
        tick.ltp = 100 + n;
        return tick;
    }
}
