package io.optionchain.simulator.market;

/**
 * Prices travel as whole paise (hundredths of a rupee) so every published price is exact: a tick of
 * 0.05 is 5 paise, and printing never shows binary junk such as 12.350000000000001.
 */
public final class Paise {
    /** NSE option tick size, 0.05 rupees. */
    public static final long TICK = 5;

    private Paise() {
    }

    /** Nearest tick, half up. */
    static long roundToTick(double rupees) {
        return Math.round(rupees * 100.0 / TICK) * TICK;
    }

    static long floorToTick(double rupees) {
        return (long) Math.floor(rupees * 100.0 / TICK + 1e-9) * TICK;
    }

    public static double toRupees(long paise) {
        return paise / 100.0;
    }
}
