package io.optionchain.engine.state;

import io.optionchain.engine.tick.TickEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class TickHistoryTest {

    @Test
    void shouldKeepTheLastHundredTicksNewestFirst() {
        TickHistory history = new TickHistory(8);
        TickEvent tick = new TickEvent();
        tick.instrumentId = 5;
        for (int i = 1; i <= 250; i++) {
            tick.fields = TickEvent.LTP | TickEvent.VOLUME;
            tick.ltp = i;
            tick.volume = 10L * i;
            history.record(tick, 1_000L + i);
        }
        List<TickHistory.TickEntry> all = history.latest(5, 500);
        assertThat(all).hasSize(TickHistory.DEPTH);
        assertThat(all.get(0).ltp()).isEqualTo(250);
        assertThat(all.get(0).timeMillis()).isEqualTo(1_250);
        assertThat(all.get(99).ltp()).isEqualTo(151);
        assertThat(history.latest(5, 3)).extracting(TickHistory.TickEntry::volume).containsExactly(2_500L, 2_490L, 2_480L);
        assertThat(history.latest(4, 10)).isEmpty();
        assertThat(history.latest(99, 10)).isEmpty();
    }

    @Test
    void shouldCarryTheBookIntoTicksThatDoNotQuoteIt() {
        TickHistory history = new TickHistory(4);
        TickEvent depth = new TickEvent();
        depth.instrumentId = 1;
        depth.fields = TickEvent.LTP | TickEvent.DEPTH | TickEvent.OI;
        depth.ltp = 100;
        depth.oi = 900;
        depth.bidLevels = 1;
        depth.bidPrice[0] = 99.95;
        depth.bidQuantity[0] = 75;
        depth.askLevels = 1;
        depth.askPrice[0] = 100.05;
        depth.askQuantity[0] = 150;
        history.record(depth, 1);
        TickEvent ltp = new TickEvent();
        ltp.instrumentId = 1;
        ltp.fields = TickEvent.LTP;
        ltp.ltp = 100.05;
        history.record(ltp, 2);

        TickHistory.TickEntry newest = history.latest(1, 1).get(0);
        assertThat(newest.ltp()).isEqualTo(100.05);
        assertThat(newest.bid()).isEqualTo(99.95);
        assertThat(newest.askQty()).isEqualTo(150);
        assertThat(newest.oi()).isEqualTo(900);
    }

    @Test
    void shouldNeverHandAReaderAHalfWrittenTick() throws Exception {
        TickHistory history = new TickHistory(2);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                for (TickHistory.TickEntry entry : history.latest(0, TickHistory.DEPTH)) {
                    // the writer keeps every field of a tick equal to its ltp: any mix is a torn read
                    if (entry.bid() != entry.ltp() || entry.volume() != (long) entry.ltp() || entry.timeMillis() != (long) entry.ltp()) {
                        torn.compareAndSet(null, entry.toString());
                    }
                }
            }
        });
        reader.start();
        TickEvent tick = new TickEvent();
        tick.instrumentId = 0;
        tick.fields = TickEvent.LTP | TickEvent.DEPTH | TickEvent.VOLUME;
        tick.bidLevels = 1;
        tick.askLevels = 1;
        for (int i = 1; i <= 2_000_000; i++) {
            tick.ltp = i;
            tick.bidPrice[0] = i;
            tick.askPrice[0] = i;
            tick.volume = i;
            history.record(tick, i);
        }
        running.set(false);
        reader.join();
        assertThat(torn.get()).isNull();
    }
}
