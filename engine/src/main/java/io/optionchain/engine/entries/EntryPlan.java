package io.optionchain.engine.entries;

import java.util.List;

/**
 * What an entry would send, leg by leg, priced from the books at one moment; nothing of it has been sent.
 *
 * @param orderGroup the id that ties the legs' orders together
 */
public record EntryPlan(String orderGroup, String strategy, String product, List<PlannedLeg> legs) {
    public EntryPlan {
        legs = List.copyOf(legs);
    }
}
