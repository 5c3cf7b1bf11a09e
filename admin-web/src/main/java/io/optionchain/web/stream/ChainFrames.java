package io.optionchain.web.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.chain.ChainRow;
import io.optionchain.engine.chain.ChainSnapshot;
import io.optionchain.engine.chain.LegQuote;
import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.depth.SpreadBand;
import io.optionchain.web.api.ChainJson;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chain as the page's stream carries it: the REST shape ({@link ChainJson}) with, per leg, the spread as a
 * share of LTP and its band, and the book's liquidity score and mark, judged by the configured thresholds so
 * the page and the entry analysis agree. {@link #diff} keeps only the rows that changed since the last event.
 */
final class ChainFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutionThresholds thresholds;

    ChainFrames(ExecutionThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The whole chain, for a client's first event and whenever ATM (and so every row) moved. */
    Map<String, Object> full(ChainSnapshot snapshot, List<String> expiries, int lotSize, Instant sentAt) {
        Map<String, Object> json = ChainJson.of(snapshot, expiries);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) json.get("options");
        for (int i = 0; i < options.size(); i++) {
            ChainRow row = snapshot.rows().get(i);
            decorate(leg(options.get(i), "ce_data"), row.ce(), lotSize);
            decorate(leg(options.get(i), "pe_data"), row.pe(), lotSize);
        }
        json.put("lot_size", lotSize);
        json.put("sent_at", DateTimeFormatter.ISO_INSTANT.format(sentAt));
        return json;
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

    static String text(Map<String, Object> json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chain of numbers and strings always serialises", e);
        }
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

    private void decorate(Map<String, Object> json, LegQuote leg, int lotSize) {
        Double spreadPercent = ExecutionThresholds.spreadPercent(leg.bid(), leg.ask(), leg.ltp());
        SpreadBand band = thresholds.band(spreadPercent);
        json.put("spread_pct", spreadPercent == null ? null : Math.round(spreadPercent * 100) / 100.0);
        json.put("spread_band", band == null ? null : band.name().toLowerCase(Locale.ROOT));
        if (leg.bids().isEmpty() && leg.asks().isEmpty()) {
            json.put("liquidity_score", null);
            json.put("liquidity", null);
            return;
        }
        int score = leg.depthBook().liquidityScore(lotSize, thresholds.fullScoreLots());
        json.put("liquidity_score", score);
        json.put("liquidity", score > thresholds.highLiquidityScore() ? "high"
                : score < thresholds.lowLiquidityScore() ? "low" : "normal");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leg(Map<String, Object> row, String side) {
        return (Map<String, Object>) row.get(side);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> options(Map<String, Object> chain) {
        return (List<Map<String, Object>>) chain.get("options");
    }
}
