/**
 * Alerts out: the risk desk's decisions, account failovers and the market data going stale, posted as JSON to
 * configured webhooks and, when enabled, through OpenAlgo's Telegram service, off the engine's threads: a bounded
 * queue between the sources and one sender thread, retries with back-off, counters per target. Targets are named
 * by their label and host in logs and status, never by a URL's path, query or user info, which often carry a
 * token. The bodies are built by {@code web.json} and handed in; nothing here writes domain values as JSON.
 */
package io.optionchain.web.alerts;
