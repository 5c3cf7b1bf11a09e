package io.optionchain.benchmarks.load;

import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.ports.ReferenceData;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainPlanTest {
    /** NIFTY weeklies and monthlies (10) and BANKNIFTY monthlies (3), as the simulator lists them. */
    private static final ReferenceData MARKET = new ReferenceData() {
        @Override
        public double indexLtp(Underlying underlying) {
            return underlying.name().equals("NIFTY") ? 24_512.35 : 52_034.8;
        }

        @Override
        public List<LocalDate> optionExpiries(Underlying underlying) {
            List<LocalDate> dates = new ArrayList<>();
            int count = underlying.name().equals("NIFTY") ? 10 : 3;
            for (int i = 0; i < count; i++) {
                dates.add(LocalDate.of(2026, 12, 1).plusWeeks(underlying.name().equals("NIFTY") ? i : 4L * i));
            }
            return dates;
        }
    };

    @Test
    void shouldSubscribeExactlyTheOptionsAskedForOverAnEvenNumberOfChains() {
        ChainPlan plan = ChainPlan.of(MARKET, 2_000);

        assertThat(plan.options()).isEqualTo(2_000);
        assertThat(plan.chains()).hasSize(12);
        assertThat(plan.chains()).allSatisfy(chain -> assertThat(chain.spareStrikes()).isBetween(21, 22));
        List<ChainPlan.PlannedOption> symbols = plan.optionSymbols();
        assertThat(symbols).hasSize(2_000);
        assertThat(new HashSet<>(symbols.stream().map(ChainPlan.PlannedOption::symbol).toList())).hasSize(2_000);
        assertThat(symbols).anySatisfy(option -> assertThat(option.symbol()).isEqualTo("NIFTY01DEC2624500CE"));
    }

    @Test
    void shouldRefuseAnOptionCountThatCannotHoldTheWindows() {
        assertThatThrownBy(() -> ChainPlan.of(MARKET, 400)).hasMessageContaining("at least 984");
    }
}
