package io.optionchain.gateway;

import io.optionchain.engine.feed.FeedMode;
import io.optionchain.engine.instrument.Instrument;

/** One instrument the client keeps subscribed, and at which mode; OpenAlgo unsubscribes by the same mode. */
record Subscription(Instrument instrument, FeedMode mode) {
}
