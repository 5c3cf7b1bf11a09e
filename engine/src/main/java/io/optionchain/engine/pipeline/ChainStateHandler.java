package io.optionchain.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.TickHistory;

import java.time.Clock;

/** Stage 1: merges each tick into its instrument's off-heap chain-state record and its tick history. */
public final class ChainStateHandler implements EventHandler<TickEvent> {
    private final ChainStore store;
    private final TickHistory history;
    private final Clock clock;

    public ChainStateHandler(ChainStore store, TickHistory history, Clock clock) {
        this.store = store;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public void onEvent(TickEvent tick, long sequence, boolean endOfBatch) {
        long now = clock.millis();
        store.apply(tick, now);
        history.record(tick, now);
    }
}
