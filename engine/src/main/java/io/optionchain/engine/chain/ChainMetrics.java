package io.optionchain.engine.chain;

import java.util.List;

/** Computes {@link MarketMetrics} from the rows of one chain window. */
public final class ChainMetrics {
    /** How many OTM strikes on each side the IV skew averages. */
    public static final int SKEW_STRIKES = 5;

    private ChainMetrics() {
    }

    /** The metrics of a priced window (IVs and Greeks in its legs) whose options trade in lots of {@code lotSize}. */
    public static MarketMetrics of(List<ChainRow> rows, int lotSize) {
        long ceVolume = 0;
        long peVolume = 0;
        long ceOi = 0;
        long peOi = 0;
        Double gex = null;
        Long oiChange = null;
        OiChangeBasis oiChangeSince = null;
        for (ChainRow row : rows) {
            ceVolume += row.ce().volumeOrZero();
            peVolume += row.pe().volumeOrZero();
            ceOi += row.ce().oiOrZero();
            peOi += row.pe().oiOrZero();
            Double rowGex = row.gex(lotSize);
            if (rowGex != null) {
                gex = (gex == null ? 0 : gex) + rowGex;
            }
            for (int side = 0; side < 2; side++) {
                LegQuote.OiChange change = (side == 0 ? row.ce() : row.pe()).oiChange();
                if (change != null) {
                    oiChange = (oiChange == null ? 0 : oiChange) + change.contracts();
                    // one basis when every leg shares it, MIXED when they differ
                    oiChangeSince = oiChangeSince == null || oiChangeSince == change.since() ? change.since()
                            : OiChangeBasis.MIXED;
                }
            }
        }
        ChainRow atm = atmRow(rows);
        return new MarketMetrics(ceVolume, peVolume, ceOi, peOi,
                ratio(peOi, ceOi), ratio(peVolume, ceVolume), maxPain(rows), ivSkew(rows),
                atm == null ? null : atmIv(atm), atm == null ? null : straddle(atm),
                atm == null ? null : straddleChange(atm), atm == null ? null : atm.syntheticFuture(), gex,
                oiChange, oiChangeSince);
    }

    private static ChainRow atmRow(List<ChainRow> rows) {
        for (ChainRow row : rows) {
            if (row.offset() == 0) {
                return row;
            }
        }
        return null;
    }

    /** The mean of the ATM legs' IVs; the one IV when only one leg has one. */
    static Double atmIv(ChainRow atm) {
        Double call = atm.ce().iv();
        Double put = atm.pe().iv();
        if (call != null && put != null) {
            return (call + put) / 2;
        }
        return call != null ? call : put;
    }

    /** What the ATM straddle costs at mid: both legs two-sided, else null. */
    static Double straddle(ChainRow atm) {
        Double call = atm.ce().mid();
        Double put = atm.pe().mid();
        return call == null || put == null ? null : call + put;
    }

    /** The straddle at mid less the sum of the same two legs' previous closes. */
    static Double straddleChange(ChainRow atm) {
        Double straddle = straddle(atm);
        if (straddle == null || atm.ce().close() == null || atm.pe().close() == null) {
            return null;
        }
        return straddle - (atm.ce().close() + atm.pe().close());
    }

    /**
     * The strike, among the window's, that minimises what writers pay holders at expiry:
     * for settlement S, every call at K pays OI × max(0, S − K), every put OI × max(0, K − S).
     * Ties go to the lower strike. Null when the window holds no open interest.
     */
    public static Double maxPain(List<ChainRow> rows) {
        Double best = null;
        double bestPain = Double.MAX_VALUE;
        boolean anyOi = false;
        for (ChainRow settlement : rows) {
            double s = settlement.strike();
            double pain = 0;
            for (ChainRow row : rows) {
                double k = row.strike();
                long ceOi = row.ce().oiOrZero();
                long peOi = row.pe().oiOrZero();
                anyOi |= ceOi > 0 || peOi > 0;
                pain += ceOi * Math.max(0, s - k) + peOi * Math.max(0, k - s);
            }
            if (pain < bestPain) {
                bestPain = pain;
                best = s;
            }
        }
        return anyOi ? best : null;
    }

    /**
     * Mean IV of the nearest OTM puts (strikes below ATM) over the mean IV of the nearest OTM calls
     * (strikes above ATM), {@link #SKEW_STRIKES} each side; legs without an IV are left out, and the
     * skew is null when either side has none.
     */
    public static Double ivSkew(List<ChainRow> rows) {
        double putSum = 0;
        int puts = 0;
        double callSum = 0;
        int calls = 0;
        for (ChainRow row : rows) {
            int offset = row.offset();
            if (offset < 0 && offset >= -SKEW_STRIKES && row.pe().iv() != null) {
                putSum += row.pe().iv();
                puts++;
            } else if (offset > 0 && offset <= SKEW_STRIKES && row.ce().iv() != null) {
                callSum += row.ce().iv();
                calls++;
            }
        }
        if (puts == 0 || calls == 0) {
            return null;
        }
        return (putSum / puts) / (callSum / calls);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
