package io.optionchain.engine.chain;

import io.optionchain.options.Black76;

import java.util.ArrayList;
import java.util.List;

/**
 * The chain snapshot's volatility step: Black-76 IVs for every leg of a window, from one forward and one time
 * to expiry, so every IV of a chain is read against the same underlying. Off the hot path: it runs when a
 * snapshot is built, never on the ring.
 */
final class ImpliedVols {
    private ImpliedVols() {
    }

    /**
     * Adds Black-76 IVs on each leg's mid. The forward is the synthetic one at ATM (K + C − P, as
     * OpenAlgo's greeks take it), falling back to the index price when ATM is not two-sided.
     */
    static List<ChainRow> priced(List<ChainRow> rows, int side, Double indexLtp, double years) {
        ChainRow atmRow = rows.get(side);
        Double forward = indexLtp;
        if (atmRow.ce().twoSided() && atmRow.pe().twoSided()) {
            forward = atmRow.strike() + atmRow.ce().mid() - atmRow.pe().mid();
        }
        if (forward == null || years <= 0) {
            return rows;
        }
        List<ChainRow> priced = new ArrayList<>(rows.size());
        for (ChainRow row : rows) {
            priced.add(new ChainRow(row.tag(), row.strike(), row.offset(),
                    row.ce().withIv(iv(row.ce(), true, forward, row.strike(), years)),
                    row.pe().withIv(iv(row.pe(), false, forward, row.strike(), years))));
        }
        return priced;
    }

    private static Double iv(LegQuote leg, boolean call, double forward, double strike, double years) {
        Double mid = leg.mid();
        if (mid == null) {
            return null;
        }
        double vol = Black76.impliedVol(call, forward, strike, years, mid, 0.0);
        return Double.isNaN(vol) ? null : vol;
    }
}
