package io.optionchain.engine.entries;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.market.OptionType;

/**
 * One leg of an entry as asked for: either a {@code symbol}, or an {@code underlying}'s option named by
 * {@code expiry} ("current", "next" or a monitored date like 29-DEC-26), {@code tag} (ATM, ITMn, OTMn) and
 * {@code type}; then the action and whole lots.
 */
public record EntryLeg(String symbol, String underlying, String expiry, String tag, OptionType type,
                       OrderAction action, int lots) {

    public static EntryLeg bySymbol(String symbol, OrderAction action, int lots) {
        return new EntryLeg(symbol, null, null, null, null, action, lots);
    }

    public static EntryLeg byTag(String underlying, String expiry, String tag, OptionType type, OrderAction action,
                                 int lots) {
        return new EntryLeg(null, underlying, expiry, tag, type, action, lots);
    }
}
