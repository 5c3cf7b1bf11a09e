package io.optionchain.gateway;

/** One price level of an order book side, as OpenAlgo's {@code depth} endpoint reports it. */
public record DepthLevel(double price, long quantity) {
}
