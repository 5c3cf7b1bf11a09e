package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.engine.market.ExpiryDates;
import io.optionchain.simulator.OpenAlgoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code POST /api/orders} as a dry run over the simulated OpenAlgo: legs named by tag resolve to the symbols the
 * chain shows at that moment (a put's OTM2 two strikes below ATM), each priced from its book (ask plus the buffer to
 * buy, bid less it to sell, the mid of a wide spread, clamped into the price band), split at the server's freeze
 * quantity and costed against the same depth the execution estimate walks; nothing reaches the simulator. Placing
 * is refused with 501, bad input with a 400 naming the field, a request without the token with 401.
 */
class EntryPlanEndToEndTest {
    private static final ObjectMapper JSON = SimulatedDesk.JSON;

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("entry-plan-key-5d2e8f14", "entry-plan-token-a71c39e0");

    @Test
    void shouldPlanAnAtmCallBuyAndAnOtm2PutSellFromTheLiveChainAndSendNothing() throws Exception {
        OpenAlgoSimulator market = desk.market(23);
        market.contract("NIFTY", 65, 0.05, 130); // two lots an order: a three-lot leg goes in two slices
        RunningApplication application = desk.start();
        application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        market.rate(0); // the books stand still, so the plan and the chain read the same quotes
        Thread.sleep(500);
        JsonNode chain = application.http().getJson("/api/option-chain/NIFTY");
        JsonNode atmRow = row(chain, "ATM");
        JsonNode call = atmRow.get("ce_data");
        JsonNode put = row(chain, "ITM2").get("pe_data"); // row tags are the call's: the put's OTM2 is two below

        HttpResponse<String> response = desk.send("POST", "/api/orders", "{\"strategy\": \"s1\", \"product\": \"MIS\","
                + " \"dry_run\": true, \"entry_buffer\": 0.5, \"allow_partial\": true, \"stop\": 40, \"legs\": ["
                + "{\"underlying\": \"NIFTY\", \"expiry\": \"current\", \"tag\": \"ATM\", \"type\": \"CE\","
                + " \"action\": \"BUY\", \"lots\": 3},"
                + "{\"underlying\": \"NIFTY\", \"expiry\": \"" + chain.get("expiry").asText() + "\", \"tag\": \"OTM2\","
                + " \"type\": \"PE\", \"action\": \"SELL\", \"lots\": 1}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode plan = JSON.readTree(response.body());
        assertThat(plan.get("dry_run").asBoolean()).isTrue();
        assertThat(plan.get("order_group").asText()).isNotBlank();
        assertThat(plan.get("exit_rules").get("stop").asDouble()).as("echoed, not acted on").isEqualTo(40);

        JsonNode buy = plan.get("legs").get(0);
        assertThat(buy.get("symbol").asText()).isEqualTo(call.get("symbol").asText());
        assertThat(buy.get("action").asText()).isEqualTo("BUY");
        assertThat(buy.get("quantity").asLong()).isEqualTo(195);
        assertThat(buy.get("slices")).extracting(JsonNode::asLong).containsExactly(130L, 65L);
        assertThat(buy.get("price").asDouble()).isCloseTo(expectedPrice(call, true, 0.5), within(1e-6));
        assertThat(buy.get("state").asText()).isEqualTo("PLANNED");
        assertThat(buy.get("order_ids")).isEmpty();
        assertCostedLikeTheEstimate(application, buy);

        JsonNode sell = plan.get("legs").get(1);
        assertThat(sell.get("symbol").asText()).isEqualTo(put.get("symbol").asText());
        assertThat(put.get("symbol").asText()).endsWith(
                (long) (chain.get("atm_strike").asDouble() - 2 * 50) + "PE");
        assertThat(sell.get("quantity").asLong()).isEqualTo(65);
        assertThat(sell.get("slices")).extracting(JsonNode::asLong).containsExactly(65L);
        assertThat(sell.get("price").asDouble()).isCloseTo(expectedPrice(put, false, 0.5), within(1e-6));
        assertCostedLikeTheEstimate(application, sell);

        Thread.sleep(300);
        assertThat(market.orders()).as("a dry run sends nothing").isEmpty();
    }

    @Test
    void shouldRefusePlacingBadInputAndARequestWithoutTheToken() throws Exception {
        OpenAlgoSimulator market = desk.market(29);
        RunningApplication application = desk.start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        String leg = "{\"underlying\": \"NIFTY\", \"expiry\": \"current\", \"tag\": \"ATM\", \"type\": \"CE\","
                + " \"action\": \"BUY\", \"lots\": 1}";

        HttpResponse<String> placing = desk.send("POST", "/api/orders", order(leg, ""));
        assertThat(placing.statusCode()).as(placing.body()).isEqualTo(501);
        assertThat(message(placing)).contains("not built yet").contains("dry_run");

        HttpResponse<String> unauthorised = application.http().send("POST", "/api/orders",
                order(leg, ", \"dry_run\": true"), null);
        assertThat(unauthorised.statusCode()).isEqualTo(401);

        assertBadRequest(order(leg.replace("ATM", "ATM7"), ", \"dry_run\": true"), "legs[0].tag");
        assertBadRequest(order(leg.replace("current", "next"), ", \"dry_run\": true"), "legs[0].expiry");
        String notMonitored = ExpiryDates.format(market.expiries("NIFTY").get(1));
        assertBadRequest(order(leg.replace("current", notMonitored), ", \"dry_run\": true"), "legs[0].expiry");
        assertBadRequest(order(leg.replace("\"lots\": 1", "\"lots\": 1.5"), ", \"dry_run\": true"), "legs[0].lots");
        assertBadRequest(order(leg.replace("BUY", "HOLD"), ", \"dry_run\": true"), "legs[0].action");
        assertBadRequest(order(leg.replace("\"CE\"", "\"XX\""), ", \"dry_run\": true"), "legs[0].type");
        assertBadRequest(order(leg.replace("\"tag\": \"ATM\"", "\"tag\": \"OTM99\""), ", \"dry_run\": true"),
                "legs[0].tag");
        assertBadRequest(order("{\"symbol\": \"NIFTY01JAN99100CE\", \"action\": \"BUY\", \"lots\": 1}",
                ", \"dry_run\": true"), "legs[0].symbol");
        assertBadRequest(order(leg, ", \"dry_run\": \"yes\""), "dry_run");
        assertBadRequest(order(leg, ", \"dry_run\": true, \"entry_buffer\": -1"), "entry_buffer");

        // by symbol, the same leg as by tag
        String atmCall = row(chain, "ATM").get("ce_data").get("symbol").asText();
        HttpResponse<String> bySymbol = desk.send("POST", "/api/orders", order("{\"symbol\": \"" + atmCall
                + "\", \"action\": \"SELL\", \"lots\": 1}", ", \"dry_run\": true, \"allow_partial\": true"));
        assertThat(bySymbol.statusCode()).as(bySymbol.body()).isEqualTo(200);
        assertThat(JSON.readTree(bySymbol.body()).get("legs").get(0).get("symbol").asText()).isEqualTo(atmCall);
        assertThat(market.orders()).isEmpty();
    }

    /** The rule in the README, from the chain's leg: touch ± buffer, or the mid of a wide spread; in the band. */
    private static double expectedPrice(JsonNode leg, boolean buy, double buffer) {
        double bid = leg.get("bid").asDouble();
        double ask = leg.get("ask").asDouble();
        double ltp = leg.get("ltp").asDouble();
        long bidTicks = Math.round(bid / 0.05);
        long askTicks = Math.round(ask / 0.05);
        double price;
        if (100 * (ask - bid) / ltp > 2.0) {
            price = (buy ? Math.floorDiv(bidTicks + askTicks, 2) : Math.floorDiv(bidTicks + askTicks + 1, 2)) * 0.05;
        } else {
            price = buy ? Math.ceil((ask + buffer) / 0.05 - 1e-9) * 0.05 : Math.floor((bid - buffer) / 0.05 + 1e-9) * 0.05;
        }
        double half = Math.max(20, ltp * 0.4);
        return buy ? Math.min(price, Math.floor((ltp + half) / 0.05 + 1e-9) * 0.05)
                : Math.max(price, Math.max(0.05, Math.ceil((ltp - half) / 0.05 - 1e-9) * 0.05));
    }

    private void assertCostedLikeTheEstimate(RunningApplication application, JsonNode leg) throws Exception {
        JsonNode estimate = application.http().getJson("/api/execution-estimate?symbol=" + leg.get("symbol").asText()
                + "&action=" + leg.get("action").asText() + "&quantity=" + leg.get("quantity").asLong());
        assertThat(leg.get("expected_price").asDouble()).isEqualTo(estimate.get("expected_price").asDouble());
        assertThat(leg.get("slippage").asDouble()).isEqualTo(estimate.get("slippage_per_unit").asDouble());
        assertThat(leg.get("impact_cost_pct").asDouble()).isEqualTo(estimate.get("impact_cost_pct").asDouble());
    }

    private void assertBadRequest(String body, String field) throws Exception {
        HttpResponse<String> response = desk.send("POST", "/api/orders", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(message(response)).as(body).contains(field);
        assertThat(desk.market().orders()).isEmpty();
    }

    private static String order(String leg, String more) {
        return "{\"strategy\": \"s1\", \"product\": \"MIS\", \"legs\": [" + leg + "]" + more + "}";
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("message").asText();
    }

    private static JsonNode row(JsonNode chain, String tag) {
        for (JsonNode row : chain.get("options")) {
            if (row.get("tag").asText().equals(tag)) {
                return row;
            }
        }
        throw new AssertionError("no " + tag + " row in " + chain);
    }
}
