package io.optionchain.simulator.orders;

import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the order endpoints refuse before an order exists, beside {@link OrderApiTest}'s orders that
 * work: the schema's and the broker's 400s and the key's 403, each placing nothing. On the real clock
 * only: no refusal depends on the date.
 */
class OrderRefusalsTest {
    private static final String KEY = "order-refusals-key";
    private static final int LOT = 65;

    private OpenAlgoSimulator simulator;
    private ApiClient api;
    private OrderClient orders;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(21));
        api = new ApiClient(simulator.restUrl());
        orders = new OrderClient(api, KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldRefuseInvalidOrdersWith400AndPlaceNothing() throws Exception {
        String option = Listed.atmCall(simulator);
        expectRefusal(orders.order("NIFTY01JAN2024500CE", "BUY", LOT, "MARKET", 0),
                "Symbol NIFTY01JAN2024500CE not found on NFO");
        Map<String, Object> index = orders.order("NIFTY", "BUY", LOT, "MARKET", 0);
        index.put("exchange", "NSE_INDEX");
        expectRefusal(index, "NIFTY on NSE_INDEX is an index, not a tradable instrument");
        expectRefusal(orders.order(option, "BUY", 100, "MARKET", 0), "Quantity must be in multiples of lot size 65");
        expectRefusal(orders.order(option, "BUY", LOT, "LIMIT", 100.03),
                "Price 100.03 is not a multiple of the tick size 0.05");
        expectRefusal(orders.order(option, "BUY", LOT, "LIMIT", 0), "LIMIT orders require price");
        expectRefusal(orders.order(option, "BUY", LOT, "SL", 100), "SL orders require trigger_price");
        expectRefusal(OrderClient.withTrigger(orders.order(option, "BUY", LOT, "SL", 100), 101),
                "Trigger price must be at or below the limit price for a stop-loss buy order");
        Map<String, Object> cnc = orders.order(option, "BUY", LOT, "MARKET", 0);
        cnc.put("product", "CNC");
        expectRefusal(cnc, "CNC product not allowed for NFO derivatives segment. Use NRML for carryforward or MIS"
                + " for intraday.");
        expectRefusal(orders.order(option, "BUY", 0, "MARKET", 0),
                "{'quantity': ['Quantity must be a positive number.']}");
        expectRefusal(orders.order(option, "HOLD", LOT, "MARKET", 0),
                "{'action': ['Must be one of: BUY, SELL, buy, sell.']}");
        expectRefusal(orders.order(option, "BUY", LOT, "STOP", 0),
                "{'pricetype': ['Must be one of: MARKET, LIMIT, SL, SL-M.']}");
        Map<String, Object> unknownField = orders.order(option, "BUY", LOT, "MARKET", 0);
        unknownField.put("foo", 1);
        expectRefusal(unknownField, "{'foo': ['Unknown field.']}");
        Map<String, Object> words = orders.order(option, "BUY", LOT, "MARKET", 0);
        words.put("quantity", "seventy-five");
        expectRefusal(words, "{'quantity': ['Not a valid number.']}");
        Map<String, Object> fraction = orders.order(option, "BUY", LOT, "MARKET", 0);
        fraction.put("quantity", 112.5);
        expectRefusal(fraction, "{'quantity': ['Fractional quantity (112.5) is not allowed for non-crypto exchanges.']}");
        Map<String, Object> noSymbol = orders.order(option, "BUY", LOT, "MARKET", 0);
        noSymbol.remove("symbol");
        expectRefusal(noSymbol, "{'symbol': ['Missing data for required field.']}");

        assertThat(simulator.orders()).isEmpty();
    }

    @Test
    void shouldRefuseAWrongKeyWith403() throws Exception {
        Map<String, Object> order = orders.order(Listed.atmCall(simulator), "BUY", LOT, "MARKET", 0);
        order.put("apikey", "not-the-key");
        ApiClient.Reply reply = api.post("placeorder", order);
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().toString()).isEqualTo("{\"message\":\"Invalid openalgo apikey\",\"status\":\"error\"}");
        assertThat(api.post("orderbook", Map.of("apikey", "nope")).status()).isEqualTo(403);
        assertThat(simulator.orders()).isEmpty();
    }

    private void expectRefusal(Map<String, Object> order, String message) throws Exception {
        ApiClient.Reply reply = api.post("placeorder", order);
        assertThat(reply.status()).as(message).isEqualTo(400);
        assertThat(reply.body().path("status").asText()).isEqualTo("error");
        assertThat(reply.message()).isEqualTo(message);
    }
}
