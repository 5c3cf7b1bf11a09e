package io.optionchain.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.optionchain.engine.state.ChainStore;

import java.time.Clock;

/** Stage 1: merges each tick into its instrument's off-heap chain-state record. */
public final class ChainStateHandler implements EventHandler<TickEvent> {
    private final ChainStore store;
    private final Clock clock;

    public ChainStateHandler(ChainStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void onEvent(TickEvent tick, long sequence, boolean endOfBatch) {
        store.apply(tick, clock.millis());
    }
}
