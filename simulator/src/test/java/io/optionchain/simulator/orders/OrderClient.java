package io.optionchain.simulator.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.FeedClient;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The order endpoints as the order tests call them: OpenAlgo order bodies, placing, status and waiting on it. */
final class OrderClient {
    static final String STRATEGY = "exit-test";

    private final ApiClient api;
    private final String key;

    OrderClient(ApiClient api, String key) {
        this.api = api;
        this.key = key;
    }

    /** A placeorder body; a test changes or removes fields to make it invalid. */
    Map<String, Object> order(String symbol, String action, long quantity, String pricetype, double price) {
        Map<String, Object> order = new HashMap<>();
        order.put("apikey", key);
        order.put("strategy", STRATEGY);
        order.put("exchange", "NFO");
        order.put("symbol", symbol);
        order.put("action", action);
        order.put("quantity", quantity);
        order.put("pricetype", pricetype);
        order.put("product", "MIS");
        order.put("price", price);
        return order;
    }

    /** The order with a trigger price, as SL and SL-M orders need. */
    static Map<String, Object> withTrigger(Map<String, Object> order, double trigger) {
        order.put("trigger_price", trigger);
        return order;
    }

    /** Places the order, which must be accepted, and returns its id. */
    String placed(Map<String, Object> order) throws Exception {
        ApiClient.Reply reply = api.post("placeorder", order);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(reply.body().path("status").asText()).isEqualTo("success");
        assertThat(reply.body().path("orderid").asText()).matches("\\d{15}");
        return reply.body().path("orderid").asText();
    }

    JsonNode status(String id) throws Exception {
        ApiClient.Reply reply = api.post("orderstatus", Map.of("apikey", key, "strategy", STRATEGY, "orderid", id));
        assertThat(reply.status()).isEqualTo(200);
        return reply.data();
    }

    /** Polls the order's status until {@code wanted}, failing after {@link FeedClient#WAIT}. */
    JsonNode awaitStatus(String id, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + FeedClient.WAIT.toNanos();
        JsonNode status = status(id);
        while (!wanted.test(status)) {
            assertThat(System.nanoTime()).as("order %s still %s", id, status).isLessThan(deadline);
            Thread.sleep(20);
            status = status(id);
        }
        return status;
    }
}
