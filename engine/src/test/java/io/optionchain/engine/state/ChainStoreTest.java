package io.optionchain.engine.state;

import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChainStoreTest {

    @Test
    void shouldKeepTheBookWhenAnLtpOnlyTickArrives() {
        try (ChainStore store = ChainStore.inMemory(16)) {
            TickEvent depth = new TickEvent();
            depth.instrumentId = 3;
            depth.fields = TickEvent.LTP | TickEvent.DEPTH | TickEvent.OI | TickEvent.VOLUME;
            depth.ltp = 101.5;
            depth.oi = 1200;
            depth.volume = 5000;
            depth.bidLevels = 2;
            depth.bidPrice[0] = 101.4;
            depth.bidQuantity[0] = 75;
            depth.bidPrice[1] = 101.35;
            depth.bidQuantity[1] = 150;
            depth.askLevels = 1;
            depth.askPrice[0] = 101.6;
            depth.askQuantity[0] = 225;
            store.apply(depth, 1_000);

            TickEvent ltpOnly = new TickEvent();
            ltpOnly.instrumentId = 3;
            ltpOnly.fields = TickEvent.LTP;
            ltpOnly.ltp = 102.0;
            store.apply(ltpOnly, 2_000);

            QuoteRecord read = ChainStore.newRecord();
            assertThat(store.read(3, read)).isTrue();
            assertThat(read.getLtp()).isEqualTo(102.0);
            assertThat(read.getBidPriceAt(0)).isEqualTo(101.4);
            assertThat(read.getBidLevels()).isEqualTo(2);
            assertThat(read.getAskQuantityAt(0)).isEqualTo(225);
            assertThat(read.getOi()).isEqualTo(1200);
            assertThat(read.getTicks()).isEqualTo(2);
            assertThat(read.getUpdatedMillis()).isEqualTo(2_000);
            assertThat(store.read(4, read)).isFalse();
        }
    }

    @Test
    void shouldSkipATickOlderThanTheStoredQuote() {
        try (ChainStore store = ChainStore.inMemory(16)) {
            assertThat(store.apply(ltp(3, 101.5, 10_000), 1_000)).isTrue();
            assertThat(store.apply(ltp(3, 99.0, 9_000), 2_000)).as("a late tick").isFalse();
            assertThat(store.apply(ltp(3, 101.5, 10_000), 3_000)).as("a duplicate is harmless").isTrue();
            assertThat(store.apply(ltp(3, 102.0, 0), 4_000)).as("no exchange time: cannot judge").isTrue();

            QuoteRecord read = ChainStore.newRecord();
            store.read(3, read);
            assertThat(read.getLtp()).isEqualTo(102.0);
            assertThat(read.getExchangeTimeMillis()).isEqualTo(10_000);
            assertThat(read.getTicks()).isEqualTo(3);
        }
    }

    private static TickEvent ltp(int instrumentId, double ltp, long exchangeTimeMillis) {
        TickEvent tick = new TickEvent();
        tick.instrumentId = instrumentId;
        tick.fields = TickEvent.LTP;
        tick.ltp = ltp;
        tick.exchangeTimeMillis = exchangeTimeMillis;
        return tick;
    }
}
