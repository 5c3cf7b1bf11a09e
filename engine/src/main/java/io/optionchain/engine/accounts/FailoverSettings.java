package io.optionchain.engine.accounts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The decision matrix's knobs (the {@code feed} section of {@code application.yaml}).
 *
 * @param level1Attempts    connection losses of the active account within {@code level1Window} after which a
 *                          switch to another account follows the reconnects (Level 2)
 * @param rateLimitCooldown how long a rate-limited account waits before it may take market data back
 * @param suspendedMessages words of a broker's refusal meaning the account is suspended (matched ignoring case)
 */
public record FailoverSettings(int level1Attempts, Duration level1Window, Duration rateLimitCooldown,
                               List<String> suspendedMessages) {
    public static final List<String> SUSPENDED_MESSAGES = List.of("suspended", "blocked", "deactivated", "disabled");

    public FailoverSettings {
        if (level1Attempts < 1) {
            throw new IllegalArgumentException("level1Attempts must be at least 1, got " + level1Attempts);
        }
        Objects.requireNonNull(level1Window, "level1Window");
        Objects.requireNonNull(rateLimitCooldown, "rateLimitCooldown");
        if (level1Window.isNegative() || level1Window.isZero()) {
            throw new IllegalArgumentException("level1Window must be positive, got " + level1Window);
        }
        if (rateLimitCooldown.isNegative()) {
            throw new IllegalArgumentException("rateLimitCooldown must not be negative, got " + rateLimitCooldown);
        }
        suspendedMessages = suspendedMessages.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
    }

    public static FailoverSettings defaults() {
        return new FailoverSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(15), SUSPENDED_MESSAGES);
    }

    /** Whether a broker's words say the account is suspended. */
    public boolean suspends(String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return suspendedMessages.stream().anyMatch(lower::contains);
    }
}
