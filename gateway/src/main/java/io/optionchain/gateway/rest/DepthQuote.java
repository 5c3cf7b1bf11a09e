package io.optionchain.gateway.rest;

import java.util.List;

/**
 * A five-level book snapshot from OpenAlgo's {@code depth} endpoint. Levels are best first; levels
 * without a price (OpenAlgo pads with zeros) are left out, so an index has empty sides.
 */
public record DepthQuote(double ltp, List<DepthLevel> bids, List<DepthLevel> asks,
                         long totalBuyQuantity, long totalSellQuantity) {

    public DepthQuote {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
