package io.optionchain.simulator.orders;

import io.optionchain.simulator.market.MasterContract;
import io.optionchain.simulator.market.Paise;
import io.optionchain.simulator.market.SimulatedSymbol;
import io.optionchain.simulator.rest.RestError;

import java.util.Locale;

/**
 * What an order asks for once the broker has checked it: units, price type, product, limit and trigger
 * prices in paise. A MARKET order carries no price, a non-stop order no trigger, whatever was sent.
 */
record OrderTerms(int quantity, String pricetype, String product, long pricePaise, long triggerPaise,
                  int disclosedQuantity) {

    boolean stopLoss() {
        return pricetype.equals("SL") || pricetype.equals("SL-M");
    }

    /** Takes whatever the book offers; an SL-M order does once triggered. */
    boolean market() {
        return pricetype.equals("MARKET") || pricetype.equals("SL-M");
    }

    /**
     * The checks a broker makes before it accepts an order (the sandbox's wording where it has one), each
     * failure an HTTP 400 that places nothing.
     *
     * @throws RestError 400 naming the first problem
     */
    static OrderTerms checked(SimulatedSymbol symbol, MasterContract.Terms contract, boolean buy, double quantity,
                              String pricetype, String product, double price, double trigger,
                              long disclosedQuantity) {
        if (product.equals("CNC")) {
            throw new RestError(400, "CNC product not allowed for " + symbol.exchange()
                    + " derivatives segment. Use NRML for carryforward or MIS for intraday.");
        }
        int lot = contract.lotSize();
        if (quantity > Integer.MAX_VALUE || quantity % lot != 0) {
            throw new RestError(400, "Quantity must be in multiples of lot size " + lot);
        }
        long pricePaise = 0;
        long triggerPaise = 0;
        if (pricetype.equals("LIMIT") || pricetype.equals("SL")) {
            if (price <= 0) {
                throw new RestError(400, pricetype + " orders require price");
            }
            pricePaise = onTick("Price", price, contract.tickPaise());
        }
        if (pricetype.equals("SL") || pricetype.equals("SL-M")) {
            if (trigger <= 0) {
                throw new RestError(400, pricetype + " orders require trigger_price");
            }
            triggerPaise = onTick("Trigger price", trigger, contract.tickPaise());
        }
        if (pricetype.equals("SL") && (buy ? triggerPaise > pricePaise : triggerPaise < pricePaise)) {
            throw new RestError(400, "Trigger price must be " + (buy ? "at or below" : "at or above")
                    + " the limit price for a stop-loss " + (buy ? "buy" : "sell") + " order");
        }
        return new OrderTerms((int) quantity, pricetype, product, pricePaise, triggerPaise,
                (int) Math.min(disclosedQuantity, Integer.MAX_VALUE));
    }

    /** Whole paise on the contract's tick grid, or a 400 as Kite's InputException answers an off-tick price. */
    private static long onTick(String what, double rupees, long tickPaise) {
        double paise = rupees * 100.0;
        long rounded = Math.round(paise);
        if (Math.abs(paise - rounded) > 1e-6 || rounded % tickPaise != 0) {
            throw new RestError(400, String.format(Locale.ROOT, "%s %s is not a multiple of the tick size %s",
                    what, Double.toString(rupees), Double.toString(Paise.toRupees(tickPaise))));
        }
        return rounded;
    }
}
