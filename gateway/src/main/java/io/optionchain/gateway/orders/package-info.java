/**
 * OpenAlgo's order endpoints as the engine's {@code OrderGateway}
 * ({@link io.optionchain.gateway.orders.OpenAlgoOrderClient}).
 *
 * <p>Depends on {@code rest} for the shared endpoint; nothing depends on it but the application.
 */
package io.optionchain.gateway.orders;
