package io.optionchain.simulator.orders;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The exchange's limit price protection as the order desk applies it: a limit sell below the band around the last
 * trade, or a buy above it, is accepted and then rejected, a modification beyond it is refused, a price on the edge
 * works; and the book gap that moves a book away from its last trade, which is how an exit meets the band. The market
 * is paused, so the last trade stays put between a quote and an order. On the real clock: nothing here depends on the
 * date, and the call four strikes in the money is worth well over ₹50 at any hour.
 */
class LimitPriceProtectionTest {
    private static final String KEY = "lpp-key";
    private static final int LOT = 65;

    private OpenAlgoSimulator simulator;
    private ApiClient api;
    private OrderClient orders;
    private String option;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(33));
        simulator.rate(0);
        api = new ApiClient(simulator.restUrl());
        orders = new OrderClient(api, KEY);
        option = Listed.inTheMoneyCall(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldRejectALimitOrderBeyondTheBandAroundTheLastTradeAndTakeOneOnItsEdge() throws Exception {
        double ltp = quote().path("ltp").asDouble();
        assertThat(ltp).as("an in-the-money call: the 40 %% row").isGreaterThan(50);
        double low = Math.ceil((ltp - 0.4 * ltp) * 20 - 1e-9) / 20;
        double high = Math.floor((ltp + 0.4 * ltp) * 20 + 1e-9) / 20;

        String tooLow = orders.placed(orders.order(option, "SELL", LOT, "LIMIT", low - 0.05));
        JsonNode rejected = orders.status(tooLow);
        assertThat(rejected.path("order_status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("rejection_reason").asText()).startsWith("Order price is beyond LPP limit: sell at "
                + (Math.round((low - 0.05) * 100) / 100.0) + " below the low");
        String tooHigh = orders.placed(orders.order(option, "BUY", LOT, "LIMIT", high + 0.05));
        assertThat(orders.status(tooHigh).path("rejection_reason").asText())
                .startsWith("Order price is beyond LPP limit: buy at");

        String onTheEdge = orders.placed(orders.order(option, "SELL", LOT, "LIMIT", low));
        assertThat(orders.status(onTheEdge).path("order_status").asText()).as("fills against the bid")
                .isEqualTo("complete");
        String atTheTop = orders.placed(orders.order(option, "BUY", LOT, "LIMIT", high));
        assertThat(orders.status(atTheTop).path("order_status").asText()).isEqualTo("complete");
    }

    @Test
    void shouldRefuseAModificationBeyondTheBandAndLeaveTheOrderAsItWas() throws Exception {
        JsonNode quote = quote();
        double ltp = quote.path("ltp").asDouble();
        double resting = Math.floor((quote.path("bid").asDouble() - 5) * 20) / 20;
        String id = orders.placed(orders.order(option, "BUY", LOT, "LIMIT", resting));
        assertThat(orders.status(id).path("order_status").asText()).isEqualTo("open");

        Map<String, Object> beyond = orders.order(option, "BUY", LOT, "LIMIT", Math.ceil(ltp * 1.5 * 20) / 20);
        beyond.put("orderid", id);
        beyond.put("trigger_price", 0);
        beyond.put("disclosed_quantity", 0);
        ApiClient.Reply refused = api.post("modifyorder", beyond);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).startsWith("Order price is beyond LPP limit: buy at");
        JsonNode after = orders.status(id);
        assertThat(after.path("order_status").asText()).isEqualTo("open");
        assertThat(after.path("price").asDouble()).isEqualTo(resting);
    }

    @Test
    void shouldQuoteAGappedBookAwayFromItsLastTradeUntilTheGapEnds() throws Exception {
        JsonNode before = quote();
        double ltp = before.path("ltp").asDouble();
        simulator.faults().gapBook(option, 0.4);
        for (int i = 0; i < 20; i++) {
            JsonNode gapped = quote();
            assertThat(gapped.path("ltp").asDouble()).as("nobody trades a gapped book").isEqualTo(ltp);
            assertThat(gapped.path("bid").asDouble()).isLessThan(ltp * 0.45).isGreaterThan(ltp * 0.3);
        }
        double bid = quote().path("bid").asDouble();
        String id = orders.placed(orders.order(option, "SELL", LOT, "LIMIT", bid));
        assertThat(orders.status(id).path("rejection_reason").asText())
                .as("a sell at the gapped bid is beyond the band").startsWith("Order price is beyond LPP limit");

        simulator.faults().gapBook(option, 1);
        assertThat(quote().path("bid").asDouble()).isGreaterThan(ltp * 0.9);
    }

    /** One tick of the option and its quote: ltp, bid, ask. */
    private JsonNode quote() throws Exception {
        ApiClient.Reply reply = api.post("quotes", Map.of("apikey", KEY, "symbol", option, "exchange", "NFO"));
        assertThat(reply.status()).isEqualTo(200);
        return reply.data();
    }
}
