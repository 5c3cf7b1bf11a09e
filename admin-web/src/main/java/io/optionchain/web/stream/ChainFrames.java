package io.optionchain.web.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the chain stream sends between whole chains: {@link #diff} keeps only the rows that changed since the
 * last event, {@link #sameAtm} says when no diff can do because the window moved.
 */
final class ChainFrames {
    private ChainFrames() {
    }

    /**
     * The chain without the rows equal to {@code before}'s; null when nothing at all changed.
     * Header fields and metrics are always carried: they are small and a client wants them together.
     */
    static Map<String, Object> diff(Map<String, Object> before, Map<String, Object> after) {
        Map<Object, Object> previous = new HashMap<>();
        for (Map<String, Object> row : options(before)) {
            previous.put(row.get("strike"), row);
        }
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map<String, Object> row : options(after)) {
            if (!row.equals(previous.get(row.get("strike")))) {
                changed.add(row);
            }
        }
        Map<String, Object> update = new LinkedHashMap<>(after);
        update.put("options", changed);
        if (changed.isEmpty() && sameHeader(before, after)) {
            return null;
        }
        return update;
    }

    static boolean sameAtm(Map<String, Object> before, Map<String, Object> after) {
        return before != null && before.get("atm_strike").equals(after.get("atm_strike"))
                && options(before).size() == options(after).size();
    }

    private static boolean sameHeader(Map<String, Object> before, Map<String, Object> after) {
        for (String key : List.of("underlying_ltp", "underlying_bid", "underlying_ask", "market_metrics", "timestamp")) {
            Object a = before.get(key);
            Object b = after.get(key);
            if (a == null ? b != null : !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> options(Map<String, Object> chain) {
        return (List<Map<String, Object>>) chain.get("options");
    }
}
