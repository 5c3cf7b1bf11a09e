package io.optionchain.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real clock, which a test may move on: a fake clock, because a fault that lasts seconds by the
 * simulator's clock cannot otherwise be seen to end without the test waiting it out. The market keeps
 * running at real speed in between.
 */
public final class MovableClock extends Clock {
    private final AtomicLong aheadMillis = new AtomicLong();

    public void advance(Duration span) {
        aheadMillis.addAndGet(span.toMillis());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(aheadMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulator reads its clock in UTC");
    }
}
