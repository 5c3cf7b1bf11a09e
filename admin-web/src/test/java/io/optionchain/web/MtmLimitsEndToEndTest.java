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

    /**
     * A strategy's lock and trail over the simulator, its market moved by gapping one option's book (its last trade
     * stays put): sold at the ask, the call's book is quoted at half its value, the profit locks a floor and trails it
     * up, the floor survives a restart, and when the book comes back the MTM falls through the floor: one order, reason
     * PROFIT_LOCK. A strategy's square-off time set beside it squares off another strategy's position with one order.
     */
    @Test
    void shouldLockAProfitKeepItAcrossARestartAndExitWhenTheMtmFallsBackToIt() throws Exception {
        OpenAlgoSimulator market = desk.market(67);
        RunningApplication application = desk.start();
        JsonNode call = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options")
                .get(18).get("ce_data");
        String symbol = call.get("symbol").asText();
        long id = desk.sold("scalp", 0, call);
        double value = call.get("ask").asDouble() * 65;   // what the lot was sold for
        double lockAt = Math.round(value * 0.3);
        double lock = Math.round(value * 0.1);
        double every = Math.round(value * 0.05);
        HttpResponse<String> set = put("{\"strategies\": {\"scalp\": {\"lock_at\": " + lockAt + ", \"lock\": " + lock
                + ", \"trail_every\": " + every + ", \"trail_by\": " + every + "}}}", desk.token());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        market.faults().gapBook(symbol, 0.5);           // half its value: some 50 % of it in profit
        JsonNode locked = awaitLimit("scalp", limit -> !limit.get("floor").isNull()
                && limit.get("floor").asDouble() > lock);
        double floor = locked.get("floor").asDouble();
        assertThat(floor).as("locked at %s and trailed by whole steps of %s", lock, every)
                .isLessThanOrEqualTo(locked.get("mtm").asDouble());
        assertThat(desk.position(id).get("state").asText()).isEqualTo("OPEN");
        Thread.sleep(1_200);                              // the exit executor's sweep writes the floor down

        desk.stop();
        application = desk.start();
        double kept = awaitLimit("scalp", limit -> !limit.get("floor").isNull()).get("floor").asDouble();
        assertThat(kept).as("the floor survives a restart").isGreaterThanOrEqualTo(floor);
        assertThat(market.orders()).isEmpty();

        market.faults().gapBook(symbol, 1);             // the book comes back: the profit falls through the floor
        desk.awaitOrders(1);
        JsonNode closed = desk.awaitState(id, "CLOSED");
        assertThat(closed.get("exit_reason").asText()).isEqualTo("PROFIT_LOCK");
        assertThat(market.orders()).extracting(BrokerOrder::symbol).containsExactly(symbol);
        JsonNode fired = awaitLimit("scalp", limit -> !limit.get("fired").isNull()).get("fired");
        assertThat(fired.get("limit").asText()).isEqualTo("profit_lock");
        assertThat(fired.get("level").asDouble()).isGreaterThanOrEqualTo(kept);

        // a strategy's own square-off time, a few seconds ahead, exits its position with one order
        JsonNode put = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted).get("options")
                .get(22).get("pe_data");
        long timed = desk.sold("timed", 0, put);
        String at = java.time.Instant.now().plusSeconds(3).atZone(java.time.ZoneId.of("Asia/Kolkata"))
                .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"));
        assertThat(put("{\"strategies\": {\"timed\": {\"square_off_at\": \"" + at + "\"}}}", desk.token())
                .statusCode()).isEqualTo(200);
        assertThat(desk.awaitState(timed, "CLOSED").get("exit_reason").asText()).isEqualTo("SQUARE_OFF");
        desk.awaitOrders(2);
    }

    private JsonNode awaitLimit(String strategy, java.util.function.Predicate<JsonNode> wanted) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        JsonNode limit = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            limit = JSON.readTree(desk.app().http().get("/api/risk/limits").body()).get("strategies").get(strategy);
            if (limit != null && wanted.test(limit)) {
                return limit;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("strategy " + strategy + "'s limit never came to what was wanted: " + limit);
    }

    private HttpResponse<String> put(String body, String token) throws Exception {
        return desk.app().http().send("PUT", "/api/risk/limits", body, token);
    }
}
