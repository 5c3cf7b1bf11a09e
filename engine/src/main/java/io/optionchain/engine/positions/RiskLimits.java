package io.optionchain.engine.positions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole set of MTM limits, replaced as one ({@code PUT /api/risk/limits}): one for every position the engine
 * watches ({@code account}), and one per strategy. A scope without a limit is not limited.
 *
 * @param account    limits on the MTM of every position; null for none
 * @param strategies limits per strategy name, in the order given
 */
public record RiskLimits(MtmLimit account, Map<String, MtmLimit> strategies) {

    public RiskLimits {
        strategies = strategies == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(strategies));
        for (Map.Entry<String, MtmLimit> entry : strategies.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank() || entry.getValue() == null) {
                throw new IllegalArgumentException("each strategy limit needs a strategy name and a limit");
            }
        }
    }

    public static RiskLimits none() {
        return new RiskLimits(null, Map.of());
    }

    public boolean isEmpty() {
        return account == null && strategies.isEmpty();
    }
}
