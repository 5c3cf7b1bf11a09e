package io.optionchain.web.json;

import io.optionchain.engine.market.ContractSpecs;
import io.optionchain.engine.market.Underlying;
import io.optionchain.web.config.DashboardSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the live page needs to know before its first stream, as {@code GET /api/dashboard/settings} shows it:
 * underlyings with their lot sizes and strike steps, the update rate and the thresholds it colours by.
 */
public final class DashboardJson {
    private DashboardJson() {
    }

    /** Lot sizes as today's nearest chain trades (the server's), or the configured fallback before it opens. */
    public static Map<String, Object> settings(List<Underlying> underlyings, ContractSpecs contracts,
                                               DashboardSettings settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("underlyings", underlyings.stream().map(u -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", u.name());
            item.put("lot_size", contracts.of(u).lotSize());
            item.put("strike_step", u.strikeStep());
            return item;
        }).toList());
        json.put("updates_per_second", settings.updatesPerSecond());
        json.put("spread_tight_percent", settings.spreadTightPercent());
        json.put("spread_wide_percent", settings.spreadWidePercent());
        json.put("liquidity_high_score", settings.liquidityHighScore());
        json.put("liquidity_low_score", settings.liquidityLowScore());
        json.put("flash_change_percent", settings.flashChangePercent());
        return json;
    }
}
