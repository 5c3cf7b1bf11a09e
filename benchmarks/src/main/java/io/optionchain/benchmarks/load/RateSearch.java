package io.optionchain.benchmarks.load;

import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * Finds the highest sustainable rate from the trials run so far: grows the best passing rate by
 * {@code growth} until a trial above it fails, then halves the gap (geometrically) between the best pass
 * and the lowest failure above it until they are within {@code resolution} of each other.
 *
 * <p>A rate is sustained when the consumer processed at least {@code minThroughputShare} of it in the
 * window, lost no tick in the whole trial, and kept p99.9 under {@code maxP999Micros}. Capacity only
 * falls as the rate rises, so a failure below a pass is noise (a collection or a busy neighbour in a
 * quiet trial's tail) and says nothing about where capacity ends; it is ignored. A pass cannot be luck
 * the same way: the ticks were processed, none were lost.
 *
 * @param growth             factor by which a passing rate grows while nothing above it has failed, e.g. 1.25
 * @param resolution         stop when the lowest failure is within this factor of the best pass, e.g. 1.1
 * @param minThroughputShare share of the offered rate that must be processed, e.g. 0.95
 * @param maxP999Micros      p99.9 latency above this fails the rate, e.g. 5,000 µs
 */
record RateSearch(double growth, double resolution, double minThroughputShare, double maxP999Micros) {
    /** Rates are tried in whole thousands a second, so a report reads 120,000 rather than 119,873. */
    private static final int GRAIN = 1_000;

    static RateSearch defaults() {
        return new RateSearch(1.25, 1.1, 0.95, 5_000);
    }

    boolean sustained(RateResult result) {
        return result.dropped() == 0
                && result.throughput() >= minThroughputShare * result.rate()
                && result.p999Micros() <= maxP999Micros;
    }

    /**
     * @param outcomes every rate tried so far and whether it was sustained
     * @return the next rate to try, or empty when the answer is known to within the resolution
     */
    OptionalInt next(SortedMap<Integer, Boolean> outcomes) {
        OptionalInt best = best(outcomes);
        OptionalInt ceiling = lowestFailureAbove(outcomes, best.orElse(0));
        if (ceiling.isEmpty()) {
            return best.isEmpty() ? OptionalInt.empty() : OptionalInt.of(round(best.getAsInt() * growth));
        }
        int failed = ceiling.getAsInt();
        if (best.isEmpty()) {
            int lower = round(failed / 2.0);
            return lower >= failed ? OptionalInt.empty() : OptionalInt.of(lower);
        }
        int passed = best.getAsInt();
        if (failed <= passed * resolution) {
            return OptionalInt.empty();
        }
        int middle = round(Math.sqrt((double) passed * failed));
        return middle <= passed || middle >= failed ? OptionalInt.empty() : OptionalInt.of(middle);
    }

    /** The highest rate that passed: the answer so far. */
    OptionalInt best(SortedMap<Integer, Boolean> outcomes) {
        OptionalInt best = OptionalInt.empty();
        for (Map.Entry<Integer, Boolean> outcome : outcomes.entrySet()) {
            if (outcome.getValue()) {
                best = OptionalInt.of(outcome.getKey());
            }
        }
        return best;
    }

    private static OptionalInt lowestFailureAbove(SortedMap<Integer, Boolean> outcomes, int rate) {
        for (Map.Entry<Integer, Boolean> outcome : outcomes.tailMap(rate + 1).entrySet()) {
            if (!outcome.getValue()) {
                return OptionalInt.of(outcome.getKey());
            }
        }
        return OptionalInt.empty();
    }

    private static int round(double rate) {
        return (int) Math.max(GRAIN, Math.round(rate / GRAIN) * GRAIN);
    }
}
