/** The accounts' routes: which account market data comes from, its failover history, and re-enabling one. */
package io.optionchain.web.accounts;
