package io.optionchain.simulator.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.optionchain.simulator.faults.OrderFaults;
import io.optionchain.simulator.market.MarketModel;
import io.optionchain.simulator.market.SimulatedSymbol;
import io.optionchain.simulator.rest.RestError;
import io.optionchain.simulator.rest.RestWire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAlgo's order endpoints ({@code restx_api/place_order.py}, {@code modify_order.py},
 * {@code cancel_order.py}, {@code orderstatus.py}, {@code orderbook.py}, {@code positionbook.py}): POST with the API key in the
 * body, checked in OpenAlgo's order: the schema (400, message a string), the key (403), the broker's
 * checks (400), then the order. The broker's behaviour is {@link OrderDesk}'s; the order faults act here.
 */
public final class OrderApi {
    private static final String PREFIX = "/api/v1/";

    private final RestWire wire;
    private final OrderDesk desk;
    private final MarketModel model;
    private final OrderFaults faults;

    public OrderApi(RestWire wire, OrderDesk desk, MarketModel model, OrderFaults faults) {
        this.wire = wire;
        this.desk = desk;
        this.model = model;
        this.faults = faults;
    }

    public void register(RoutesConfig routes) {
        routes.post(PREFIX + "placeorder", this::place);
        routes.post(PREFIX + "modifyorder", this::modify);
        routes.post(PREFIX + "cancelorder", this::cancel);
        routes.post(PREFIX + "orderstatus", this::status);
        routes.post(PREFIX + "orderbook", this::orderbook);
        routes.post(PREFIX + "positionbook", this::positionbook);
    }

    private void place(Context ctx) throws InterruptedException {
        Map<String, Object> order = load(ctx, OrderSchema.PLACE);
        SimulatedSymbol symbol = tradable((String) order.get("symbol"), (String) order.get("exchange"));
        boolean buy = isBuy(order);
        OrderTerms terms = terms(order, symbol, buy);
        boolean failing = faults.takeFailure();
        String id = failing ? null : desk.place((String) order.get("strategy"), symbol, buy, terms);
        // The order exists before the slow answer: a client that times out must not assume it does not.
        long delay = faults.delayMillis();
        if (delay > 0) {
            Thread.sleep(delay);
        }
        if (failing) {
            throw new RestError(500, "Failed to place order due to internal error");
        }
        wire.respond(ctx, 200, orderReply(id));
    }

    private void modify(Context ctx) {
        Map<String, Object> order = load(ctx, OrderSchema.MODIFY);
        String id = (String) order.get("orderid");
        // Like Kite, the order id names the order: symbol, exchange and action in the body are not compared.
        desk.modify(id, (symbol, buy) -> terms(order, symbol, buy));
        wire.respond(ctx, 200, orderReply(id));
    }

    private void cancel(Context ctx) {
        String id = (String) load(ctx, OrderSchema.CANCEL).get("orderid");
        desk.cancel(id);
        wire.respond(ctx, 200, orderReply(id));
    }

    private void status(Context ctx) {
        String id = (String) load(ctx, OrderSchema.STATUS).get("orderid");
        wire.respond(ctx, 200, Map.of("status", "success", "data", desk.status(id)));
    }

    private void orderbook(Context ctx) {
        load(ctx, OrderSchema.ORDERBOOK);
        wire.respond(ctx, 200, Map.of("status", "success", "data", desk.orderbook()));
    }

    private void positionbook(Context ctx) {
        load(ctx, OrderSchema.POSITIONBOOK);
        wire.respond(ctx, 200, Map.of("status", "success", "data", desk.positionbook()));
    }

    /** Schema first, then the key, as OpenAlgo's handlers do: a bad body with a bad key is a 400. */
    private Map<String, Object> load(Context ctx, OrderSchema schema) {
        JsonNode body = wire.body(ctx);
        Map<String, Object> values = schema.load(body);
        if (!wire.validKey((String) values.get("apikey"))) {
            throw new RestError(403, "Invalid openalgo apikey");
        }
        return values;
    }

    private SimulatedSymbol tradable(String symbolText, String exchange) {
        SimulatedSymbol symbol = model.resolve(symbolText, exchange).orElseThrow(() ->
                new RestError(400, "Symbol " + symbolText + " not found on " + exchange));
        if (symbol.isIndex()) {
            throw new RestError(400, symbolText + " on " + exchange + " is an index, not a tradable instrument");
        }
        return symbol;
    }

    private static boolean isBuy(Map<String, Object> order) {
        return "BUY".equalsIgnoreCase((String) order.get("action"));
    }

    private OrderTerms terms(Map<String, Object> order, SimulatedSymbol symbol, boolean buy) {
        return OrderTerms.checked(symbol, model.masterContract().of(symbol.index()), buy, (Double) order.get("quantity"), (String) order.get("pricetype"),
                (String) order.get("product"), (Double) order.get("price"), (Double) order.get("trigger_price"),
                (Long) order.get("disclosed_quantity"));
    }

    private static Map<String, Object> orderReply(String id) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "success");
        reply.put("orderid", id);
        return reply;
    }
}
