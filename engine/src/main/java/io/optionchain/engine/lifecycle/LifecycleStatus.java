package io.optionchain.engine.lifecycle;

import io.optionchain.engine.hours.MarketSession;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The lifecycle for status and metrics.
 *
 * @param template    the active trading-hours template
 * @param zone        its time zone, in which status shows every time
 * @param session     the market's session now
 * @param nextOpen    the next normal or special session's start; null when none is known
 * @param state       the lifecycle's state
 * @param cause       why it is in that state (a refusal's words, "holiday: Christmas", ...)
 * @param since       when it entered that state
 * @param transitions the latest changes, oldest first
 */
public record LifecycleStatus(String template, ZoneId zone, MarketSession session, ZonedDateTime nextOpen, LifecycleState state,
                              String cause, Instant since, List<LifecycleTransition> transitions) {

    public LifecycleStatus {
        transitions = List.copyOf(transitions);
    }

    public boolean marketOpen() {
        return session.marketOpen();
    }
}
