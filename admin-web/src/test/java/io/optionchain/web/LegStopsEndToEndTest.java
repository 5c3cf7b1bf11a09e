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
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Per-leg stops over HTTP against the simulated OpenAlgo: a ratio spread (two lots of a long call beside one lot of a
 * short put) whose call's own stop fires sends one order for that leg alone at the simulator, the put stays open and
 * watched with its stop moved to its entry price, and the position's exit by hand later sends the put alone; bad
 * per-leg values and combined rules on a ratio spread are a 400 with a JSON message.
 */
class LegStopsEndToEndTest {
    private static final String TOKEN = "leg-stops-token-93ab04f6";
    private static final ObjectMapper JSON = SimulatedDesk.JSON;
    private static final int LOT = 65;

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("leg-stops-key-5c1d7e20", TOKEN);
    private OpenAlgoSimulator market;
    private RunningApplication application;

    @Test
    void shouldExitTheLegWhoseStopFiredAloneAndMoveTheOtherLegsStopToCost() throws Exception {
        market = desk.market(config -> config.withSeed(53).withTicksPerSecond(300));
        market.contract("NIFTY", LOT, 0.05, 100_000);
        application = desk.start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        JsonNode ce = chain.get("options").get(20).get("ce_data");
        JsonNode pe = chain.get("options").get(20).get("pe_data");
        String ceSymbol = ce.get("symbol").asText();
        String peSymbol = pe.get("symbol").asText();
        // the long call's own stop above its bid fires on its first evaluation; the short put, entered far above the
        // market, stays below its stop, and below its entry once the stop moves there
        double ceStop = Math.ceil(ce.get("bid").asDouble()) + 500;
        double peEntry = Math.ceil(pe.get("ask").asDouble()) + 5_000;
        HttpResponse<String> opened = application.http().send("POST", "/api/positions", "{\"strategy\":\"ratio\","
                + "\"product\":\"NRML\",\"on_leg_stop\":\"exit_leg_and_move_others_to_cost\",\"legs\":["
                + "{\"symbol\":\"" + ceSymbol + "\",\"side\":\"long\",\"lots\":2,\"entry_price\":"
                + ce.get("bid").asDouble() + ",\"stop\":" + ceStop + "},"
                + "{\"symbol\":\"" + peSymbol + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":" + peEntry
                + ",\"stop\":" + (peEntry + 10_000) + "}]}", TOKEN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode position = JSON.readTree(opened.body());
        long id = position.get("id").asLong();
        assertThat(position.get("rules").get("on_leg_stop").asText()).isEqualTo("exit_leg_and_move_others_to_cost");
        assertThat(position.get("legs").get(0).get("stop").asDouble()).isEqualTo(ceStop);

        JsonNode partly = await(id, p -> p.get("legs").get(0).get("exit").asText().equals("FILLED"));
        Thread.sleep(1_000);                             // whatever ticks and re-prices follow
        partly = application.http().getJson("/api/positions/" + id);
        assertThat(partly.get("state").asText()).isEqualTo("OPEN");
        assertThat(partly.get("exit_reason").isNull()).isTrue();
        JsonNode call = partly.get("legs").get(0);
        JsonNode put = partly.get("legs").get(1);
        assertThat(call.get("exit_reason").asText()).isEqualTo("LEG_STOP");
        assertThat(put.get("exit").asText()).isEqualTo("NONE");
        assertThat(put.get("exit_reason").isNull()).isTrue();
        assertThat(put.get("stop_level").asDouble()).as("moved to cost").isEqualTo(peEntry);
        assertThat(partly.get("realized_pnl").asDouble()).isCloseTo((call.get("fill_price").asDouble()
                - ce.get("bid").asDouble()) * 2 * LOT, within(0.01));
        assertThat(market.orders()).as("one order, for the call alone").singleElement().satisfies(order -> {
            assertThat(order.symbol()).isEqualTo(ceSymbol);
            assertThat(order.action()).isEqualTo("SELL");
            assertThat(order.quantity()).isEqualTo(2 * LOT);
            assertThat(order.strategy()).matches("oc-[^-]+-" + id + "-0");
        });
        assertThat(Files.readAllLines(desk.data().resolve("risk-audit.jsonl"))).filteredOn(line -> line.contains("TRIGGER"))
                .singleElement().satisfies(line -> {
                    JsonNode trigger = JSON.readTree(line);
                    assertThat(trigger.get("leg").asInt()).isZero();
                    assertThat(trigger.get("reason").asText()).isEqualTo("LEG_STOP");
                    assertThat(trigger.get("message").asText()).contains("stops moved to cost");
                });

        HttpResponse<String> exit = application.http().send("POST", "/api/positions/" + id + "/exit", "", TOKEN);
        assertThat(exit.statusCode()).as(exit.body()).isEqualTo(200);
        await(id, p -> p.get("state").asText().equals("CLOSED"));
        Thread.sleep(500);
        assertThat(market.orders()).extracting(BrokerOrder::symbol).containsExactlyInAnyOrder(ceSymbol, peSymbol);
        assertThat(market.orders()).filteredOn(o -> o.symbol().equals(peSymbol)).singleElement()
                .satisfies(order -> {
                    assertThat(order.action()).isEqualTo("BUY");
                    assertThat(order.quantity()).isEqualTo(LOT);
                });
    }

    @Test
    void shouldRefuseBadPerLegValuesAndCombinedRulesOnARatioSpreadWithAJsonMessage() throws Exception {
        market = desk.market(config -> config.withSeed(59).withTicksPerSecond(200));
        application = desk.start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        String ce = chain.get("options").get(20).get("ce_data").get("symbol").asText();
        String pe = chain.get("options").get(20).get("pe_data").get("symbol").asText();
        String ratio = "{\"symbol\":\"" + ce + "\",\"side\":\"long\",\"lots\":2,\"entry_price\":100,\"stop\":80},"
                + "{\"symbol\":\"" + pe + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":90,\"stop\":120}";

        refused("[" + ratio + "],\"stop\":300", "stop: the legs differ in side or quantity (a ratio spread)");
        refused("[" + ratio + "],\"trailing_points\":5", "give per-leg stops (legs[i].stop, legs[i].stop_percent, "
                + "legs[i].target), or an MTM limit for the strategy");
        refused("[" + ratio + "],\"on_leg_stop\":\"exit_some\"", "on_leg_stop must be exit_leg");
        refused("[{\"symbol\":\"" + ce + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100,\"stop\":-5}]",
                "legs[0].stop must be a positive premium, got -5.0");
        refused("[{\"symbol\":\"" + ce + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100,\"stop_percent\":100}]",
                "legs[0].stop_percent of a long leg must be below 100");
        refused("[{\"symbol\":\"" + ce + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100,\"target\":90}]",
                "legs[0].target 90.0 must be above the leg's entry price 100.0");
        refused("[{\"symbol\":\"" + ce + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100,\"stop\":\"80\"}]",
                "legs[0].stop must be a number");
        refused("[{\"symbol\":\"" + ce + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}],"
                + "\"on_leg_stop\":\"exit_all\"", "on_leg_stop exit_all needs a leg with a rule of its own");
        assertThat(application.http().getJson("/api/positions").get("positions")).isEmpty();

        HttpResponse<String> opened = application.http().send("POST", "/api/positions", "{\"strategy\":\"ok\","
                + "\"legs\":[" + ratio + "],\"square_off_at\":\"15:10\"}", TOKEN);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        JsonNode legs = JSON.readTree(opened.body()).get("legs");
        assertThat(legs.get(0).get("quantity").asLong()).isEqualTo(2 * legs.get(1).get("quantity").asLong());
        assertThat(legs.get(1).get("stop_level").asDouble()).isEqualTo(120);
        assertThat(JSON.readTree(opened.body()).get("rules").get("on_leg_stop").asText()).isEqualTo("exit_leg");
        assertThat(market.orders()).isEmpty();
    }

    private void refused(String legsAndRules, String message) throws Exception {
        HttpResponse<String> response = application.http().send("POST", "/api/positions",
                "{\"strategy\":\"bad\",\"legs\":" + legsAndRules + "}", TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("status").asText()).isEqualTo("error");
        assertThat(json.get("message").asText()).contains(message);
    }

    private JsonNode await(long id, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode now = application.http().getJson("/api/positions/" + id);
        while (!done.test(now) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            now = application.http().getJson("/api/positions/" + id);
        }
        assertThat(done.test(now)).as(now.toString()).isTrue();
        return now;
    }
}
