/**
 * Accounts and failover: which OpenAlgo server the market data comes from, in what order the others take over,
 * and why a switch happened. Keys and URLs stay in the gateway; this package holds names, brokers, roles and
 * decisions only.
 */
package io.optionchain.engine.accounts;
