/**
 * OpenAlgo's REST API for snapshots, reference data, the market calendar and the account's ping
 * ({@link io.optionchain.gateway.rest.OpenAlgoRestClient}, with the engine's ports over it:
 * {@link io.optionchain.gateway.rest.OpenAlgoReferenceData},
 * {@link io.optionchain.gateway.rest.OpenAlgoMarketCalendar}),
 * and the endpoint every REST client shares: server, key, HTTP client, rate limiter and retry
 * ({@link io.optionchain.gateway.rest.OpenAlgoEndpoint}).
 *
 * <p>Depends on the engine only; {@code orders} builds on its endpoint.
 */
package io.optionchain.gateway.rest;
