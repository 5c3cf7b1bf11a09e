package io.optionchain.web.config;

/**
 * The hot path.
 *
 * @param ringSize           ring-buffer slots, a power of two; more absorbs longer handler stalls at the
 *                           cost of memory (a slot is ~300 bytes)
 * @param instrumentCapacity most instruments ever registered (indices and options); sizes the off-heap
 *                           chain state and the symbol lookup, both fixed at start
 * @param spareStrikes       strikes subscribed beyond the window on each side, so an index flapping
 *                           across a strike boundary does not churn subscriptions; more costs symbols
 * @param waitStrategy       how idle ring handlers wait: "blocking" (kind to small machines) or
 *                           "busy-spin" (lowest latency, burns a core per handler)
 * @param stageThreads       "one": the three ring stages in order on one thread (best on few cores: no
 *                           stage spins waiting for another); "per-stage": a thread each, for a core each
 * @param symbolBudget       most symbols subscribed at once (OpenAlgo's broker pool: 1,000 per connection ×
 *                           3); past it, indices and position symbols come first, then strikes nearest ATM,
 *                           and status lists what was left out
 */
public record EngineSettings(int ringSize, int instrumentCapacity, int spareStrikes, String waitStrategy,
                             String stageThreads, int symbolBudget) {
    public EngineSettings {
        if (ringSize < 64 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring_size must be a power of 2 and at least 64, got " + ringSize);
        }
        if (instrumentCapacity < 16 || instrumentCapacity > 1_000_000) {
            throw new IllegalArgumentException("instrument_capacity must be 16..1000000, got " + instrumentCapacity);
        }
        if (spareStrikes < 0 || spareStrikes > 20) {
            throw new IllegalArgumentException("spare_strikes must be 0..20, got " + spareStrikes);
        }
        if (!"one".equals(stageThreads) && !"per-stage".equals(stageThreads)) {
            throw new IllegalArgumentException("stage_threads must be one or per-stage, got " + stageThreads);
        }
        if (symbolBudget < 1 || symbolBudget > instrumentCapacity) {
            throw new IllegalArgumentException("symbol_budget must be 1..instrument_capacity (" + instrumentCapacity
                    + "), got " + symbolBudget);
        }
        if (!"blocking".equals(waitStrategy) && !"busy-spin".equals(waitStrategy)) {
            throw new IllegalArgumentException("wait_strategy must be blocking or busy-spin, got " + waitStrategy);
        }
    }
}
