package io.optionchain.simulator.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code positionbook} over real HTTP, as OpenAlgo answers it: one row per symbol, exchange and product with the
 * day's net quantity from what filled (+ long, − short), a position bought and sold back still listed at 0, and
 * orders that filled nothing (rejected, resting) in no row.
 */
class PositionBookTest {
    private static final String KEY = "position-book-key-5d2e";
    private static final int LOT = 65;

    private OpenAlgoSimulator simulator;
    private ApiClient api;
    private OrderClient orders;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(33).withTicksPerSecond(400));
        api = new ApiClient(simulator.restUrl());
        orders = new OrderClient(api, KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldNetWhatFilledPerSymbolExchangeAndProduct() throws Exception {
        String call = Listed.inTheMoneyCall(simulator);
        String put = Listed.option(simulator, Listed.strike(simulator, 4), false);     // in the money too
        String flat = Listed.option(simulator, Listed.strike(simulator, -3), true);
        filled(orders.order(call, "BUY", 3 * LOT, "MARKET", 0));
        filled(orders.order(call, "SELL", LOT, "MARKET", 0));
        filled(product(orders.order(put, "SELL", LOT, "MARKET", 0), "NRML"));
        filled(orders.order(put, "BUY", 2 * LOT, "MARKET", 0));
        filled(orders.order(flat, "BUY", LOT, "MARKET", 0));
        filled(orders.order(flat, "SELL", LOT, "MARKET", 0));
        // nothing traded: a resting buy far below the market, and an order the broker's RMS rejects
        String resting = orders.placed(orders.order(call, "BUY", LOT, "LIMIT", 0.05));
        assertThat(orders.status(resting).path("order_status").asText()).isEqualTo("open");
        String rejected = orders.placed(orders.order(put, "SELL", 28 * LOT, "MARKET", 0)); // above the freeze
        assertThat(orders.status(rejected).path("order_status").asText()).isEqualTo("rejected");

        ApiClient.Reply reply = api.post("positionbook", Map.of("apikey", KEY));

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().path("status").asText()).isEqualTo("success");
        Map<String, JsonNode> rows = new HashMap<>();
        reply.data().forEach(row -> rows.put(row.path("symbol").asText() + "/" + row.path("exchange").asText() + "/"
                + row.path("product").asText(), row));
        assertThat(rows).containsOnlyKeys(call + "/NFO/MIS", put + "/NFO/NRML", put + "/NFO/MIS", flat + "/NFO/MIS");
        assertThat(rows.get(call + "/NFO/MIS").path("quantity").asLong()).as("bought 3 lots, sold 1").isEqualTo(2 * LOT);
        assertThat(rows.get(put + "/NFO/NRML").path("quantity").asLong()).as("a short").isEqualTo(-LOT);
        assertThat(rows.get(put + "/NFO/MIS").path("quantity").asLong()).isEqualTo(2 * LOT);
        assertThat(rows.get(flat + "/NFO/MIS").path("quantity").asLong()).as("closed today, still listed")
                .isEqualTo(0);
        JsonNode held = rows.get(call + "/NFO/MIS");
        assertThat(held.path("average_price").asDouble()).as("what the 3 lots bought cost on average").isPositive();
        assertThat(held.path("ltp").asDouble()).isPositive();
        assertThat(held.has("pnl")).isTrue();

        assertThat(api.post("positionbook", Map.of("apikey", "wrong")).status()).isEqualTo(403);
        assertThat(api.post("positionbook", Map.of("apikey", KEY, "extra", 1)).status()).isEqualTo(400);
    }

    /** Places the order and waits until it traded in full. */
    private void filled(Map<String, Object> order) throws Exception {
        String id = orders.placed(order);
        orders.awaitStatus(id, status -> status.path("order_status").asText().equals("complete"));
    }

    private static Map<String, Object> product(Map<String, Object> order, String product) {
        order.put("product", product);
        return order;
    }
}
