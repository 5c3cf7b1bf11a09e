package io.optionchain.web.json;

import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.depth.EntryAnalysis;
import io.optionchain.engine.depth.ExecutionEstimate;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.ExpiryDates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.optionchain.web.json.WireFormat.price;
import static io.optionchain.web.json.WireFormat.round;
import static io.optionchain.web.json.WireFormat.time;

/**
 * What the visible book says about trading a symbol, as the depth, execution-estimate and entry-analysis
 * routes show it: prices two decimals, slippage and impact four (their interesting digits are small).
 */
public final class ExecutionJson {
    private ExecutionJson() {
    }

    /** The five-level book with its spread and liquidity, judged by {@code thresholds}. */
    public static Map<String, Object> depth(Instrument instrument, DepthBook depth, int lotSize,
                                            ExecutionThresholds thresholds) {
        Double spreadPercent = ExecutionThresholds.spreadPercent(depth.bid(), depth.ask(), depth.ltp());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", instrument.symbol());
        json.put("exchange", instrument.exchange());
        json.put("underlying", instrument.underlying());
        json.put("expiry", instrument.expiry() == null ? null : ExpiryDates.format(instrument.expiry()));
        json.put("strike", instrument.isOption() ? instrument.strike() : null);
        json.put("option_type", instrument.isOption() ? instrument.optionType().name() : null);
        json.put("lot_size", lotSize);
        json.put("ltp", depth.ltp());
        json.put("bid", depth.bid());
        json.put("ask", depth.ask());
        json.put("spread", depth.bid() != null && depth.ask() != null ? round(depth.ask() - depth.bid(), 2) : null);
        json.put("spread_pct", spreadPercent == null ? null : round(spreadPercent, 2));
        json.put("spread_band", WireFormat.band(thresholds.band(spreadPercent)));
        json.put("liquidity_score", depth.liquidityScore(lotSize, thresholds.fullScoreLots()));
        json.put("updated_time", time(depth.updatedMillis()));
        json.put("bids", levels(depth.bids()));
        json.put("asks", levels(depth.asks()));
        return json;
    }

    /** @param bookMillis when the book the estimate walked was last updated */
    public static Map<String, Object> estimate(ExecutionEstimate estimate, long bookMillis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", estimate.symbol());
        json.put("action", estimate.action().name());
        json.put("quantity", estimate.quantity());
        json.put("lot_size", estimate.lotSize());
        json.put("lots", estimate.lots());
        json.put("best_price", price(estimate.bestPrice()));
        json.put("expected_price", estimate.averagePrice() == null ? null : round(estimate.averagePrice(), 4));
        json.put("worst_price", price(estimate.worstPrice()));
        json.put("slippage_per_unit", round(estimate.slippagePerUnit(), 4));
        json.put("slippage_total", round(estimate.slippageTotal(), 2));
        json.put("impact_cost_pct", round(estimate.impactPercent(), 4));
        json.put("filled_quantity", estimate.filledQuantity());
        json.put("fully_fillable", estimate.fullyFillable());
        json.put("levels_used", estimate.levelsUsed());
        json.put("book_time", time(bookMillis));
        return json;
    }

    /** The enter / wait advice with the thresholds it was judged by, so a client sees why. */
    public static Map<String, Object> entryAnalysis(EntryAnalysis analysis, ExecutionThresholds thresholds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", analysis.symbol());
        json.put("action", analysis.action().name());
        json.put("quantity", analysis.quantity());
        json.put("bid", price(analysis.bid()));
        json.put("ask", price(analysis.ask()));
        json.put("ltp", price(analysis.ltp()));
        json.put("spread", price(analysis.spread()));
        json.put("spread_percent", analysis.spreadPercent() == null ? null : round(analysis.spreadPercent(), 4));
        json.put("spread_band", WireFormat.band(analysis.spreadBand()));
        json.put("liquidity_score", analysis.liquidityScore());
        json.put("fully_fillable", analysis.fullyFillable());
        json.put("recommendation", analysis.recommendation().name());
        json.put("suggested_price", price(analysis.suggestedPrice()));
        json.put("reason", analysis.reason());
        json.put("thresholds", Map.of("tight_spread_percent", thresholds.tightSpreadPercent(),
                "wide_spread_percent", thresholds.wideSpreadPercent(),
                "enter_liquidity_score", thresholds.highLiquidityScore()));
        return json;
    }

    private static List<Map<String, Object>> levels(List<DepthBook.Level> levels) {
        return levels.stream().map(level -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("price", round(level.price(), 2));
            json.put("quantity", level.quantity());
            json.put("orders", level.orders());
            return json;
        }).toList();
    }
}
