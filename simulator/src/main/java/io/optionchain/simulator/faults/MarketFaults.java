package io.optionchain.simulator.faults;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The faults of the one market every account streams: the stall and the per-tick fault rates. Kept apart
 * from each account's {@link Faults} because a tick is rendered once for every account that streams its
 * symbol; a fault per account would need a frame per account. Any account's switches reach these.
 *
 * <p>Per-tick faults are drawn from a generator seeded from the simulator's seed and used only by the
 * publisher thread, so the same seed and settings give the same faulty ticks. A tick suffers at most one
 * of them, drawn in the order of {@link Faults.TickFault}; fractions that add up past 1 starve the later ones.
 */
public final class MarketFaults implements TickFaults {
    private final SplittableRandom random;
    private volatile boolean stalled;
    private volatile TickFaultRates rates = TickFaultRates.OFF;

    public MarketFaults(long seed) {
        // Its own stream, so switching faults on does not change the market's prices for a seed.
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    void stall(boolean on) {
        stalled = on;
    }

    void malformedFrames(double fraction) {
        rates = rates.withMalformed(fraction("malformed", fraction));
    }

    void duplicateTicks(double fraction) {
        rates = rates.withDuplicates(fraction("duplicates", fraction));
    }

    void zeroBidAsk(double fraction) {
        rates = rates.withZeroBidAsk(fraction("zeroBidAsk", fraction));
    }

    void missingDepth(double fraction) {
        rates = rates.withMissingDepth(fraction("missingDepth", fraction));
    }

    void oversizedFrames(double fraction, int bytes) {
        if (bytes < 1 || bytes > Faults.MAX_OVERSIZED_BYTES) {
            throw new IllegalArgumentException("bytes must be 1.." + Faults.MAX_OVERSIZED_BYTES + ", got " + bytes);
        }
        rates = rates.withOversized(fraction("oversized", fraction), bytes);
    }

    void unknownSymbols(double fraction) {
        rates = rates.withUnknownSymbols(fraction("unknownSymbols", fraction));
    }

    void outOfOrderTicks(double fraction) {
        rates = rates.withOutOfOrder(fraction("outOfOrder", fraction));
    }

    void reset() {
        stalled = false;
        rates = TickFaultRates.OFF;
    }

    /** The stall, then the per-tick rates, into an account's settings (the stall leads, as it always has). */
    void stallSetting(Map<String, Object> settings) {
        settings.put("stall", stalled);
    }

    void rateSettings(Map<String, Object> settings) {
        TickFaultRates now = rates;
        settings.put("malformed", now.malformed());
        settings.put("duplicates", now.duplicates());
        settings.put("zero_bid_ask", now.zeroBidAsk());
        settings.put("missing_depth", now.missingDepth());
        settings.put("oversized", now.oversized());
        settings.put("oversized_bytes", now.oversizedBytes());
        settings.put("unknown_symbols", now.unknownSymbols());
        settings.put("out_of_order", now.outOfOrder());
    }

    @Override
    public boolean stalled() {
        return stalled;
    }

    @Override
    public boolean remembersTicks() {
        return rates.outOfOrder() > 0;
    }

    @Override
    public int oversizedBytes() {
        return rates.oversizedBytes();
    }

    @Override
    public int pick(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public Faults.TickFault tickFault() {
        TickFaultRates now = rates;
        return now.off() ? Faults.TickFault.NONE : now.draw(random.nextDouble());
    }

    private static double fraction(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(name + " must be a fraction 0..1, got " + fraction);
        }
        return fraction;
    }
}
