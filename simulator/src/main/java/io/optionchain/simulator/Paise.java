package io.optionchain.simulator;

/**
 * Prices travel as whole paise (hundredths of a rupee) so every published price is exact: a tick of
 * 0.05 is 5 paise, and printing never shows binary junk such as 12.350000000000001.
 */
final class Paise {
    /** NSE option tick size, 0.05 rupees. */
    static final long TICK = 5;

    private Paise() {
    }

    /** Nearest tick, half up. */
    static long roundToTick(double rupees) {
        return Math.round(rupees * 100.0 / TICK) * TICK;
    }

    static long floorToTick(double rupees) {
        return (long) Math.floor(rupees * 100.0 / TICK + 1e-9) * TICK;
    }

    static double toRupees(long paise) {
        return paise / 100.0;
    }

    /** Writes the value as Python prints a float (311.6, 312.0, 0.05), which is what OpenAlgo clients see. */
    static void appendRupees(FrameBuffer out, long paise) {
        if (paise < 0) {
            out.append('-');
            paise = -paise;
        }
        out.append(paise / 100).append('.');
        long fraction = paise % 100;
        if (fraction == 0) {
            out.append('0');
        } else if (fraction % 10 == 0) {
            out.append(fraction / 10);
        } else {
            if (fraction < 10) {
                out.append('0');
            }
            out.append(fraction);
        }
    }
}
