package io.optionchain.engine.chain;

import io.optionchain.options.Black76;
import io.optionchain.options.Greeks;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain snapshot's volatility step: Black-76 IVs for every leg of a window, and the Greeks at each IV,
 * from one forward, one time to expiry and one rate, so every number of a chain is read against the same
 * underlying. Off the hot path: it runs when a snapshot is built, never on the ring.
 */
final class ImpliedVols {
    private ImpliedVols() {
    }

    /**
     * The synthetic future at ATM (K + C − P, as OpenAlgo's greeks take it), falling back to the index price
     * when ATM is not two-sided; null when neither is known.
     */
    static Double forward(ChainRow atm, Double indexLtp) {
        Double synthetic = atm.syntheticFuture();
        return synthetic != null ? synthetic : indexLtp;
    }

    /** Adds each leg's IV on its mid and its Greeks at that IV; a leg with no IV gets no Greeks. */
    static List<ChainRow> priced(List<ChainRow> rows, PricingInputs inputs) {
        if (!prices(inputs)) {
            return rows;
        }
        Greeks greeks = new Greeks();
        List<ChainRow> priced = new ArrayList<>(rows.size());
        for (ChainRow row : rows) {
            priced.add(new ChainRow(row.tag(), row.strike(), row.offset(),
                    leg(row.ce(), true, row.strike(), inputs, greeks),
                    leg(row.pe(), false, row.strike(), inputs, greeks)));
        }
        return priced;
    }

    /**
     * One option's Greeks at the IV of its mid, exactly as {@link #priced} gives them to a leg of the window: for an
     * option the window does not show (a position's, pinned far from ATM). Null when there is no IV.
     */
    static LegGreeks greeks(boolean call, double strike, Double mid, PricingInputs inputs) {
        if (mid == null || !prices(inputs)) {
            return null;
        }
        double vol = impliedVol(call, strike, mid, inputs);
        return Double.isNaN(vol) ? null : greeksAt(call, strike, vol, inputs, new Greeks());
    }

    /** A forward and time left: without either, nothing has an IV. */
    private static boolean prices(PricingInputs inputs) {
        return inputs.forward() != null && inputs.years() > 0;
    }

    private static LegQuote leg(LegQuote leg, boolean call, double strike, PricingInputs inputs, Greeks greeks) {
        Double mid = leg.mid();
        if (mid == null) {
            return leg;
        }
        double vol = impliedVol(call, strike, mid, inputs);
        if (Double.isNaN(vol)) {
            return leg;
        }
        return leg.priced(vol, greeksAt(call, strike, vol, inputs, greeks));
    }

    private static double impliedVol(boolean call, double strike, double mid, PricingInputs inputs) {
        return Black76.impliedVol(call, inputs.forward(), strike, inputs.years(), mid, inputs.rate());
    }

    private static LegGreeks greeksAt(boolean call, double strike, double vol, PricingInputs inputs, Greeks greeks) {
        Black76.greeks(call, inputs.forward(), strike, inputs.years(), vol, inputs.rate(), greeks);
        return new LegGreeks(greeks.delta(), greeks.gamma(), greeks.theta(), greeks.vega(), greeks.rho());
    }
}
