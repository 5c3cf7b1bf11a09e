package io.optionchain.gateway.rest;

/** One price level of an order book side, as OpenAlgo's {@code depth} endpoint reports it. */
public record DepthLevel(double price, long quantity) {
}
