package io.optionchain.gateway.feed;

import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.ports.FeedMode;

/** One instrument the client keeps subscribed, and at which mode; OpenAlgo unsubscribes by the same mode. */
record Subscription(Instrument instrument, FeedMode mode) {
}
