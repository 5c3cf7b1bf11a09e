package io.optionchain.engine.exits;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitPricerTest {
    private final ExitPricer pricer = new ExitPricer(1.02, 2.0, 0.05);
    private final double[] none = new double[5];
    private final long[] noQuantity = new long[5];

    @Test
    void shouldPriceOffTheTouchRoundedTheMarketableWay() {
        // 100.00 − 1.02 = 98.98: a sell rounds down to 98.95; 100.50 + 1.02 = 101.52: a buy rounds up to 101.55
        assertThat(pricer.price(OrderAction.SELL, 75, 100.00, 100.50, none, noQuantity, 0)).isEqualTo(98.95);
        assertThat(pricer.price(OrderAction.BUY, 75, 100.00, 100.50, none, noQuantity, 0)).isEqualTo(101.55);
        assertThat(pricer.price(OrderAction.SELL, 75, 0.40, 0.45, none, noQuantity, 0))
                .as("never below one tick").isEqualTo(0.05);
    }

    @Test
    void shouldPriceFromTheLevelThatFillsTheWholeQuantityWhenTheSpreadIsWide() {
        double[] bids = {100.00, 99.00, 97.00, 95.00, 0};
        long[] quantities = {75, 75, 1_500, 1_500, 0};
        // spread 4 > 2: 225 units need the third level
        assertThat(pricer.price(OrderAction.SELL, 225, 100.00, 104.00, bids, quantities, 4)).isEqualTo(95.95);
        // a narrow spread prices at the touch whatever the size
        assertThat(pricer.price(OrderAction.SELL, 225, 100.00, 101.00, bids, quantities, 4)).isEqualTo(98.95);
        // more than the book shows: the deepest visible level
        assertThat(pricer.price(OrderAction.SELL, 10_000, 100.00, 104.00, bids, quantities, 4)).isEqualTo(93.95);
        double[] asks = {104.00, 105.00, 0, 0, 0};
        assertThat(pricer.price(OrderAction.BUY, 150, 100.00, 104.00, asks, new long[]{75, 75, 0, 0, 0}, 2))
                .isEqualTo(106.05);
    }

    @Test
    void shouldHaveNoPriceWhenTheTradedSideIsEmpty() {
        assertThat(pricer.price(OrderAction.SELL, 75, 0, 100.50, none, noQuantity, 0)).isNaN();
        assertThat(pricer.price(OrderAction.BUY, 75, 100.00, 0, none, noQuantity, 0)).isNaN();
        assertThat(pricer.priceAtTouch(OrderAction.SELL, Double.NaN, 1)).isNaN();
    }

    @Test
    void shouldKeepAnExitInsideTheLimitPriceProtectionBandAroundTheLastTrade() {
        QuoteRecord book = ChainStore.newRecord();
        book.setLtp(100.00);
        book.setBidLevels(1);
        book.setBidPriceAt(0, 40.00);
        book.setBidQuantityAt(0, 650);
        book.setAskLevels(1);
        book.setAskPriceAt(0, 170.00);
        book.setAskQuantityAt(0, 650);
        PriceBand nse = PriceBand.NSE_INDEX_OPTIONS;
        assertThat(pricer.price(OrderAction.SELL, 65, book, 0.05)).as("unclamped: 40 − 1.02").isEqualTo(38.95);
        assertThat(pricer.price(OrderAction.SELL, 65, book, 0.05, nse)).as("never below 100 − 40").isEqualTo(60.0);
        assertThat(pricer.price(OrderAction.BUY, 65, book, 0.05, nse)).as("never above 100 + 40").isEqualTo(140.0);
        assertThat(pricer.price(OrderAction.SELL, 65, book, 0.05, null)).isEqualTo(38.95);

        book.setBidPriceAt(0, 99.50);
        assertThat(pricer.price(OrderAction.SELL, 65, book, 0.05, nse)).as("inside: unchanged").isEqualTo(98.45);
    }

    @Test
    void shouldDrawTheBandAroundTheTouchBeforeAnyTrade() {
        assertThat(ExitPricer.reference(OrderAction.SELL, 0, 40, 170)).isEqualTo(40.0);
        assertThat(ExitPricer.reference(OrderAction.BUY, 0, 40, 170)).isEqualTo(170.0);
        assertThat(ExitPricer.reference(OrderAction.SELL, 100, 40, 170)).isEqualTo(100.0);
        assertThat(ExitPricer.reference(OrderAction.SELL, 0, 0, 170)).isEqualTo(0.0);
        assertThat(pricer.priceAtTouch(OrderAction.SELL, 40, 170, 0.05, PriceBand.NSE_INDEX_OPTIONS, 100))
                .isEqualTo(60.0);
        assertThat(pricer.priceAtTouch(OrderAction.SELL, 40, 170, 0.05, PriceBand.NSE_INDEX_OPTIONS, 0))
                .as("around the bid itself: 40 − 20 = 20, below 38.95").isEqualTo(38.95);
    }
}
