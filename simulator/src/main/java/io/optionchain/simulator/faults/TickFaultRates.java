package io.optionchain.simulator.faults;

import io.optionchain.simulator.faults.Faults.TickFault;

/**
 * The per-tick fault probabilities in force, replaced whole on every change so the publisher reads one
 * consistent set with one volatile read ({@link Faults}).
 *
 * @param oversizedBytes size of an oversized frame
 */
record TickFaultRates(double malformed, double duplicates, double zeroBidAsk, double missingDepth,
                      double oversized, int oversizedBytes, double unknownSymbols, double outOfOrder) {

    static final TickFaultRates OFF = new TickFaultRates(0, 0, 0, 0, 0, Faults.DEFAULT_OVERSIZED_BYTES, 0, 0);
    /** The fault of each band, in the order {@link #draw} lays the bands out. */
    private static final TickFault[] BANDS = {TickFault.MALFORMED, TickFault.DUPLICATE, TickFault.ZERO_BID_ASK,
            TickFault.EMPTY_DEPTH, TickFault.OVERSIZED, TickFault.UNKNOWN_SYMBOL, TickFault.OUT_OF_ORDER};

    boolean off() {
        return malformed == 0 && duplicates == 0 && zeroBidAsk == 0 && missingDepth == 0 && oversized == 0
                && unknownSymbols == 0 && outOfOrder == 0;
    }

    /**
     * The fault a uniform draw in [0, 1) picks: bands laid end to end in the order of {@link TickFault},
     * so fractions adding up past 1 starve the later ones. Missing depth splits its band in two halves,
     * empty arrays then no depth.
     */
    TickFault draw(double draw) {
        for (int i = 0; i < BANDS.length; i++) {
            double band = band(i);
            if (draw < band) {
                return BANDS[i] == TickFault.EMPTY_DEPTH && draw >= band / 2 ? TickFault.NO_DEPTH : BANDS[i];
            }
            draw -= band;
        }
        return TickFault.NONE;
    }

    private double band(int i) {
        return switch (i) {
            case 0 -> malformed;
            case 1 -> duplicates;
            case 2 -> zeroBidAsk;
            case 3 -> missingDepth;
            case 4 -> oversized;
            case 5 -> unknownSymbols;
            default -> outOfOrder;
        };
    }

    TickFaultRates withMalformed(double f) {
        return new TickFaultRates(f, duplicates, zeroBidAsk, missingDepth, oversized, oversizedBytes,
                unknownSymbols, outOfOrder);
    }

    TickFaultRates withDuplicates(double f) {
        return new TickFaultRates(malformed, f, zeroBidAsk, missingDepth, oversized, oversizedBytes,
                unknownSymbols, outOfOrder);
    }

    TickFaultRates withZeroBidAsk(double f) {
        return new TickFaultRates(malformed, duplicates, f, missingDepth, oversized, oversizedBytes,
                unknownSymbols, outOfOrder);
    }

    TickFaultRates withMissingDepth(double f) {
        return new TickFaultRates(malformed, duplicates, zeroBidAsk, f, oversized, oversizedBytes,
                unknownSymbols, outOfOrder);
    }

    TickFaultRates withOversized(double f, int bytes) {
        return new TickFaultRates(malformed, duplicates, zeroBidAsk, missingDepth, f, bytes,
                unknownSymbols, outOfOrder);
    }

    TickFaultRates withUnknownSymbols(double f) {
        return new TickFaultRates(malformed, duplicates, zeroBidAsk, missingDepth, oversized, oversizedBytes,
                f, outOfOrder);
    }

    TickFaultRates withOutOfOrder(double f) {
        return new TickFaultRates(malformed, duplicates, zeroBidAsk, missingDepth, oversized, oversizedBytes,
                unknownSymbols, f);
    }
}
