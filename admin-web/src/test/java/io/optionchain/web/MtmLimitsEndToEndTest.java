package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MTM limits over HTTP against the simulated OpenAlgo, orders counted at the simulator: a strategy's max loss exits
 * its positions and no other, one order per leg; the account's max profit then exits the rest; each fired scope
 * refuses new positions with a 409 that says why, across a restart; bad limits are a 400 with a JSON message, and
 * setting them needs the token.
 */
class MtmLimitsEndToEndTest {
    private static final ObjectMapper JSON = SimulatedDesk.JSON;

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("mtm-limits-key-6f0d2a91", "mtm-limits-token-3c8e51b7");

    @Test
    void shouldExitEachScopeOnceWhenItsLimitIsReachedAndRefuseNewPositionsInIt() throws Exception {
        OpenAlgoSimulator market = desk.market(31);
        RunningApplication application = desk.start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        JsonNode ce = chain.get("options").get(20).get("ce_data");
        JsonNode pe = chain.get("options").get(20).get("pe_data");
        JsonNode far = chain.get("options").get(26).get("ce_data");
        // sold 5 below the ask: the straddle is some 650 rupees down at once; the far call, sold 50 above, well up
        long straddle = desk.sold("straddle", -5, ce, pe);
        long hedge = desk.sold("hedge", 50, far);

        HttpResponse<String> set = put("{\"strategies\": {\"straddle\": {\"max_loss\": 300}}}", desk.token());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        desk.awaitOrders(2);
        assertThat(market.orders()).extracting(BrokerOrder::symbol)
                .containsExactlyInAnyOrder(ce.get("symbol").asText(), pe.get("symbol").asText());
        desk.awaitState(straddle, "CLOSED");
        assertThat(desk.position(straddle).get("exit_reason").asText()).isEqualTo("MAX_LOSS");
        assertThat(desk.position(hedge).get("state").asText()).as("another strategy is left alone").isEqualTo("OPEN");
        JsonNode limits = JSON.readTree(application.http().get("/api/risk/limits").body());
        JsonNode fired = limits.get("strategies").get("straddle").get("fired");
        assertThat(fired.get("limit").asText()).isEqualTo("max_loss");
        assertThat(fired.get("mtm").asDouble()).isLessThanOrEqualTo(-300);
        assertThat(fired.get("level").asDouble()).isEqualTo(-300);
        assertThat(limits.get("account").isNull()).isTrue();
        assertThat(limits.get("accounts").isEmpty()).isTrue();

        HttpResponse<String> refused = desk.sell("straddle", 0, ce);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("message").asText())
                .contains("strategy straddle's max_loss limit fired");

        // the account: the straddle's realised loss plus the far call's profit, above 1 rupee of profit
        set = put("{\"account\": {\"max_profit\": 1}, \"strategies\": {\"straddle\": {\"max_loss\": 300},"
                + " \"late\": {\"square_off_at\": \"23:59\"}}}", desk.token());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(JSON.readTree(set.body()).get("strategies").get("late").get("square_off_at").asText())
                .as("a strategy's square-off time, alone").isEqualTo("23:59:00");
        assertThat(JSON.readTree(set.body()).get("strategies").get("straddle").get("fired").isNull())
                .as("setting the limits again does not undo a firing").isFalse();
        desk.awaitOrders(3);
        desk.awaitState(hedge, "CLOSED");
        assertThat(desk.position(hedge).get("exit_reason").asText()).isEqualTo("MAX_PROFIT");
        assertThat(desk.sell("other", 0, far).statusCode()).isEqualTo(409);

        desk.stop();
        application = desk.start();
        limits = JSON.readTree(application.http().get("/api/risk/limits").body());
        assertThat(limits.get("account").get("fired").get("limit").asText()).isEqualTo("max_profit");
        assertThat(limits.get("account").get("max_profit").asDouble()).isEqualTo(1);
        assertThat(desk.sell("other", 0, far).statusCode()).as("still refused after a restart").isEqualTo(409);
        Thread.sleep(1_000);
        assertThat(market.orders()).as("one order per leg, whatever fired").hasSize(3);
        JsonNode status = JSON.readTree(application.http().get("/api/option-chain/status").body());
        assertThat(status.get("risk_limits").get("account").get("fired").get("limit").asText()).isEqualTo("max_profit");

        HttpResponse<String> bad = put("{\"account\": {\"max_loss\": -5}}", desk.token());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("account").contains("max_loss");
        HttpResponse<String> lock = put("{\"strategies\": {\"s\": {\"lock_at\": 1000, \"lock\": 1500}}}", desk.token());
        assertThat(lock.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(lock.body()).get("message").asText()).contains("strategies.s").contains("lock_at");
        HttpResponse<String> nobody = put("{\"accounts\": {\"nobody\": {\"max_loss\": 5}}}", desk.token());
        assertThat(nobody.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nobody.body()).get("message").asText()).contains("accounts.nobody")
                .contains("primary");
        HttpResponse<String> unknown = put("{\"acount\": {\"max_loss\": 5}}", desk.token());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("acount");
        HttpResponse<String> badTime = put("{\"strategies\": {\"sq\": {\"square_off_at\": \"25:00\"}}}", desk.token());
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badTime.body()).get("message").asText()).contains("strategies.sq.square_off_at");
        HttpResponse<String> anonymous = put("{}", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(application.http().get("/api/risk/limits").body()).get("account").get("max_profit")
                .asDouble()).as("refused changes change nothing").isEqualTo(1);
    }

    private HttpResponse<String> put(String body, String token) throws Exception {
        return desk.app().http().send("PUT", "/api/risk/limits", body, token);
    }
}
