package io.optionchain.simulator.faults;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faults of the one market every account streams: the stall, the per-tick fault rates and books gapped away
 * from their last trade. Kept apart
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
    /** Options quoted away from their fair value, by symbol: the factor their book is quoted at. */
    private final Map<String, Double> gaps = new ConcurrentHashMap<>();

    public MarketFaults(long seed) {
        // Its own stream, so switching faults on does not change the market's prices for a seed.
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /**
     * While on, no ticks are sent to any session of any account; the market still moves. A stall withholds
     * ticks only: the socket stays open, and Jetty keeps answering the client's RFC 6455 pings (it has no
     * switch to stop that), as does the server's own 20 s ping. A client that counts pongs as life will
     * therefore not see a stall as silence while it pings; one that does not ping, or pings less often than
     * its stale limit, will.
     */
    void stall(boolean on) {
        stalled = on;
    }

    /** This fraction of ticks (0..1) is sent as a truncated, unparseable frame instead. */
    void malformedFrames(double fraction) {
        rates = rates.withMalformed(fraction("malformed", fraction));
    }

    /** This fraction of ticks (0..1) is sent twice. */
    void duplicateTicks(double fraction) {
        rates = rates.withDuplicates(fraction("duplicates", fraction));
    }

    /** This fraction of ticks (0..1) is sent with best bid and ask zeroed, price and size. */
    void zeroBidAsk(double fraction) {
        rates = rates.withZeroBidAsk(fraction("zeroBidAsk", fraction));
    }

    /**
     * This fraction of ticks (0..1) is sent without a bid or ask: half of them (drawn) with
     * empty depth arrays, the others with no depth at all. Only Depth-mode frames carry depth.
     */
    void missingDepth(double fraction) {
        rates = rates.withMissingDepth(fraction("missingDepth", fraction));
    }

    /**
     * This fraction of ticks (0..1) is sent as a frame of {@code bytes} bytes: the real tick,
     * valid JSON, with a {@code "padding"} string of spaces after its data. A client that caps frame size
     * sees it break the cap; one that does not must still parse the tick. Each such frame is a new array of
     * that size, queued per client like any tick: at hundreds of ticks a second keep the fraction small.
     */
    void oversizedFrames(double fraction, int bytes) {
        if (bytes < 1 || bytes > Faults.MAX_OVERSIZED_BYTES) {
            throw new IllegalArgumentException("bytes must be 1.." + Faults.MAX_OVERSIZED_BYTES + ", got " + bytes);
        }
        rates = rates.withOversized(fraction("oversized", fraction), bytes);
    }

    /**
     * After this fraction of ticks (0..1), a copy of the tick is sent under a symbol the client
     * never subscribed to: an off-grid NIFTY strike, an index the simulator does not list, an equity.
     */
    void unknownSymbols(double fraction) {
        rates = rates.withUnknownSymbols(fraction("unknownSymbols", fraction));
    }

    /**
     * After this fraction of ticks (0..1), an older tick of the same symbol is sent again: one
     * whose {@code ltt} is strictly older than the tick just sent, with its older timestamp and prices.
     * Until a symbol's exchange time has moved on since the switch was flipped (never, under a fixed clock)
     * there is no older tick, and the tick goes out alone.
     */
    void outOfOrderTicks(double fraction) {
        rates = rates.withOutOfOrder(fraction("outOfOrder", fraction));
    }

    /**
     * From the option's next tick on, its book is quoted at {@code factor} times its fair value (0.4: sixty percent
     * below it) and nobody trades it, so its last traded price stays where the last trade left it: a thin option
     * after a fast move, whose bid is far from the price the exchange's limit price protection band is drawn around.
     * A factor of 1 ends the gap; the book is quoted where it should be again at its next tick, and trades resume.
     */
    void gapBook(String symbol, double factor) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must be given");
        }
        if (!(factor > 0 && factor <= 10)) {
            throw new IllegalArgumentException("factor must be above 0 and at most 10, got " + factor);
        }
        if (factor == 1) {
            gaps.remove(symbol);
        } else {
            gaps.put(symbol, factor);
        }
    }

    /** The factor the option's book is quoted at: 1 unless {@link #gapBook} moved it. Read on every option tick. */
    public double bookFactor(String symbol) {
        if (gaps.isEmpty()) {
            return 1;
        }
        Double factor = gaps.get(symbol);
        return factor == null ? 1 : factor;
    }

    void reset() {
        stalled = false;
        rates = TickFaultRates.OFF;
        gaps.clear();
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
        settings.put("book_gaps", new TreeMap<>(gaps));
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
