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
    static Double forward(List<ChainRow> rows, int side, Double indexLtp) {
        ChainRow atmRow = rows.get(side);
        if (atmRow.ce().twoSided() && atmRow.pe().twoSided()) {
            return atmRow.strike() + atmRow.ce().mid() - atmRow.pe().mid();
        }
        return indexLtp;
    }

    /** Adds each leg's IV on its mid and its Greeks at that IV; a leg with no IV gets no Greeks. */
    static List<ChainRow> priced(List<ChainRow> rows, PricingInputs inputs) {
        if (inputs.forward() == null || !(inputs.years() > 0)) {
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

    private static LegQuote leg(LegQuote leg, boolean call, double strike, PricingInputs inputs, Greeks greeks) {
        Double mid = leg.mid();
        if (mid == null) {
            return leg;
        }
        double forward = inputs.forward();
        double vol = Black76.impliedVol(call, forward, strike, inputs.years(), mid, inputs.rate());
        if (Double.isNaN(vol)) {
            return leg;
        }
        Black76.greeks(call, forward, strike, inputs.years(), vol, inputs.rate(), greeks);
        return leg.priced(vol, new LegGreeks(greeks.delta(), greeks.gamma(), greeks.theta(), greeks.vega(),
                greeks.rho()));
    }
}
