package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trigger_on: depth} over HTTP against the simulated OpenAlgo: positions judged on their whole quantity walked
 * through the depth exit on their stops with one order per leg at the simulator, the trigger's audit line carries
 * the walked mark beside the touch and names the rule, the rules show in the positions' JSON, and bad values are a
 * 400 with a JSON message. (Whether the touch would have fired too is the engine's {@code TriggerRulesTest}: the
 * simulated market moves more between two ticks of a leg than its five levels span, so a twin on the touch cannot
 * be kept reliably on the other side of a stop here.)
 */
class DepthTriggerEndToEndTest {
    private static final String TOKEN = "depth-trigger-token-7e52b0d8";
    private static final ObjectMapper JSON = SimulatedDesk.JSON;
    private static final int LOTS = 300;

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("depth-trigger-key-0f3a91c4", TOKEN);
    private OpenAlgoSimulator market;
    private RunningApplication application;

    @Test
    void shouldExitDepthTriggeredStopsWithOneOrderPerLegAtTheWalkedMark() throws Exception {
        market = desk.market(43);
        // a freeze quantity above the legs', so each leg's exit is one order, not slices
        market.contract("NIFTY", 65, 0.05, 100_000);
        application = desk.start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        JsonNode ce = chain.get("options").get(0).get("ce_data");
        JsonNode pe = chain.get("options").get(40).get("pe_data");
        String ceSymbol = ce.get("symbol").asText();
        String peSymbol = pe.get("symbol").asText();
        // stops above the touch: each fires on its first evaluation, at whatever mark the walk gives
        double stop = Math.ceil(ce.get("bid").asDouble() + pe.get("bid").asDouble()) + 500;

        long single = open("single", stop, ",\"trigger_on\":\"depth\"", ce);
        long straddle = open("straddle", stop, ",\"trigger_on\":\"depth\"", ce, pe);

        for (long id : List.of(single, straddle)) {
            JsonNode exited = awaitState(id, "EXITING", "CLOSED");
            assertThat(exited.get("exit_reason").asText()).isEqualTo("STOP");
            assertThat(exited.get("rules").get("trigger_on").asText()).isEqualTo("depth");
        }
        Thread.sleep(2_000);                             // whatever ticks, re-prices and fills follow
        assertThat(market.orders()).allSatisfy(order -> {
            assertThat(order.action()).isEqualTo("SELL");
            assertThat(order.quantity()).isEqualTo(LOTS * 65);
        });
        assertThat(ordersOf(single)).as("one exit order for the single leg").containsExactly(ceSymbol);
        assertThat(ordersOf(straddle)).as("one exit order per leg").containsExactlyInAnyOrder(ceSymbol, peSymbol);
        assertThat(market.orders()).hasSize(3);
        JsonNode listed = application.http().getJson("/api/positions");
        assertThat(position(listed, straddle).get("rules").get("trigger_on").asText()).isEqualTo("depth");

        List<JsonNode> triggers = new ArrayList<>();
        for (String line : Files.readAllLines(desk.data().resolve("risk-audit.jsonl"))) {
            JsonNode event = JSON.readTree(line);
            if (event.get("kind").asText().equals("TRIGGER")) {
                triggers.add(event);
            }
        }
        assertThat(triggers).hasSize(2).allSatisfy(e -> assertThat(e.get("message").asText())
                .isEqualTo("trigger_on depth"));
        // 300 lots are more than five levels of at most 28 lots hold: on the touch the single leg's mark would be its
        // bid; walked, it is below the second level at least (levels are 0.85 apart this deep in the money)
        assertThat(triggers).filteredOn(e -> e.get("position_id").asLong() == single).singleElement()
                .satisfies(e -> assertThat(e.get("mark").asDouble()).isLessThan(e.get("bid").asDouble() - 0.5));
    }

    /** The symbols of the orders the simulator holds for a position, by the tag each exit order carries. */
    private List<String> ordersOf(long position) {
        return market.orders().stream().filter(o -> o.strategy().matches("oc-[^-]+-" + position + "-\\d+"))
                .map(BrokerOrder::symbol).toList();
    }

    @Test
    void shouldRefuseBadTriggerRulesWithAJsonMessageAndShowGoodOnes() throws Exception {
        market = desk.market(config -> config.withSeed(47).withTicksPerSecond(200));
        application = desk.start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        JsonNode ce = chain.get("options").get(20).get("ce_data");

        refused(ce, ",\"trigger_on\":\"mid\"", "trigger_on must be touch (the best bid or ask) or depth (the whole "
                + "quantity through the five levels), got 'mid'");
        refused(ce, ",\"trigger_on\":1", "trigger_on must be touch");
        refused(ce, ",\"confirm_ticks\":-1", "confirm_ticks must be a whole number 0..10000, got '-1'");
        refused(ce, ",\"confirm_ticks\":2.5", "confirm_ticks must be a whole number 0..10000, got '2.5'");
        refused(ce, ",\"confirm_ms\":-250", "confirm_ms must be a whole number 0..3600000, got '-250'");
        refused(ce, ",\"confirm_ms\":3600001", "confirm_ms must be a whole number 0..3600000");
        refused(ce, ",\"confirm_ticks\":3,\"confirm_ms\":500", "give confirm_ticks or confirm_ms, not both");
        assertThat(market.orders()).isEmpty();

        HttpResponse<String> opened = application.http().send("POST", "/api/positions", body(ce, 1, 100_000,
                ",\"trigger_on\":\"DEPTH\",\"confirm_ms\":500"), TOKEN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode rules = JSON.readTree(opened.body()).get("rules");
        assertThat(rules.get("trigger_on").asText()).isEqualTo("depth");
        assertThat(rules.get("confirm_ms").asLong()).isEqualTo(500);
        assertThat(rules.get("confirm_ticks").isNull()).isTrue();
    }

    private void refused(JsonNode leg, String rules, String message) throws Exception {
        HttpResponse<String> response = application.http().send("POST", "/api/positions", body(leg, 1, 100_000, rules),
                TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("status").asText()).isEqualTo("error");
        assertThat(json.get("message").asText()).contains(message);
    }

    private long open(String strategy, double stop, String rules, JsonNode... legs) throws Exception {
        List<String> parts = new ArrayList<>();
        for (JsonNode leg : legs) {
            parts.add(leg(leg));
        }
        HttpResponse<String> opened = application.http().send("POST", "/api/positions", "{\"strategy\":\"" + strategy
                + "\",\"product\":\"NRML\",\"legs\":[" + String.join(",", parts) + "],\"stop\":" + stop + rules
                + "}", TOKEN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return JSON.readTree(opened.body()).get("id").asLong();
    }

    private static String body(JsonNode leg, int lots, double stop, String rules) {
        return "{\"strategy\":\"rules\",\"product\":\"NRML\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                + "\",\"side\":\"short\",\"lots\":" + lots + ",\"entry_price\":" + leg.get("ask").asDouble()
                + "}],\"stop\":" + stop + rules + "}";
    }

    private static String leg(JsonNode leg) {
        return "{\"symbol\":\"" + leg.get("symbol").asText() + "\",\"side\":\"long\",\"lots\":" + LOTS
                + ",\"entry_price\":" + leg.get("bid").asDouble() + "}";
    }

    private JsonNode awaitState(long id, String... states) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode now = application.http().getJson("/api/positions/" + id);
        while (!List.of(states).contains(now.get("state").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            now = application.http().getJson("/api/positions/" + id);
        }
        assertThat(now.get("state").asText()).as(now.toString()).isIn((Object[]) states);
        return now;
    }

    private static JsonNode position(JsonNode book, long id) {
        for (JsonNode position : book.get("positions")) {
            if (position.get("id").asLong() == id) {
                return position;
            }
        }
        throw new AssertionError("no position " + id + " in " + book);
    }
}
