package io.optionchain.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickHistory;
import io.optionchain.engine.state.TickOutcome;
import io.optionchain.engine.tick.TickEvent;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stage 1: merges each tick into its instrument's off-heap chain-state record and its tick history. A tick
 * older than the stored quote, or a copy of it ({@link ChainStore#apply} says exactly when), is skipped, counted,
 * and marked {@link TickEvent#outOfOrder} or {@link TickEvent#duplicate} so the stages after pass it by.
 */
public final class ChainStateHandler implements EventHandler<TickEvent> {
    private final ChainStore store;
    private final TickHistory history;
    private final Clock clock;
    /** Single writer (this stage); a lazy store is enough for status readers. */
    private final AtomicLong outOfOrder = new AtomicLong();
    /** Single writer (this stage), as above. */
    private final AtomicLong duplicates = new AtomicLong();

    public ChainStateHandler(ChainStore store, TickHistory history, Clock clock) {
        this.store = store;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void onEvent(TickEvent tick, long sequence, boolean endOfBatch) {
        long now = clock.millis();
        TickOutcome outcome = store.apply(tick, now);
        if (outcome == TickOutcome.APPLIED) {
            history.record(tick, now);
        } else if (outcome == TickOutcome.DUPLICATE) {
            tick.duplicate = true;
            duplicates.lazySet(duplicates.get() + 1);
        } else {
            tick.outOfOrder = true;
            outOfOrder.lazySet(outOfOrder.get() + 1);
        }
    }

    /** Ticks skipped because they were older than the quote already stored. */
    public long outOfOrder() {
        return outOfOrder.get();
    }

    /** Ticks skipped because they were a copy of the quote already stored. */
    public long duplicates() {
        return duplicates.get();
    }
}
