package io.optionchain.engine.entries;

import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.market.ContractSource;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.OptionType;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.market.StrikeLadder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EntryPricerTest {
    private static final ContractSpec NIFTY = new ContractSpec(65, 0.05, 1_800, ContractSource.SERVER);
    private static final EntryPricer PRICER = new EntryPricer(ExecutionThresholds.seed());

    /** ltp 100, bid 99.90 / ask 100.10 (0.2 % spread), 650 units a level, five levels 0.05 apart. */
    private static DepthBook tightBook() {
        return book(100, 99.90, 100.10, 650);
    }

    private static DepthBook book(double ltp, double bid, double ask, long perLevel) {
        List<DepthBook.Level> bids = List.of(new DepthBook.Level(bid, perLevel, 3),
                new DepthBook.Level(bid - 0.05, perLevel, 3), new DepthBook.Level(bid - 0.10, perLevel, 3),
                new DepthBook.Level(bid - 0.15, perLevel, 3), new DepthBook.Level(bid - 0.20, perLevel, 3));
        List<DepthBook.Level> asks = List.of(new DepthBook.Level(ask, perLevel, 3),
                new DepthBook.Level(ask + 0.05, perLevel, 3), new DepthBook.Level(ask + 0.10, perLevel, 3),
                new DepthBook.Level(ask + 0.15, perLevel, 3), new DepthBook.Level(ask + 0.20, perLevel, 3));
        return DepthBook.of(ltp, bids, asks, 0);
    }

    @Test
    void shouldReadTagsFromTheLegsOwnSideAsOptionSymbolDoes() {
        assertThat(StrikeTag.offset("ATM", OptionType.CE)).isZero();
        assertThat(StrikeTag.offset("ATM", OptionType.PE)).isZero();
        assertThat(StrikeTag.offset("ITM1", OptionType.CE)).isEqualTo(-1);
        assertThat(StrikeTag.offset("ITM1", OptionType.PE)).as("a put's ITM1 is above ATM").isEqualTo(1);
        assertThat(StrikeTag.offset("OTM2", OptionType.CE)).isEqualTo(2);
        assertThat(StrikeTag.offset("otm2", OptionType.PE)).isEqualTo(-2);
        for (int offset = -5; offset <= 5; offset++) {
            for (OptionType type : OptionType.values()) {
                assertThat(StrikeTag.offset(StrikeLadder.legTag(offset, type), type)).isEqualTo(offset);
            }
        }
        for (String bad : new String[]{"ITM0", "OTM", "ATM1", "DEEP", ""}) {
            assertThatThrownBy(() -> StrikeTag.offset(bad, OptionType.CE)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldBuyAtTheAskPlusTheBufferAndSellAtTheBidLessIt() {
        PlannedLeg buy = PRICER.plan("X", OrderAction.BUY, 1, tightBook(), NIFTY, PriceBand.NSE_INDEX_OPTIONS, 0.5,
                false);
        assertThat(buy.price()).isEqualTo(100.60);
        assertThat(buy.pricing()).isEqualTo(PlannedLeg.EntryPricing.TOUCH);
        assertThat(buy.quantity()).isEqualTo(65);
        PlannedLeg sell = PRICER.plan("X", OrderAction.SELL, 1, tightBook(), NIFTY, PriceBand.NSE_INDEX_OPTIONS, 0.5,
                false);
        assertThat(sell.price()).isEqualTo(99.40);
        // a buffer that is not whole ticks keeps the limit marketable: up to buy, down to sell
        assertThat(PRICER.plan("X", OrderAction.BUY, 1, tightBook(), NIFTY, null, 0.02, false).price())
                .isEqualTo(100.15);
        assertThat(PRICER.plan("X", OrderAction.SELL, 1, tightBook(), NIFTY, null, 0.02, false).price())
                .isEqualTo(99.85);
    }

    @Test
    void shouldRestAtTheMidOnTheTickWhenTheSpreadIsWide() {
        DepthBook wide = book(100, 98.00, 101.05, 650); // 3.05 % of LTP, above the seed's 2 %
        PlannedLeg buy = PRICER.plan("X", OrderAction.BUY, 1, wide, NIFTY, PriceBand.NSE_INDEX_OPTIONS, 0.5, false);
        assertThat(buy.pricing()).isEqualTo(PlannedLeg.EntryPricing.MID);
        assertThat(buy.price()).as("99.525 down to the tick for a buy").isEqualTo(99.50);
        PlannedLeg sell = PRICER.plan("X", OrderAction.SELL, 1, wide, NIFTY, PriceBand.NSE_INDEX_OPTIONS, 0.5, false);
        assertThat(sell.price()).as("up for a sell").isEqualTo(99.55);
    }

    @Test
    void shouldKeepTheLimitInsideThePriceProtectionBand() {
        // LTP 30: the band is ±20 (the minimum), so a buy may not go above 50 nor a sell below 10
        PlannedLeg buy = PRICER.plan("X", OrderAction.BUY, 1, book(30, 50.00, 50.90, 650), NIFTY,
                PriceBand.NSE_INDEX_OPTIONS, 0.5, false);
        assertThat(buy.price()).isEqualTo(50.00);
        assertThat(buy.bandClamped()).isTrue();
        PlannedLeg sell = PRICER.plan("X", OrderAction.SELL, 1, book(30, 9.80, 10.20, 650), NIFTY,
                PriceBand.NSE_INDEX_OPTIONS, 0.5, false);
        assertThat(sell.price()).isEqualTo(10.00);
        assertThat(sell.bandClamped()).isTrue();
        assertThat(PRICER.plan("X", OrderAction.BUY, 1, tightBook(), NIFTY, PriceBand.NSE_INDEX_OPTIONS, 0.5, false)
                .bandClamped()).isFalse();
    }

    @Test
    void shouldSplitAtTheFreezeQuantityInWholeLots() {
        ContractSpec smallFreeze = new ContractSpec(65, 0.05, 200, ContractSource.SERVER); // 3 lots a slice
        PlannedLeg leg = PRICER.plan("X", OrderAction.BUY, 7, book(100, 99.90, 100.10, 10_000), smallFreeze, null, 0,
                false);
        assertThat(leg.quantity()).isEqualTo(455);
        assertThat(leg.slices()).containsExactly(195L, 195L, 65L);
        assertThat(PRICER.plan("X", OrderAction.BUY, 7, book(100, 99.90, 100.10, 10_000), NIFTY, null, 0, false)
                .slices()).containsExactly(455L);
    }

    @Test
    void shouldEstimateTheFillAndItsCostFromTheDepth() {
        // 4 lots = 260 units: 100 at 100.10, 100 at 100.15, 60 at 100.20
        DepthBook thin = book(100, 99.90, 100.10, 100);
        PlannedLeg leg = PRICER.plan("X", OrderAction.BUY, 4, thin, NIFTY, null, 0, false);
        double average = (100 * 100.10 + 100 * 100.15 + 60 * 100.20) / 260;
        assertThat(leg.expectedPrice()).isCloseTo(average, within(1e-9));
        assertThat(leg.slippage()).isCloseTo(average - 100.10, within(1e-9));
        assertThat(leg.impactCostPct()).isCloseTo(100 * (average - 100.10) / 100.10, within(1e-9));
        PlannedLeg sold = PRICER.plan("X", OrderAction.SELL, 4, thin, NIFTY, null, 0, false);
        assertThat(sold.expectedPrice()).isCloseTo((100 * 99.90 + 100 * 99.85 + 60 * 99.80) / 260, within(1e-9));
    }

    @Test
    void shouldRefuseABuyWithNoAskAndABookTooThinUnlessPartialIsAllowed() {
        DepthBook noAsk = DepthBook.of(100, List.of(new DepthBook.Level(99.9, 650, 1)), List.of(), 0);
        assertThatThrownBy(() -> PRICER.plan("X", OrderAction.BUY, 1, noAsk, NIFTY, null, 0, false))
                .hasMessageContaining("no ask");
        DepthBook thin = book(100, 99.90, 100.10, 10); // 50 units visible a side
        assertThatThrownBy(() -> PRICER.plan("X", OrderAction.BUY, 1, thin, NIFTY, null, 0, false))
                .hasMessageContaining("fills 50 of 65");
        assertThat(PRICER.plan("X", OrderAction.BUY, 1, thin, NIFTY, null, 0, true).quantity()).isEqualTo(65);
    }
}
