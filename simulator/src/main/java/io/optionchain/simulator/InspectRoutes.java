package io.optionchain.simulator;

import io.javalin.config.RoutesConfig;
import io.optionchain.simulator.faults.FaultRoutes;
import io.optionchain.simulator.market.Expiries;
import io.optionchain.simulator.stream.FeedConnection;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the simulator has seen, for a test that cannot reach it in-process (it runs as
 * {@link SimulatorMain}, or the application under test was killed): {@code GET /sim/orders}, every order
 * placed since the start, and {@code GET /sim/connections}, every live market-data session. Beside
 * {@link FaultRoutes}, outside {@code /api/v1/}, without the key: a loopback test tool.
 */
final class InspectRoutes {
    private final Supplier<List<BrokerOrder>> orders;
    private final Supplier<List<FeedConnection>> connections;
    private final FaultRoutes.Responder responder;

    InspectRoutes(Supplier<List<BrokerOrder>> orders, Supplier<List<FeedConnection>> connections,
                  FaultRoutes.Responder responder) {
        this.orders = orders;
        this.connections = connections;
        this.responder = responder;
    }

    void register(RoutesConfig routes) {
        routes.get("/sim/orders", ctx -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (BrokerOrder order : orders.get()) {
                rows.add(row(order));
            }
            responder.respond(ctx, 200, reply("orders", rows));
        });
        routes.get("/sim/connections", ctx -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (FeedConnection connection : connections.get()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", connection.id());
                row.put("authenticated", connection.authenticated());
                row.put("symbols", connection.symbols());
                rows.add(row);
            }
            responder.respond(ctx, 200, reply("connections", rows));
        });
    }

    private static Map<String, Object> reply(String name, List<Map<String, Object>> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("count", rows.size());
        body.put(name, rows);
        return body;
    }

    private static Map<String, Object> row(BrokerOrder order) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("orderid", order.orderid());
        row.put("strategy", order.strategy());
        row.put("symbol", order.symbol());
        row.put("exchange", order.exchange());
        row.put("action", order.action());
        row.put("quantity", order.quantity());
        row.put("pricetype", order.pricetype());
        row.put("product", order.product());
        row.put("price", order.price());
        row.put("trigger_price", order.triggerPrice());
        row.put("status", order.status());
        row.put("filled", order.filled());
        row.put("average_price", order.averagePrice());
        row.put("rejection_reason", order.rejectionReason());
        row.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(order.time().atZone(Expiries.EXCHANGE_ZONE)));
        return row;
    }
}
