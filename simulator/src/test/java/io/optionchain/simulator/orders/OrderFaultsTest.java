package io.optionchain.simulator.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.FeedClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order faults over real HTTP, beside {@link OrderApiTest}'s orders that behave: rejected after
 * acceptance, failed with a 500, answered too late, never filled. On the real clock only: what they test
 * does not depend on the date, and some of them wait.
 */
class OrderFaultsTest {
    private static final String KEY = "order-faults-key";
    private static final int LOT = 65;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAlgoSimulator simulator;
    private ApiClient api;
    private OrderClient orders;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(21).withTicksPerSecond(400));
        api = new ApiClient(simulator.restUrl());
        orders = new OrderClient(api, KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldRejectTheNextOrdersAfterAcceptingThem() throws Exception {
        String option = Listed.atmCall(simulator);
        assertThat(api.control("POST", "faults/reject-orders?n=1").status()).isEqualTo(200);

        String rejected = orders.placed(orders.order(option, "BUY", LOT, "MARKET", 0));
        String accepted = orders.placed(orders.order(option, "BUY", LOT, "MARKET", 0));

        assertThat(orders.status(rejected).path("order_status").asText()).isEqualTo("rejected");
        assertThat(orders.status(rejected).path("rejection_reason").asText()).isEqualTo(OrderDesk.INJECTED_REJECTION);
        assertThat(orders.status(rejected).path("filled_quantity").asLong()).isZero();
        assertThat(orders.status(accepted).path("order_status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldFailTheNextOrdersWith500AndPlaceNothing() throws Exception {
        String option = Listed.atmCall(simulator);
        simulator.faults().failNextOrders(2);

        for (int i = 0; i < 2; i++) {
            ApiClient.Reply failed = api.post("placeorder", orders.order(option, "BUY", LOT, "MARKET", 0));
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body().toString())
                    .isEqualTo("{\"message\":\"Failed to place order due to internal error\",\"status\":\"error\"}");
        }
        assertThat(simulator.orders()).as("a 500 places nothing").isEmpty();

        orders.placed(orders.order(option, "BUY", LOT, "MARKET", 0));
        assertThat(simulator.orders()).hasSize(1);
    }

    @Test
    void shouldPlaceTheOrderEvenWhenItsAnswerComesTooLate() throws Exception {
        String option = Listed.atmCall(simulator);
        simulator.faults().slowOrders(Duration.ofMillis(1_500));
        String body = JSON.writeValueAsString(orders.order(option, "BUY", LOT, "MARKET", 0));

        assertThatThrownBy(() -> api.post("placeorder", body, Duration.ofMillis(200)))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(simulator.orders()).as("the order exists although the client never heard of it").hasSize(1);
        simulator.faults().reset();
        assertThat(simulator.faults().settings()).containsEntry("slow_orders_ms", 0L);
    }

    @Test
    void shouldLeaveOrdersUnfilledWhileNeverFillIsOn() throws Exception {
        String option = Listed.atmCall(simulator);
        simulator.faults().neverFill(true);
        String id = orders.placed(orders.order(option, "BUY", LOT, "MARKET", 0));
        try (FeedClient feed = FeedClient.authenticated(simulator)) {
            feed.send(Map.of("action", "subscribe", "symbol", option, "exchange", "NFO", "mode", 3));
            feed.reply("subscribe");
            for (int i = 0; i < 5; i++) {
                feed.tick(option);
            }
        }
        assertThat(orders.status(id).path("order_status").asText()).as("after five ticks").isEqualTo("open");
        assertThat(orders.status(id).path("filled_quantity").asLong()).isZero();

        assertThat(api.control("POST", "faults/never-fill?on=false").status()).isEqualTo(200);
        orders.awaitStatus(id, s -> s.path("order_status").asText().equals("complete"));
    }
}
