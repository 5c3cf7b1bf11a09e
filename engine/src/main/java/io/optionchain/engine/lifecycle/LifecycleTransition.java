package io.optionchain.engine.lifecycle;

import io.optionchain.engine.hours.MarketSession;

import java.time.Instant;

/** One change of the lifecycle's state or the market's session, as logged and shown in status. */
public record LifecycleTransition(Instant at, LifecycleState state, MarketSession session, String cause) {
}
