package io.optionchain.simulator.market;

import java.util.Optional;

/**
 * The indices the simulator lists, with everything that differs between them: where the level starts,
 * the strike grid, contract sizes, the volatility smile and the expiry cycle.
 */
public enum SimulatedIndex {
    // The exchange's lots (NIFTY 65, BANKNIFTY 30) and OpenAlgo's freeze quantities (data/qtyfreeze.csv, NFO:
    // NIFTY 1,800, BANKNIFTY 600), as its symbol endpoint serves them; tests change them through MasterContract.
    //        start    step lot freeze  atmVol  skew   curve  oiLots  weekly
    NIFTY(24_500.0, 50, 65, 1_800, 0.13, -0.25, 1.5, 90_000, true),
    BANKNIFTY(52_000.0, 100, 30, 600, 0.15, -0.22, 1.4, 60_000, false);

    /** Exchange segment of the index itself; its options list on {@link #OPTION_EXCHANGE}. */
    static final String INDEX_EXCHANGE = "NSE_INDEX";
    public static final String OPTION_EXCHANGE = "NFO";
    /** Lowest volatility the smile may quote, so far wings never price at zero volatility. */
    private static final double MIN_VOL = 0.05;

    final double startLevel;
    public final int strikeStep;
    public final int lotSize;
    public final int freezeQty;
    /** Smile: vol = atmVol + skew * ln(K/F) + curvature * ln(K/F)^2; negative skew makes low-strike puts richer. */
    final double atmVol;
    final double skew;
    final double curvature;
    /** Open interest, in lots, of the at-the-money strike at the start of the day; wings hold less. */
    final int atmOiLots;
    /** Weekly Tuesday expiries besides the monthlies (NIFTY); BANKNIFTY lists monthlies only. */
    final boolean weekly;

    SimulatedIndex(double startLevel, int strikeStep, int lotSize, int freezeQty, double atmVol, double skew,
                   double curvature, int atmOiLots, boolean weekly) {
        this.startLevel = startLevel;
        this.strikeStep = strikeStep;
        this.lotSize = lotSize;
        this.freezeQty = freezeQty;
        this.atmVol = atmVol;
        this.skew = skew;
        this.curvature = curvature;
        this.atmOiLots = atmOiLots;
        this.weekly = weekly;
    }

    double vol(double strike, double forward) {
        double x = Math.log(strike / forward);
        return Math.max(MIN_VOL, atmVol + skew * x + curvature * x * x);
    }

    /** Exact, case-sensitive match, as OpenAlgo's symbol table lookups are. */
    public static Optional<SimulatedIndex> bySymbol(String symbol) {
        for (SimulatedIndex index : values()) {
            if (index.name().equals(symbol)) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }
}
