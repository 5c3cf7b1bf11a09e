package io.optionchain.web.json;

import io.optionchain.engine.chain.ChainRow;
import io.optionchain.engine.chain.ChainSnapshot;
import io.optionchain.engine.chain.LegQuote;
import io.optionchain.engine.depth.ExecutionThresholds;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A chain as the page's stream carries it: the REST shape ({@link ChainJson}) with, per leg, the spread as a
 * share of LTP and its band, and the book's liquidity score and mark, judged by the configured thresholds so
 * the page and the entry analysis agree.
 */
public final class LiveChainJson {
    private final ExecutionThresholds thresholds;

    public LiveChainJson(ExecutionThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The whole chain, its liquidity judged in lots of its contract's size, and the time it is sent. */
    public Map<String, Object> of(ChainSnapshot snapshot, List<String> expiries, Instant sentAt) {
        Map<String, Object> json = ChainJson.of(snapshot, expiries);
        int lotSize = snapshot.contract().lotSize();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) json.get("options");
        for (int i = 0; i < options.size(); i++) {
            ChainRow row = snapshot.rows().get(i);
            decorate(leg(options.get(i), "ce_data"), row.ce(), lotSize);
            decorate(leg(options.get(i), "pe_data"), row.pe(), lotSize);
        }
        json.put("sent_at", WireFormat.sentAt(sentAt));
        return json;
    }

    private void decorate(Map<String, Object> json, LegQuote leg, int lotSize) {
        Double spreadPercent = ExecutionThresholds.spreadPercent(leg.bid(), leg.ask(), leg.ltp());
                json.put("spread_pct", spreadPercent == null ? null : WireFormat.round(spreadPercent, 2));
        json.put("spread_band", WireFormat.band(thresholds.band(spreadPercent)));
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
}
