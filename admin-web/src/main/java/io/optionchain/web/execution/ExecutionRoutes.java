package io.optionchain.web.execution;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.depth.DepthBook;
import io.optionchain.engine.depth.EntryAnalysis;
import io.optionchain.engine.depth.ExecutionThresholds;
import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.instrument.Instrument;
import io.optionchain.engine.market.ContractSpec;
import io.optionchain.engine.market.Underlying;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.state.QuoteRecord;
import io.optionchain.web.api.ApiError;
import io.optionchain.web.api.ChainSelector;
import io.optionchain.web.api.Routes;
import io.optionchain.web.json.ExecutionJson;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the visible book says about trading a symbol now, read from chain state:
 * {@code GET /api/option-chain/depth/{symbol}} (the five-level book, spread and liquidity),
 * {@code GET /api/execution-estimate?symbol=&action=BUY|SELL&quantity=} (expected price and slippage) and
 * {@code GET /api/entry-analysis?symbol=&action=&quantity=} (the seed's enter / wait advice). Quantities are
 * whole lots of the option's contract data as its chain opened (the server's), suggested prices whole ticks of it.
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
        ctx.json(ExecutionJson.depth(instrument, book(instrument), contract(instrument).lotSize(), thresholds));
    }

    private void estimate(Context ctx) {
        Order order = order(ctx);
        ctx.json(ExecutionJson.estimate(order.depth.estimate(order.instrument.symbol(), order.action, order.quantity,
                order.lotSize), order.depth.updatedMillis()));
    }

    private void entryAnalysis(Context ctx) {
        Order order = order(ctx);
        ctx.json(ExecutionJson.entryAnalysis(EntryAnalysis.of(order.instrument.symbol(), order.action, order.quantity,
                order.lotSize, order.depth, thresholds, contract(order.instrument).tickSize()), thresholds));
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
        int lotSize = contract(instrument).lotSize();
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

    /** Lot and tick of the instrument's chain as it opened (the server's), else the underlying's configured ones. */
    private ContractSpec contract(Instrument instrument) {
        Underlying underlying = underlyings.get(instrument.underlying());
        if (underlying == null) {
            throw ApiError.notFound("no lot size is configured for " + instrument.underlying());
        }
        return instrument.isOption() ? book.contracts().of(underlying, instrument.expiry())
                : book.contracts().of(underlying);
    }

    private static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

    private record Order(Instrument instrument, OrderAction action, long quantity, int lotSize, DepthBook depth) {
    }
}
