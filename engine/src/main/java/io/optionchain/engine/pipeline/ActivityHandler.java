package io.optionchain.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.UnderlyingActivity;
import io.optionchain.engine.tick.TickEvent;

import java.time.Clock;

/**
 * The last stage: counts ticks per underlying and records frame-to-decision latency, the time from
 * the frame's arrival at the reader thread to the moment every stage has seen its tick. A tick stage 1 skipped
 * (out of order, or a duplicate such as a hot standby socket's copy) is not market activity and is not counted,
 * so the count means the same with one socket or two; its latency still is, since the path carried it.
 */
public final class ActivityHandler implements EventHandler<TickEvent> {
    private final ChainBook book;
    private final Clock clock;
    private final LatencyStats latency;

    public ActivityHandler(ChainBook book, Clock clock, LatencyStats latency) {
        this.book = book;
        this.clock = clock;
        this.latency = latency;
    }

    @Override
    public void onEvent(TickEvent tick, long sequence, boolean endOfBatch) {
        UnderlyingActivity underlying = tick.skipped() ? null : book.activityOf(tick.instrumentId);
        if (underlying != null) {
            underlying.recordTick(clock.millis());
        }
        latency.record(System.nanoTime() - tick.arrivalNanos);
    }
}
