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
            assertThat(store.apply(ltp(3, 101.5, 10_000), 1_000)).isEqualTo(TickOutcome.APPLIED);
            assertThat(store.apply(ltp(3, 99.0, 9_000), 2_000)).as("a late tick").isEqualTo(TickOutcome.OUT_OF_ORDER);
            assertThat(store.apply(ltp(3, 102.0, 0), 4_000)).as("no exchange time: cannot judge")
                    .isEqualTo(TickOutcome.APPLIED);

            QuoteRecord read = ChainStore.newRecord();
            store.read(3, read);
            assertThat(read.getLtp()).isEqualTo(102.0);
            assertThat(read.getExchangeTimeMillis()).isEqualTo(10_000);
            assertThat(read.getTicks()).isEqualTo(2);
        }
    }

    @Test
    void shouldDropASecondCopyOfTheStoredQuoteWithoutTouchingTheRecord() {
        try (ChainStore store = ChainStore.inMemory(16)) {
            assertThat(store.apply(depth(3, 101.5, 10_000, 10_050), 1_000)).isEqualTo(TickOutcome.APPLIED);
            assertThat(store.apply(depth(3, 101.5, 10_000, 10_050), 1_001)).as("the standby socket's copy")
                    .isEqualTo(TickOutcome.DUPLICATE);
            TickEvent ltpOnly = ltp(3, 101.5, 10_000);
            ltpOnly.serverTimeMillis = 10_050;
            assertThat(store.apply(ltpOnly, 1_002)).as("a copy of the fields it carries, the book not among them")
                    .isEqualTo(TickOutcome.DUPLICATE);

            QuoteRecord read = ChainStore.newRecord();
            store.read(3, read);
            assertThat(read.getTicks()).as("applied once").isEqualTo(1);
            assertThat(read.getUpdatedMillis()).isEqualTo(1_000);
        }
    }

    @Test
    void shouldDropACopyThatArrivesAfterTheNextTickOfItsInstrument() {
        try (ChainStore store = ChainStore.inMemory(16)) {
            TickEvent first = depth(3, 101.5, 10_000, 10_050);
            TickEvent second = depth(3, 101.5, 10_000, 10_052);
            second.bidQuantity[0] = 150;                          // the book moved, no trade: ltt stays
            assertThat(store.apply(first, 1_000)).isEqualTo(TickOutcome.APPLIED);
            assertThat(store.apply(second, 1_001)).isEqualTo(TickOutcome.APPLIED);
            assertThat(store.apply(first, 1_002)).as("the other socket's copy of the first, late")
                    .isEqualTo(TickOutcome.DUPLICATE);
            assertThat(store.apply(second, 1_003)).isEqualTo(TickOutcome.DUPLICATE);

            QuoteRecord read = ChainStore.newRecord();
            store.read(3, read);
            assertThat(read.getBidQuantityAt(0)).as("the newer book stays").isEqualTo(150);
            assertThat(read.getTicks()).isEqualTo(2);

            TickEvent noServerTime = depth(4, 101.5, 10_000, 0);
            TickEvent backAgain = depth(4, 101.5, 10_000, 0);
            backAgain.bidQuantity[0] = 150;
            store.apply(noServerTime, 1_004);
            store.apply(backAgain, 1_005);
            assertThat(store.apply(noServerTime, 1_006))
                    .as("without a server time the book going back cannot be told from a copy: applied")
                    .isEqualTo(TickOutcome.APPLIED);
        }
    }

    @Test
    void shouldApplyATickInTheSameExchangeSecondThatCarriesAnythingNew() {
        try (ChainStore store = ChainStore.inMemory(16)) {
            assertThat(store.apply(depth(3, 101.5, 10_000, 10_050), 1_000)).isEqualTo(TickOutcome.APPLIED);
            TickEvent newLevel = depth(3, 101.5, 10_000, 10_050);
            newLevel.askQuantity[4] = 76;
            assertThat(store.apply(newLevel, 2_000)).as("a deeper level changed").isEqualTo(TickOutcome.APPLIED);
            TickEvent newVolume = depth(3, 101.5, 10_000, 10_050);
            newVolume.askQuantity[4] = 76;
            newVolume.volume = 5_075;
            assertThat(store.apply(newVolume, 3_000)).as("volume moved").isEqualTo(TickOutcome.APPLIED);
            TickEvent resent = depth(3, 101.5, 10_000, 11_050);
            resent.askQuantity[4] = 76;
            resent.volume = 5_075;
            assertThat(store.apply(resent, 4_000)).as("unchanged, but the server says it is still current a second on")
                    .isEqualTo(TickOutcome.APPLIED);
            TickEvent fewerLevels = depth(3, 101.5, 10_000, 11_050);
            fewerLevels.askQuantity[4] = 76;
            fewerLevels.volume = 5_075;
            fewerLevels.askLevels = 4;
            assertThat(store.apply(fewerLevels, 5_000)).as("the book lost a level").isEqualTo(TickOutcome.APPLIED);

            QuoteRecord read = ChainStore.newRecord();
            store.read(3, read);
            assertThat(read.getTicks()).isEqualTo(5);
            assertThat(read.getVolume()).isEqualTo(5_075);
            assertThat(read.getAskLevels()).isEqualTo(4);
        }
    }

    private static TickEvent depth(int instrumentId, double ltp, long exchangeTimeMillis, long serverTimeMillis) {
        TickEvent tick = ltp(instrumentId, ltp, exchangeTimeMillis);
        tick.serverTimeMillis = serverTimeMillis;
        tick.fields |= TickEvent.DEPTH | TickEvent.VOLUME | TickEvent.OI | TickEvent.OHLC;
        tick.volume = 5_000;
        tick.oi = 1_200;
        tick.open = 98;
        tick.high = 104;
        tick.low = 97.5;
        tick.close = 99;
        tick.bidLevels = 5;
        tick.askLevels = 5;
        for (int i = 0; i < TickEvent.DEPTH_LEVELS; i++) {
            tick.bidPrice[i] = ltp - 0.05 * (i + 1);
            tick.askPrice[i] = ltp + 0.05 * (i + 1);
            tick.bidQuantity[i] = 75L * (i + 1);
            tick.askQuantity[i] = 75L * (i + 2);
            tick.bidOrders[i] = i + 1;
            tick.askOrders[i] = i + 2;
        }
        return tick;
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
