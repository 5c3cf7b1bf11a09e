package io.optionchain.engine.hours;

import java.util.Locale;

/** Where a holiday came from: the template's file, OpenAlgo's calendar, or an edit through the admin API. */
public enum HolidaySource {
    TEMPLATE, OPENALGO, API;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
