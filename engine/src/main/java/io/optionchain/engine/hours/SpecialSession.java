package io.optionchain.engine.hours;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A session on a date outside the weekly pattern (muhurat trading, a Saturday or budget-day session). Its
 * window replaces whatever the weekday, weekend or holiday would have been on that date.
 */
public record SpecialSession(LocalDate date, String description, SessionWindow normal) {

    public SpecialSession {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(normal, "normal");
        description = description == null ? "" : description;
    }
}
