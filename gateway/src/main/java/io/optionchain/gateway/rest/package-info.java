/**
 * OpenAlgo's REST API for snapshots and reference data ({@link io.optionchain.gateway.rest.OpenAlgoRestClient}),
 * and the endpoint every REST client shares: server, key, HTTP client, rate limiter and retry
 * ({@link io.optionchain.gateway.rest.OpenAlgoEndpoint}).
 *
 * <p>Depends on the engine only; {@code orders} builds on its endpoint.
 */
package io.optionchain.gateway.rest;
