package io.optionchain.engine.hours;

import java.util.Locale;

/** OpenAlgo's {@code holiday_type} values, lower-cased on our wire. */
public enum HolidayType {
    /** The exchange does not trade. */
    TRADING_HOLIDAY,
    /** Trading runs its normal sessions; only settlement is closed. */
    SETTLEMENT_HOLIDAY,
    /** A session outside the normal calendar (muhurat trading); its window comes with it. */
    SPECIAL_SESSION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code trading_holiday} or OpenAlgo's {@code TRADING_HOLIDAY}; null for anything else. */
    public static HolidayType fromWire(String text) {
        if (text == null) {
            return null;
        }
        for (HolidayType type : values()) {
            if (type.name().equalsIgnoreCase(text.strip())) {
                return type;
            }
        }
        return null;
    }
}
