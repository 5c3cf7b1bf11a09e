package io.optionchain.engine.positions;

import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole set of MTM limits, replaced as one ({@code PUT /api/risk/limits}): one for every position the engine
 * watches ({@code account}), one per account holding positions at its broker, and one per strategy. A scope without
 * a limit is not limited; a position is judged in every scope that holds it.
 *
 * @param account    limits on the MTM of every position; null for none
 * @param strategies limits per strategy name, in the order given
 * @param accounts   limits per holding account's name (the positions whose orders go through it), in the order given
 * @param squareOffs per strategy, a time of day (Asia/Kolkata) at which every open position of it squares off, as a
 *                   position's own {@code square_off_at} does (the earlier of the two wins)
 */
public record RiskLimits(MtmLimit account, Map<String, MtmLimit> strategies, Map<String, MtmLimit> accounts,
                         Map<String, LocalTime> squareOffs) {

    public RiskLimits {
        strategies = named(strategies, "strategy");
        accounts = named(accounts, "account");
        squareOffs = named(squareOffs, "strategy square-off");
    }

    public RiskLimits(MtmLimit account, Map<String, MtmLimit> strategies, Map<String, MtmLimit> accounts) {
        this(account, strategies, accounts, Map.of());
    }

    public RiskLimits(MtmLimit account, Map<String, MtmLimit> strategies) {
        this(account, strategies, Map.of());
    }

    public static RiskLimits none() {
        return new RiskLimits(null, Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return account == null && strategies.isEmpty() && accounts.isEmpty() && squareOffs.isEmpty();
    }

    private static <T> Map<String, T> named(Map<String, T> limits, String what) {
        if (limits == null) {
            return Map.of();
        }
        for (Map.Entry<String, T> entry : limits.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank() || entry.getValue() == null) {
                throw new IllegalArgumentException("each " + what + " limit needs a name and a limit");
            }
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }
}
