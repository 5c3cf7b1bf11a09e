package io.optionchain.engine.entries;

import io.optionchain.engine.market.OptionType;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strike named by its moneyness, as OpenAlgo's {@code optionsymbol} takes it: ATM, ITMn or OTMn, read from the
 * leg's own side. A call's ITM1 is one strike below ATM, a put's ITM1 one above; the chain table's row tags are the
 * call's ({@link io.optionchain.engine.market.StrikeLadder#legTag} is the inverse of {@link #offset}).
 */
public final class StrikeTag {
    private static final Pattern TAG = Pattern.compile("(ATM)|(ITM|OTM)([1-9][0-9]{0,2})");

    private StrikeTag() {
    }

    /**
     * Grid steps from ATM of the strike {@code tag} names for an option of {@code type}, negative below.
     *
     * @throws IllegalArgumentException when the tag is not ATM, ITMn or OTMn (n from 1)
     */
    public static int offset(String tag, OptionType type) {
        Matcher matcher = TAG.matcher(tag == null ? "" : tag.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be ATM, ITMn or OTMn (n from 1), got '" + tag + "'");
        }
        if (matcher.group(1) != null) {
            return 0;
        }
        int steps = Integer.parseInt(matcher.group(3));
        boolean aboveAtm = matcher.group(2).equals("OTM") == (type == OptionType.CE);
        return aboveAtm ? steps : -steps;
    }
}
