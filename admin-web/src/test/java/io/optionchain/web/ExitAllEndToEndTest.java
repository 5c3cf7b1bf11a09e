package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kill switch over HTTP against the simulated OpenAlgo, orders counted at the simulator: pressed for one
 * strategy four times at once, then for everything, then again after a restart, every leg of every position gets
 * exactly one exit order; a bad scope is a 400, a missing token a 401, each with a JSON message.
 */
class ExitAllEndToEndTest {
    private static final String TOKEN = "exit-all-token-8b3e77f1";
    private static final ObjectMapper JSON = SimulatedDesk.JSON;

    @RegisterExtension
    final SimulatedDesk desk = new SimulatedDesk("exit-all-key-51d0c9a2", TOKEN);

    @Test
    void shouldSendOneExitOrderPerLegHoweverOftenAndConcurrentlyItIsPressed() throws Exception {
        OpenAlgoSimulator market = desk.market(29);
        RunningApplication application = desk.start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        List<String> straddleSymbols = new ArrayList<>();
        for (int row = 18; row <= 20; row++) {
            JsonNode ce = chain.get("options").get(row).get("ce_data");
            JsonNode pe = chain.get("options").get(row).get("pe_data");
            desk.sold("straddle", 0, ce, pe);
            straddleSymbols.add(ce.get("symbol").asText());
            straddleSymbols.add(pe.get("symbol").asText());
        }
        JsonNode hedge = chain.get("options").get(25).get("ce_data");
        long hedgeId = desk.sold("hedge", 0, hedge);

        List<Long> exited = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> presses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                presses.add(pool.submit(() -> {
                    start.await();
                    return desk.send("POST", "/api/positions/exit-all?strategy=straddle", null);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> press : presses) {
                HttpResponse<String> response = press.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.get("strategy").asText()).isEqualTo("straddle");
                body.get("exited").forEach(p -> {
                    exited.add(p.get("id").asLong());
                    assertThat(p.get("exit_reason").asText()).isEqualTo("EXIT_ALL");
                });
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(exited).as("each straddle exited by exactly one of the four presses").hasSize(3).doesNotHaveDuplicates();
        desk.awaitOrders(6);
        assertThat(market.orders()).extracting(BrokerOrder::symbol).containsExactlyInAnyOrderElementsOf(straddleSymbols);
        assertThat(desk.position(hedgeId).get("state").asText()).as("another strategy is left alone").isEqualTo("OPEN");

        HttpResponse<String> everything = application.http().send("POST", "/api/positions/exit-all", null, TOKEN);
        assertThat(JSON.readTree(everything.body()).get("exited")).hasSize(1);
        desk.awaitOrders(7);
        desk.stop();
        application = desk.start();
        HttpResponse<String> afterRestart = application.http().send("POST", "/api/positions/exit-all", null, TOKEN);
        assertThat(JSON.readTree(afterRestart.body()).get("exited")).isEmpty();
        Thread.sleep(1_000);
        assertThat(market.orders()).as("one order per leg, whatever was pressed").hasSize(7);

        HttpResponse<String> bad = application.http().send("POST", "/api/positions/exit-all?strategy=%1B", null, TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("message").asText()).contains("strategy");
        HttpResponse<String> anonymous = application.http().send("POST", "/api/positions/exit-all", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).get("status").asText()).isEqualTo("error");
    }
}
