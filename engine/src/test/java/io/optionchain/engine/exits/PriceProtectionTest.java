package io.optionchain.engine.exits;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.market.PriceBand;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceProtectionTest {
    private static final int GAPPED = 1;
    private static final int UNTRADED = 2;
    private static final int BSE = 3;

    @Test
    void shouldSayWhetherAnExitPriceIsInsideTheInstrumentsBandNow() {
        try (ChainStore store = ChainStore.inMemory(16)) {
            quote(store, GAPPED, 100.00, 40.00, 170.00);
            quote(store, UNTRADED, 0, 40.00, 45.00);
            quote(store, BSE, 100.00, 99.00, 101.00);
            PriceProtection protection = new PriceProtection(store,
                    id -> id == BSE ? new PriceBand(60, 30) : PriceBand.NSE_INDEX_OPTIONS, id -> 0.05);

            PriceProtection.Band band = protection.band(GAPPED, OrderAction.SELL);
            assertThat(band).isEqualTo(new PriceProtection.Band(100.00, 60.00, 140.00));
            assertThat(protection.inside(GAPPED, OrderAction.SELL, 38.95)).as("the touch less the buffer").isFalse();
            assertThat(protection.inside(GAPPED, OrderAction.SELL, 60.00)).isTrue();
            assertThat(protection.inside(GAPPED, OrderAction.BUY, 171.05)).isFalse();
            assertThat(protection.inside(GAPPED, OrderAction.BUY, 140.00)).isTrue();

            assertThat(protection.band(UNTRADED, OrderAction.SELL)).as("no trade yet: around the bid")
                    .isEqualTo(new PriceProtection.Band(40.00, 20.00, 60.00));
            assertThat(protection.band(UNTRADED, OrderAction.BUY).reference()).as("around the ask").isEqualTo(45.0);
            assertThat(protection.band(BSE, OrderAction.SELL).low()).as("the underlying's own band").isEqualTo(40.0);
            assertThat(protection.band(9, OrderAction.SELL)).as("nothing in chain state").isNull();
            assertThat(protection.inside(9, OrderAction.SELL, 0.05)).isTrue();
        }
    }

    private static void quote(ChainStore store, int id, double ltp, double bid, double ask) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = id;
        tick.fields = (ltp > 0 ? TickEvent.LTP : 0) | TickEvent.DEPTH;
        tick.ltp = ltp;
        tick.bidLevels = 1;
        tick.bidPrice[0] = bid;
        tick.bidQuantity[0] = 650;
        tick.askLevels = 1;
        tick.askPrice[0] = ask;
        tick.askQuantity[0] = 650;
        store.apply(tick, 1_000);
    }
}
