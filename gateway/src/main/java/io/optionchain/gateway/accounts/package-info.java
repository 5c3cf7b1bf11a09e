/**
 * Several OpenAlgo accounts as one market-data feed: {@link io.optionchain.gateway.accounts.AccountEndpoint}
 * (an account's URLs and key), {@link io.optionchain.gateway.accounts.AccountPing} (its REST health, sorted into
 * the decision matrix's causes) and {@link io.optionchain.gateway.accounts.FailoverFeed}, which carries the
 * engine's {@link io.optionchain.engine.accounts.AccountFailover} decisions out on real connections.
 *
 * <p>Depends on {@code feed.pool} and {@code rest}; nothing in the gateway depends on it.
 */
package io.optionchain.gateway.accounts;
