package io.optionchain.gateway.rest;

/**
 * What the REST client has been through, for status.
 *
 * @param calls       calls made by callers (a cached answer counts as a call)
 * @param requests    HTTP requests sent, retries included
 * @param retries     requests repeated after a 429, 5xx or no response
 * @param rateLimited calls that had to wait for the client-side limiter, or gave up waiting
 * @param cacheHits   calls answered from the cache without a request
 * @param failures    calls that ended in an {@link OpenAlgoException}
 */
public record RestStats(long calls, long requests, long retries, long rateLimited, long cacheHits, long failures) {
}
