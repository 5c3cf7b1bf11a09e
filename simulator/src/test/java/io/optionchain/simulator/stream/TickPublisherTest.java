package io.optionchain.simulator.stream;

import io.optionchain.simulator.faults.Faults;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the duty cycle with a hand-moved nano clock: pacing is checked without sleeping. */
class TickPublisherTest {
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void shouldTickEachIndexTenTimesASecondWithNobodySubscribed() {
        TickPublisher publisher = new TickPublisher(new MarketModel(7, Clock.systemUTC()), new Subscriptions(), 400,
                "simulator", () -> 0L, new Faults(7, () -> { }, symbol -> 0, () -> { }));
        assertThat(run(publisher, 1_000)).isBetween(19L, 21L);
    }

    @Test
    void shouldSpendTheWholeBudgetWhenOptionsAreSubscribed() {
        MarketModel model = new MarketModel(7, Clock.systemUTC());
        Subscriptions subscriptions = new Subscriptions();
        LocalDate expiry = model.optionExpiries(SimulatedIndex.NIFTY).get(0);
        List<SimulatedSymbol> options = new ArrayList<>();
        for (int strike = 24_000; strike <= 25_000; strike += 50) {
            options.add(SimulatedSymbol.option(SimulatedIndex.NIFTY, expiry, strike, true));
        }
        subscriptions.attach(new ClientSession(null, new AtomicLong(), new AtomicLong()), options);
        TickPublisher publisher = new TickPublisher(model, subscriptions, 400, "simulator", () -> 0L,
                new Faults(7, () -> { }, symbol -> 0, () -> { }));
        assertThat(run(publisher, 1_000)).isBetween(395L, 405L);
        assertThat(publisher.errors()).isZero();
    }

    @Test
    void shouldForgetSlotsMissedInALongStallInsteadOfBursting() {
        TickPublisher publisher = new TickPublisher(new MarketModel(7, Clock.systemUTC()), new Subscriptions(), 400,
                "simulator", () -> 0L, new Faults(7, () -> { }, symbol -> 0, () -> { }));
        publisher.startAt(0);
        publisher.doWork(0);
        int afterStall = publisher.doWork(TimeUnit.SECONDS.toNanos(30));
        assertThat(afterStall).isLessThanOrEqualTo(2);
    }

    @Test
    void shouldPauseAtRateZeroAndResumeOnANewScheduleWithoutBursting() {
        TickPublisher publisher = new TickPublisher(new MarketModel(7, Clock.systemUTC()), new Subscriptions(), 400,
                "simulator", () -> 0L, new Faults(7, () -> { }, symbol -> 0, () -> { }));
        publisher.startAt(0);
        publisher.rate(0);
        long ticks = 0;
        for (long now = 0; now < TimeUnit.SECONDS.toNanos(2); now += MILLI) {
            ticks += publisher.doWork(now);
        }
        assertThat(ticks).as("paused, indices included").isZero();
        publisher.rate(400);
        long resumedAt = TimeUnit.SECONDS.toNanos(2);
        assertThat(publisher.doWork(resumedAt)).as("the paused seconds are not made up").isLessThanOrEqualTo(2);
    }

    /** Calls the duty cycle every millisecond of simulated time; returns ticks emitted. */
    private static long run(TickPublisher publisher, int millis) {
        publisher.startAt(0);
        for (long now = 0; now < millis * MILLI; now += MILLI) {
            publisher.doWork(now);
        }
        return publisher.ticks();
    }
}
