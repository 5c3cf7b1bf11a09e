package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    private static final String API_KEY = "exit-all-key-51d0c9a2";
    private static final String TOKEN = "exit-all-token-8b3e77f1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private OpenAlgoSimulator market;
    private RunningApplication application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
        if (market != null) {
            market.close();
        }
    }

    @Test
    void shouldSendOneExitOrderPerLegHoweverOftenAndConcurrentlyItIsPressed() throws Exception {
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(29).withTicksPerSecond(500));
        application = start();
        JsonNode chain = application.http().awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        List<String> straddleSymbols = new ArrayList<>();
        for (int row = 18; row <= 20; row++) {
            JsonNode ce = chain.get("options").get(row).get("ce_data");
            JsonNode pe = chain.get("options").get(row).get("pe_data");
            open("straddle", ce, pe);
            straddleSymbols.add(ce.get("symbol").asText());
            straddleSymbols.add(pe.get("symbol").asText());
        }
        JsonNode hedge = chain.get("options").get(25).get("ce_data");
        long hedgeId = open("hedge", hedge);

        List<Long> exited = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> presses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                presses.add(pool.submit(() -> {
                    start.await();
                    return application.http().send("POST", "/api/positions/exit-all?strategy=straddle", null, TOKEN);
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
        awaitOrders(6);
        assertThat(market.orders()).extracting(BrokerOrder::symbol).containsExactlyInAnyOrderElementsOf(straddleSymbols);
        assertThat(state(hedgeId)).as("another strategy is left alone").isEqualTo("OPEN");

        HttpResponse<String> everything = application.http().send("POST", "/api/positions/exit-all", null, TOKEN);
        assertThat(JSON.readTree(everything.body()).get("exited")).hasSize(1);
        awaitOrders(7);
        application.close();
        application = start();
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

    private void awaitOrders(int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (market.orders().size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(market.orders()).hasSize(count);
    }

    private long open(String strategy, JsonNode... legs) throws Exception {
        StringBuilder body = new StringBuilder("{\"strategy\":\"" + strategy + "\",\"legs\":[");
        for (int i = 0; i < legs.length; i++) {
            body.append(i == 0 ? "" : ",").append("{\"symbol\":\"").append(legs[i].get("symbol").asText())
                    .append("\",\"side\":\"short\",\"lots\":1,\"entry_price\":").append(legs[i].get("ask").asDouble())
                    .append('}');
        }
        body.append("],\"stop\":100000}");
        HttpResponse<String> response = application.http().send("POST", "/api/positions", body.toString(), TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private String state(long id) throws Exception {
        return JSON.readTree(application.http().get("/api/positions/" + id).body()).get("state").asText();
    }

    private RunningApplication start() throws Exception {
        return RunningApplication.in(data).on(market, API_KEY).token(TOKEN).start();
    }
}
