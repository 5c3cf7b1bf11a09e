package io.optionchain.web.json;

import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.series.SeriesPoint;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.optionchain.web.json.WireFormat.price;
import static io.optionchain.web.json.WireFormat.ratio;
import static io.optionchain.web.json.WireFormat.strike;

/**
 * A chain's day series as {@code GET /api/option-chain/{underlying}/history} shows it. Each number is written as
 * the chain's JSON writes the same number ({@link ChainJson}: prices to the paisa, ratios to four decimals, ATM IV
 * in percent unrounded), so a point reads exactly as the chain read at its time.
 */
public final class SeriesJson {
    private SeriesJson() {
    }

    public static Map<String, Object> of(String underlying, LocalDate expiry, List<SeriesPoint> points) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("underlying", underlying);
        json.put("expiry", ExpiryDates.format(expiry));
        List<Map<String, Object>> rows = new ArrayList<>(points.size());
        for (SeriesPoint point : points) {
            rows.add(point(point));
        }
        json.put("points", rows);
        return json;
    }

    private static Map<String, Object> point(SeriesPoint point) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", WireFormat.exchangeTime(point.time().toEpochMilli()));
        json.put("index", price(point.index()));
        json.put("atm", strike(point.atm()));
        json.put("atm_iv", point.atmIv() == null ? null : point.atmIv() * 100);
        json.put("straddle", price(point.straddle()));
        json.put("synthetic_future", price(point.syntheticFuture()));
        json.put("pcr", ratio(point.pcr()));
        json.put("pcr_volume", ratio(point.pcrVolume()));
        json.put("max_pain", point.maxPain() == null ? null : strike(point.maxPain()));
        json.put("total_oi_change", point.totalOiChange());
        return json;
    }
}
