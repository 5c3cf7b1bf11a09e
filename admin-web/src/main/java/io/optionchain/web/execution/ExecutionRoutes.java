package io.optionchain.web.execution;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.depth.EntryAnalysis;
import io.optionchain.engine.depth.ExecutionEstimate;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.depth.SpreadBand;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.ChainSelector;
import io.optionchain.web.api.Routes;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the visible book says about trading a symbol now, read from chain state:
 * {@code GET /api/option-chain/depth/{symbol}} (the five-level book, spread and liquidity),
 * {@code GET /api/execution-estimate?symbol=&action=BUY|SELL&quantity=} (expected price and slippage) and
 * {@code GET /api/entry-analysis?symbol=&action=&quantity=} (the seed's enter / wait advice).
 */
public final class ExecutionRoutes implements Routes {
    /** Far beyond any exchange's freeze quantity; stops an absurd number before it is multiplied. */
    private static final long MAX_QUANTITY = 10_000_000;

    private final ChainBook book;
    private final ChainStore store;
    private final Map<String, Underlying> underlyings;
    private final ExecutionThresholds thresholds;

    public ExecutionRoutes(ChainBook book, ChainStore store, List<Underlying> underlyings, ExecutionThresholds thresholds) {
        this.book = book;
        this.store = store;
        this.underlyings = underlyings.stream().collect(Collectors.toMap(Underlying::name, Function.identity()));
        this.thresholds = thresholds;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/api/option-chain/depth/{symbol}", this::depth);
        config.routes.get("/api/execution-estimate", this::estimate);
        config.routes.get("/api/entry-analysis", this::entryAnalysis);
    }

    private void depth(Context ctx) {
        Instrument instrument = instrument(ctx.pathParam("symbol"));
        DepthBook depth = book(instrument);
        int lotSize = lotSize(instrument);
        Double spreadPercent = ExecutionThresholds.spreadPercent(depth.bid(), depth.ask(), depth.ltp());
        SpreadBand band = thresholds.band(spreadPercent);
        int score = depth.liquidityScore(lotSize, thresholds.fullScoreLots());
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
        json.put("spread_band", band == null ? null : band.name().toLowerCase(Locale.ROOT));
        json.put("liquidity_score", score);
        json.put("updated_time", time(depth.updatedMillis()));
        json.put("bids", levels(depth.bids()));
        json.put("asks", levels(depth.asks()));
        ctx.json(json);
    }

    private void estimate(Context ctx) {
        Order order = order(ctx);
        ExecutionEstimate estimate = order.depth.estimate(order.instrument.symbol(), order.action, order.quantity,
                order.lotSize);
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
        json.put("book_time", time(order.depth.updatedMillis()));
        ctx.json(json);
    }

    private void entryAnalysis(Context ctx) {
        Order order = order(ctx);
        EntryAnalysis analysis = EntryAnalysis.of(order.instrument.symbol(), order.action, order.quantity,
                order.lotSize, order.depth, thresholds);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", analysis.symbol());
        json.put("action", analysis.action().name());
        json.put("quantity", analysis.quantity());
        json.put("bid", price(analysis.bid()));
        json.put("ask", price(analysis.ask()));
        json.put("ltp", price(analysis.ltp()));
        json.put("spread", price(analysis.spread()));
        json.put("spread_percent", analysis.spreadPercent() == null ? null : round(analysis.spreadPercent(), 4));
        json.put("spread_band", analysis.spreadBand() == null ? null
                : analysis.spreadBand().name().toLowerCase(Locale.ROOT));
        json.put("liquidity_score", analysis.liquidityScore());
        json.put("fully_fillable", analysis.fullyFillable());
        json.put("recommendation", analysis.recommendation().name());
        json.put("suggested_price", price(analysis.suggestedPrice()));
        json.put("reason", analysis.reason());
        json.put("thresholds", Map.of("tight_spread_percent", thresholds.tightSpreadPercent(),
                "wide_spread_percent", thresholds.wideSpreadPercent(),
                "enter_liquidity_score", thresholds.highLiquidityScore()));
        ctx.json(json);
    }

    private Order order(Context ctx) {
        String symbolText = ctx.queryParam("symbol");
        if (symbolText == null) {
            throw ApiError.badRequest("symbol is required, e.g. symbol=NIFTY25NOV2524500CE");
        }
        Instrument instrument = instrument(symbolText);
        String actionText = ctx.queryParam("action");
        OrderAction action;
        try {
            action = OrderAction.valueOf(actionText == null ? "" : actionText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("action must be BUY or SELL, got '" + (actionText == null ? "" : shorten(actionText))
                    + "'");
        }
        int lotSize = lotSize(instrument);
        String quantityText = ctx.queryParam("quantity");
        long quantity;
        try {
            quantity = Long.parseLong(quantityText == null ? "" : quantityText);
        } catch (NumberFormatException e) {
            quantity = -1;
        }
        if (quantity < 1 || quantity > MAX_QUANTITY || quantity % lotSize != 0) {
            throw ApiError.badRequest("quantity must be a whole number of lots of " + lotSize + " (1.." + MAX_QUANTITY
                    + " units), got '" + (quantityText == null ? "" : shorten(quantityText)) + "'");
        }
        return new Order(instrument, action, quantity, lotSize, book(instrument));
    }

    private Instrument instrument(String text) {
        String symbol = ChainSelector.symbol(text);
        Instrument instrument = book.instrument(symbol);
        if (instrument == null) {
            throw ApiError.notFound("unknown symbol '" + symbol + "'; only subscribed instruments have a book");
        }
        return instrument;
    }

    private DepthBook book(Instrument instrument) {
        QuoteRecord record = ChainStore.newRecord();
        if (!store.read(instrument.id(), record)) {
            throw ApiError.unavailable(instrument.symbol() + " has no quote yet");
        }
        return DepthBook.of(record);
    }

    private int lotSize(Instrument instrument) {
        Underlying underlying = underlyings.get(instrument.underlying());
        if (underlying == null) {
            throw ApiError.notFound("no lot size is configured for " + instrument.underlying());
        }
        return underlying.lotSize();
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

    private static String time(long epochMillis) {
        return epochMillis == 0 ? null : Instant.ofEpochMilli(epochMillis).atZone(ExpiryDates.EXCHANGE_ZONE)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Double price(Double value) {
        return value == null ? null : round(value, 2);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

    private record Order(Instrument instrument, OrderAction action, long quantity, int lotSize, DepthBook depth) {
    }
}
