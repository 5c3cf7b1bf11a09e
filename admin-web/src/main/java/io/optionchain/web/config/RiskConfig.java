package io.optionchain.web.config;

import io.optionchain.engine.positions.ExitRules;
import io.optionchain.engine.positions.RiskSettings;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Premium stop-losses and exits, as {@code application.yaml}'s {@code risk:} section writes them; limits are
 * those of {@link RiskSettings}.
 *
 * @param exitBuffer             rupees beyond the touch an exit limit is priced at (sell at bid − buffer)
 * @param spreadTolerance        widest spread (rupees) priced from the touch; wider is priced from depth so the
 *                               whole quantity fills
 * @param maxQuoteAgeMs          an older quote never triggers
 * @param nearStopPercent        alert when the mark comes within this percentage of the stop
 * @param repriceWaitMs          an unfilled exit is re-priced after this long
 * @param maxReprices            re-prices before the desk stops chasing and alerts
 * @param statusPollIntervalMs   how often a working exit's status is asked for
 * @param ambiguousSettleMs      wait after a send with no answer before looking the order up
 * @param trailJournalIntervalMs how often moved trailing-stop marks are journalled
 * @param maxPositions           positions open at once
 * @param retainEndedMs          how long an ended position stays listed before it leaves memory
 * @param misSquareOffAt         the time of day (HH:MM or HH:MM:SS, Asia/Kolkata) an MIS position without a
 *                               {@code square_off_at} of its own squares off; {@code off} or absent for none
 */
public record RiskConfig(double exitBuffer, double spreadTolerance, long maxQuoteAgeMs,
                         double nearStopPercent, long repriceWaitMs, int maxReprices, long statusPollIntervalMs,
                         long ambiguousSettleMs, long trailJournalIntervalMs, int maxPositions,
                         long retainEndedMs, String misSquareOffAt) {
    private static final Set<String> DURATIONS = Set.of("max_quote_age", "reprice_wait", "status_poll_interval",
            "ambiguous_settle", "trail_journal_interval", "retain_ended");

    public RiskConfig {
        try {
            settings(exitBuffer, spreadTolerance, maxQuoteAgeMs, nearStopPercent, repriceWaitMs, maxReprices,
                    statusPollIntervalMs, ambiguousSettleMs, trailJournalIntervalMs, maxPositions, retainEndedMs);
        } catch (IllegalArgumentException e) {
            String[] words = e.getMessage().split(" ", 2);
            String field = DURATIONS.contains(words[0]) ? words[0] + "_ms" : words[0];
            throw new IllegalArgumentException(field + DurationText.inMillis(words.length > 1 ? " " + words[1] : ""), e);
        }
        misSquareOff(misSquareOffAt);
    }

    /** The default square-off of MIS positions; null for none. */
    public LocalTime misSquareOff() {
        return misSquareOff(misSquareOffAt);
    }

    /** The same settings with another MIS square-off ({@code off} or null for none). */
    public RiskConfig withMisSquareOffAt(String time) {
        return new RiskConfig(exitBuffer, spreadTolerance, maxQuoteAgeMs, nearStopPercent, repriceWaitMs, maxReprices,
                statusPollIntervalMs, ambiguousSettleMs, trailJournalIntervalMs, maxPositions, retainEndedMs, time);
    }

    private static LocalTime misSquareOff(String text) {
        if (text == null || text.strip().equalsIgnoreCase("off")) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip(), ExitRules.SQUARE_OFF_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("mis_square_off_at must be a time of day as HH:MM or HH:MM:SS "
                    + "(24-hour, Asia/Kolkata), or off; got " + text);
        }
    }

    public RiskSettings riskSettings() {
        return settings(exitBuffer, spreadTolerance, maxQuoteAgeMs, nearStopPercent, repriceWaitMs,
                maxReprices, statusPollIntervalMs, ambiguousSettleMs, trailJournalIntervalMs, maxPositions, retainEndedMs);
    }

    /** The price step is each option's own, from its chain's contract data; the engine's default is for the rest. */
    private static RiskSettings settings(double buffer, double tolerance, long quoteAge, double nearStop,
                                         long repriceWait, int reprices, long poll, long settle, long trail,
                                         int positions, long retainEnded) {
        return new RiskSettings(buffer, tolerance, RiskSettings.defaults().tickSize(), Duration.ofMillis(quoteAge),
                nearStop, Duration.ofMillis(repriceWait), reprices, Duration.ofMillis(poll), Duration.ofMillis(settle),
                Duration.ofMillis(trail), positions, Duration.ofMillis(retainEnded));
    }
}
