package io.optionchain.engine.chain;

/** One strike of the window: its row tag (from the call's side), the strike and both legs. */
public record ChainRow(String tag, double strike, int offset, LegQuote ce, LegQuote pe) {

    /**
     * Put-call parity on mids, K + C − P: at ATM the synthetic future, and OpenAlgo's forward for Greeks. Null unless
     * both legs are two-sided.
     */
    public Double syntheticFuture() {
        Double call = ce.mid();
        Double put = pe.mid();
        return call == null || put == null ? null : strike + call - put;
    }

    /**
     * Gamma exposure at this strike with OpenAlgo's {@code gex_service} conventions: per leg gamma × OI × lot
     * size, the call's counted positive and the put's negative. A leg without a gamma (no IV) or without OI adds
     * nothing; null when neither leg has both.
     */
    public Double gex(int lotSize) {
        Double call = legGex(ce, lotSize);
        Double put = legGex(pe, lotSize);
        if (call == null && put == null) {
            return null;
        }
        return (call == null ? 0 : call) - (put == null ? 0 : put);
    }

    private static Double legGex(LegQuote leg, int lotSize) {
        if (leg.greeks() == null || leg.oi() == null) {
            return null;
        }
        return leg.greeks().gamma() * leg.oi() * lotSize;
    }
}
