package io.optionchain.engine.hours;

import java.time.LocalDate;
import java.util.Objects;

/** A date the exchange's calendar marks, with why and who said so. */
public record Holiday(LocalDate date, String description, HolidayType type, HolidaySource source) {

    public Holiday {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
    }

    public Holiday withSource(HolidaySource newSource) {
        return new Holiday(date, description, type, newSource);
    }

    /** True when no session of the template's weekday runs on this date. */
    public boolean closesTrading() {
        return type == HolidayType.TRADING_HOLIDAY;
    }
}
