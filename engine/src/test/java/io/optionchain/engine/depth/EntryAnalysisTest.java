package io.optionchain.engine.depth;

import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry analysis's suggested price over many books: always a price the exchange accepts, inside the spread. */
class EntryAnalysisTest {
    private static final int LOT = 75;
    private static final double TICK = EntryAnalysis.NSE_OPTION_TICK;
    /** Every spread is wide, so every two-sided book gets a price at the mid. */
    private static final ExecutionThresholds ALWAYS_WIDE = new ExecutionThresholds(0.0001, 0.0002, 10, 80, 20);

    @Test
    void shouldSnapAWideMidToTheTickDownForABuyAndUpForASell() {
        DepthBook pennies = book(0.05, 0.10, 0.05);

        assertThat(EntryAnalysis.of("X", OrderAction.BUY, LOT, LOT, pennies, ALWAYS_WIDE).suggestedPrice())
                .as("the mid 0.075 is not a price; a buy rests at the bid").isEqualTo(0.05);
        assertThat(EntryAnalysis.of("X", OrderAction.SELL, LOT, LOT, pennies, ALWAYS_WIDE).suggestedPrice())
                .as("a sell rests at the ask").isEqualTo(0.10);
        assertThat(EntryAnalysis.of("X", OrderAction.BUY, LOT, LOT, book(101.10, 101.45, 101.0), ALWAYS_WIDE)
                .suggestedPrice()).isEqualTo(101.25);
        assertThat(EntryAnalysis.of("X", OrderAction.SELL, LOT, LOT, book(101.10, 101.45, 101.0), ALWAYS_WIDE)
                .suggestedPrice()).isEqualTo(101.30);
    }

    @Test
    void shouldSuggestAWholeNumberOfTicksInsideTheSpreadForEveryBook() {
        SplittableRandom random = new SplittableRandom(20261207L);
        int priced = 0;
        for (int i = 0; i < 100_000; i++) {
            long bidTicks = 1 + random.nextLong(i % 3 == 0 ? 40 : 20_000);
            long askTicks = bidTicks + 1 + random.nextLong(i % 5 == 0 ? 400 : 8);
            double bid = round2(bidTicks * TICK);
            double ask = round2(askTicks * TICK);
            OrderAction action = random.nextBoolean() ? OrderAction.BUY : OrderAction.SELL;

            Double price = EntryAnalysis.of("X", action, LOT, LOT, book(bid, ask, bid), ALWAYS_WIDE).suggestedPrice();

            assertThat(price).as("book %s / %s", bid, ask).isNotNull();
            double ticks = price / TICK;
            assertThat(Math.abs(ticks - Math.rint(ticks))).as("%s is whole ticks (book %s / %s)", price, bid, ask)
                    .isLessThan(1e-6);
            assertThat(price).as("%s %s inside %s / %s", action, price, bid, ask).isBetween(bid, ask);
            double mid = (bid + ask) / 2;
            if (action == OrderAction.BUY) {
                assertThat(price).as("a buy never pays above the mid").isLessThanOrEqualTo(mid + 1e-9);
            } else {
                assertThat(price).as("a sell never asks below the mid").isGreaterThanOrEqualTo(mid - 1e-9);
            }
            priced++;
        }
        assertThat(priced).isEqualTo(100_000);
    }

    private static DepthBook book(double bid, double ask, double ltp) {
        QuoteRecord record = ChainStore.newRecord();
        record.setLtp(ltp);
        record.setBidLevels(1);
        record.setAskLevels(1);
        record.setBidPriceAt(0, bid);
        record.setBidQuantityAt(0, 10L * LOT);
        record.setBidOrdersAt(0, 1);
        record.setAskPriceAt(0, ask);
        record.setAskQuantityAt(0, 10L * LOT);
        record.setAskOrdersAt(0, 1);
        return DepthBook.of(record);
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
