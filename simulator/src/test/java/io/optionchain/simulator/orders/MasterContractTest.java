package io.optionchain.simulator.orders;

import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import io.optionchain.simulator.market.SimulatedIndex;
import io.optionchain.simulator.market.SimulatedSymbol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The master contract's lot size, tick size and freeze quantity: the exchange's current values until a test
 * changes them, then the changed ones, alike in what {@code symbol} serves and what the order desk enforces.
 */
class MasterContractTest {
    private static final String KEY = "master-contract-key";

    private OpenAlgoSimulator simulator;
    private ApiClient api;
    private OrderClient orders;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(23));
        api = new ApiClient(simulator.restUrl());
        orders = new OrderClient(api, KEY);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldServeTheExchangesCurrentLotsTickAndOpenAlgosFreezeQuantities() throws Exception {
        Map<String, Object> nifty = symbol(Listed.atmCall(simulator));
        assertThat(nifty).containsEntry("lotsize", 65).containsEntry("tick_size", 0.05).containsEntry("freeze_qty", 1800);
        String bank = SimulatedSymbol.option(SimulatedIndex.BANKNIFTY, simulator.expiries("BANKNIFTY").get(1),
                (int) Math.round(simulator.indexPrice("BANKNIFTY") / 100) * 100, true).symbol();
        assertThat(symbol(bank)).containsEntry("lotsize", 30).containsEntry("tick_size", 0.05)
                .containsEntry("freeze_qty", 600);
    }

    @Test
    void shouldServeAndEnforceTheTermsATestSets() throws Exception {
        String option = Listed.atmCall(simulator);
        simulator.contract("NIFTY", 75, 0.10, 900);

        assertThat(symbol(option)).containsEntry("lotsize", 75).containsEntry("tick_size", 0.1)
                .containsEntry("freeze_qty", 900);
        expectRefusal(orders.order(option, "BUY", 65, "MARKET", 0), "Quantity must be in multiples of lot size 75");
        expectRefusal(orders.order(option, "BUY", 75, "LIMIT", 100.05),
                "Price 100.05 is not a multiple of the tick size 0.1");
        String aboveFreeze = orders.placed(orders.order(option, "BUY", 975, "MARKET", 0));
        assertThat(orders.status(aboveFreeze).path("rejection_reason").asText())
                .startsWith("RMS:Order quantity 975 exceeds the freeze quantity 900");

        simulator.contract("NIFTY", 65, 0.05, 1_800);
        assertThat(symbol(option)).containsEntry("lotsize", 65).containsEntry("tick_size", 0.05);
        assertThatThrownBy(() -> simulator.contract("NIFTY", 65, 0.051, 1_800)).hasMessageContaining("whole paise");
        assertThatThrownBy(() -> simulator.contract("NIFTY", 65, 0.05, 1)).hasMessageContaining("at least a lot");
    }

    private Map<String, Object> symbol(String option) throws Exception {
        ApiClient.Reply reply = api.post("symbol", Map.of("apikey", KEY, "symbol", option, "exchange", "NFO"));
        assertThat(reply.status()).isEqualTo(200);
        return Map.of("lotsize", reply.data().path("lotsize").asInt(),
                "tick_size", reply.data().path("tick_size").asDouble(),
                "freeze_qty", reply.data().path("freeze_qty").asInt());
    }

    private void expectRefusal(Map<String, Object> order, String message) throws Exception {
        ApiClient.Reply reply = api.post("placeorder", order);
        assertThat(reply.status()).as(message).isEqualTo(400);
        assertThat(reply.message()).isEqualTo(message);
    }
}
