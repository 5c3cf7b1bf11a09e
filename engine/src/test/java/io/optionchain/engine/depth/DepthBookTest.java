package io.optionchain.engine.depth;

import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DepthBookTest {
    private static final int LOT = 75;

    /** A NIFTY ATM call's book: bids 99.90 down, asks 100.10 up, 75-unit lots. */
    private static DepthBook knownBook() {
        QuoteRecord record = ChainStore.newRecord();
        record.setLtp(100.00);
        double[] bids = {99.90, 99.85, 99.80, 99.75, 99.70};
        long[] bidQty = {150, 300, 450, 600, 750};
        double[] asks = {100.10, 100.15, 100.20, 100.25, 100.30};
        long[] askQty = {75, 150, 225, 300, 375};
        record.setBidLevels(5);
        record.setAskLevels(5);
        for (int i = 0; i < 5; i++) {
            record.setBidPriceAt(i, bids[i]);
            record.setBidQuantityAt(i, bidQty[i]);
            record.setBidOrdersAt(i, i + 1);
            record.setAskPriceAt(i, asks[i]);
            record.setAskQuantityAt(i, askQty[i]);
            record.setAskOrdersAt(i, i + 2);
        }
        return DepthBook.of(record);
    }

    @Test
    void shouldPriceABuyOfFourLotsAcrossThreeAskLevels() {
        ExecutionEstimate buy = knownBook().estimate("NIFTY25NOV2524500CE", OrderAction.BUY, 300, LOT);

        // 75 @ 100.10 + 150 @ 100.15 + 75 @ 100.20 = 30,045.00 / 300 = 100.15
        assertThat(buy.lots()).isEqualTo(4.0);
        assertThat(buy.bestPrice()).isEqualTo(100.10);
        assertThat(buy.averagePrice()).isCloseTo(100.15, within(1e-9));
        assertThat(buy.worstPrice()).isEqualTo(100.20);
        assertThat(buy.slippagePerUnit()).isCloseTo(0.05, within(1e-9));
        assertThat(buy.slippageTotal()).isCloseTo(15.0, within(1e-6));
        assertThat(buy.impactPercent()).isCloseTo(0.05 / 100.10 * 100, within(1e-9));
        assertThat(buy.fullyFillable()).isTrue();
        assertThat(buy.levelsUsed()).isEqualTo(3);
    }

    @Test
    void shouldPriceASellOnTheBidsAndSayWhenTheBookRunsOut() {
        ExecutionEstimate sell = knownBook().estimate("X", OrderAction.SELL, 150, LOT);
        assertThat(sell.bestPrice()).isEqualTo(99.90);
        assertThat(sell.averagePrice()).isEqualTo(99.90);
        assertThat(sell.slippageTotal()).isZero();

        ExecutionEstimate tooBig = knownBook().estimate("X", OrderAction.BUY, 75 * 20, LOT);
        assertThat(tooBig.fullyFillable()).isFalse();
        assertThat(tooBig.filledQuantity()).isEqualTo(75 + 150 + 225 + 300 + 375);
        assertThat(tooBig.worstPrice()).isEqualTo(100.30);
    }

    @Test
    void shouldScoreLiquidityOnTheThinnerSide() {
        DepthBook book = knownBook();
        // asks hold 1,125 units = 15 lots, the thinner side; 100 lots score 100
        assertThat(book.liquidityScore(LOT, 100)).isEqualTo(15);
        assertThat(book.liquidityScore(LOT, 15)).isEqualTo(100);
        assertThat(book.bids()).hasSize(5).first().isEqualTo(new DepthBook.Level(99.90, 150, 1));
    }

    @Test
    void shouldRecommendTheSeedsWayForTightWideAndThinBooks() {
        ExecutionThresholds seed = ExecutionThresholds.seed();
        // spread 0.20 on 100 = 0.2 %: tight; but 15 lots of depth is not above a score of 80
        EntryAnalysis thin = EntryAnalysis.of("X", OrderAction.BUY, 75, LOT, knownBook(), seed);
        assertThat(thin.spreadBand()).isEqualTo(SpreadBand.TIGHT);
        assertThat(thin.spreadPercent()).isCloseTo(0.2, within(1e-9));
        assertThat(thin.recommendation()).isEqualTo(EntryRecommendation.WAIT);
        assertThat(thin.suggestedPrice()).isNull();

        ExecutionThresholds shallowFull = new ExecutionThresholds(0.5, 2.0, 10, 80, 20);
        EntryAnalysis deep = EntryAnalysis.of("X", OrderAction.BUY, 75, LOT, knownBook(), shallowFull);
        assertThat(deep.recommendation()).isEqualTo(EntryRecommendation.ENTER_NOW);
        assertThat(deep.suggestedPrice()).isEqualTo(100.10);
        assertThat(EntryAnalysis.of("X", OrderAction.SELL, 75, LOT, knownBook(), shallowFull).suggestedPrice())
                .isEqualTo(99.90);

        ExecutionThresholds strict = new ExecutionThresholds(0.05, 0.1, 10, 80, 20);
        EntryAnalysis wide = EntryAnalysis.of("X", OrderAction.BUY, 75, LOT, knownBook(), strict);
        assertThat(wide.spreadBand()).isEqualTo(SpreadBand.WIDE);
        assertThat(wide.recommendation()).isEqualTo(EntryRecommendation.WAIT_FOR_TIGHTER_SPREAD);
        assertThat(wide.suggestedPrice()).isEqualTo(100.00);
    }

    @Test
    void shouldNotRecommendWithoutAQuote() {
        EntryAnalysis empty = EntryAnalysis.of("X", OrderAction.BUY, 75, LOT, DepthBook.of(ChainStore.newRecord()),
                ExecutionThresholds.seed());
        assertThat(empty.recommendation()).isEqualTo(EntryRecommendation.WAIT);
        assertThat(empty.spreadPercent()).isNull();
        assertThat(empty.spreadBand()).isNull();
        assertThat(empty.liquidityScore()).isZero();
        assertThat(empty.reason()).contains("no two-sided quote");
    }
}
