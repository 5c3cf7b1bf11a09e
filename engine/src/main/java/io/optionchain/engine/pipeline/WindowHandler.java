package io.optionchain.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.chain.OptionChain;
import io.optionchain.engine.tick.TickEvent;

/** Stage 2: an index tick re-centres ATM and tags of that index's chains, shifting subscriptions when due. */
public final class WindowHandler implements EventHandler<TickEvent> {
    private final ChainBook book;

    public WindowHandler(ChainBook book) {
        this.book = book;
    }

    @Override
    public void onEvent(TickEvent tick, long sequence, boolean endOfBatch) {
        if (!tick.skipped() && tick.has(TickEvent.LTP) && tick.ltp > 0) {
            for (OptionChain chain : book.chainsOfIndex(tick.instrumentId)) {
                chain.onIndexPrice(tick.ltp);
            }
        }
    }
}
