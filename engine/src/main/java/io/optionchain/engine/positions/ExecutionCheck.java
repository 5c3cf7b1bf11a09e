package io.optionchain.engine.positions;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * "Can this stop execute now?" for one open position: six parts, each judged over all its legs with its reason, and
 * the badge they add up to (the worst part's). Judged off the ring by the desk's checker about once a second, so a
 * reader sees it as of {@link #checkedAt}, never older than a few seconds while the desk runs.
 *
 * <p>Which failures are amber (the stop still executes, but not as simply as it looks) and which red (it may not
 * execute at all now) is decided per part, in {@link Part}'s parts: a thin book, a leg sent in slices and an exit
 * clamped into the price band with some of the book still inside it are amber; a quote older than
 * {@code max_quote_age}, an empty exit side, a book wholly beyond the band, a stale feed and an account that cannot
 * take orders are red.
 *
 * @param badge     the worst of the parts' badges
 * @param parts     one per {@link Rule}, in that order
 * @param checkedAt when it was judged
 */
public record ExecutionCheck(Badge badge, List<Part> parts, ZonedDateTime checkedAt) {

    public ExecutionCheck {
        parts = List.copyOf(parts);
    }

    /** The check of {@code parts} at {@code checkedAt}, its badge their worst. */
    public static ExecutionCheck of(List<Part> parts, ZonedDateTime checkedAt) {
        Badge worst = Badge.GREEN;
        for (Part part : parts) {
            worst = part.badge().ordinal() > worst.ordinal() ? part.badge() : worst;
        }
        return new ExecutionCheck(worst, parts, checkedAt);
    }

    /** The reasons of every part that is not green, joined: what an alert or a hover says. */
    public String problems() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part.badge() != Badge.GREEN) {
                text.append(text.isEmpty() ? "" : "; ").append(part.rule().wire()).append(": ").append(part.reason());
            }
        }
        return text.toString();
    }

    /** Green: it would execute now as priced; amber: it would, not simply; red: it may not execute now. */
    public enum Badge {
        GREEN, AMBER, RED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The six things a stop's exit needs, in the order they are shown. */
    public enum Rule {
        /** Each leg's quote is no older than {@code max_quote_age}: red when one is, or has none. */
        QUOTE,
        /** The five visible levels of each leg's exit side fill its whole quantity: amber when not, red when empty. */
        DEPTH,
        /**
         * Each leg's exit, priced as the exit pricer would, is inside the exchange's limit price protection band:
         * amber when it would be clamped to the band's edge and part of the book is inside it, red when none is.
         */
        BAND,
        /** Each leg's quantity is within its freeze quantity: amber when it goes out in slices. */
        FREEZE,
        /** Market data is live: red while the feed is stale (the REST fallback then polls the legs). */
        FEED,
        /** The account holding the position takes orders: red while it cannot. */
        ACCOUNT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One part's verdict over the position's legs, and why. */
    public record Part(Rule rule, Badge badge, String reason) {
    }
}
