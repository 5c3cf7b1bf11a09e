package io.optionchain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.BrokerOrder;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Premium stop-losses through the product's REST API, judged on live simulated ticks, exiting through the
 * simulator's real order endpoints: each test counts the exit orders the simulated broker received.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PositionsApiTest {
    private static final String API_KEY = "positions-key-1b2c3d4e";
    private static final String TOKEN = "positions-token-5f6a7b8c9d";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path data;
    private OpenAlgoSimulator market;
    private RunningApplication application;
    private ApplicationHttp api;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        data = dir;
        market = OpenAlgoSimulator.start(SimulatorConfig.defaults(API_KEY).withSeed(91).withTicksPerSecond(3_000));
        application = startApplication();
        api = application.http();
        api.awaitChain("NIFTY", RunningApplication::everyLegQuoted);
    }

    @AfterEach
    void liftFaults() {
        market.faults().reset();
    }

    @AfterAll
    void stop() {
        if (application != null) {
            application.close();
        }
        if (market != null) {
            market.close();
        }
    }

    private RunningApplication startApplication() throws Exception {
        return RunningApplication.in(data).on(market, API_KEY).token(TOKEN).fastRecovery().start();
    }

    @Test
    void shouldExitALongOnTheBidWithOneSellOrder() throws Exception {
        JsonNode leg = atm("ce_data");
        String symbol = leg.get("symbol").asText();
        double bid = leg.get("bid").asDouble();
        // a stop far above the bid: the next tick of the symbol triggers it, however the quote has moved
        double stop = Math.round(bid * 2);
        JsonNode opened = open("{\"strategy\":\"long-stop\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":" + stop + "}");

        JsonNode closed = awaitPosition(opened.get("id").asLong(), p -> p.get("state").asText().equals("CLOSED"));

        List<BrokerOrder> exits = ordersOf(closed);
        assertThat(exits).hasSize(1);
        BrokerOrder exit = exits.get(0);
        assertThat(exit.action()).isEqualTo("SELL");
        assertThat(exit.symbol()).isEqualTo(symbol);
        assertThat(exit.quantity()).isEqualTo(65);
        assertThat(exit.pricetype()).isEqualTo("LIMIT");
        assertThat(exit.status()).isEqualTo("complete");
        assertThat(closed.get("exit_reason").asText()).isEqualTo("STOP");
        JsonNode trigger = decision(closed.get("id").asLong(), "TRIGGER");
        // judged on the bid, the price a long can really sell at: the mark is the bid, at or below the stop
        assertThat(trigger.get("mark").asDouble()).isEqualTo(trigger.get("bid").asDouble());
        assertThat(trigger.get("mark").asDouble()).isLessThanOrEqualTo(stop);
        assertThat(trigger.get("level").asDouble()).isEqualTo(stop);
        assertThat(trigger.get("latency_us").asDouble()).isPositive();
        // a marketable limit: one rupee (exit_buffer) under the bid it was judged on, on the 0.05 tick
        assertThat(exit.price()).isCloseTo(trigger.get("bid").asDouble() - 1.0, within(0.051));
        assertThat(closed.get("legs").get(0).get("fill_price").asDouble()).isPositive();
    }

    @Test
    void shouldExitAShortOnTheAskWithOneBuyOrder() throws Exception {
        JsonNode leg = atm("pe_data");
        String symbol = leg.get("symbol").asText();
        double ask = leg.get("ask").asDouble();
        double stop = Math.floor(ask / 2);
        JsonNode opened = open("{\"strategy\":\"short-stop\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"short\",\"lots\":2,\"entry_price\":" + ask + "}],\"stop\":" + stop + "}");

        JsonNode closed = awaitPosition(opened.get("id").asLong(), p -> p.get("state").asText().equals("CLOSED"));

        List<BrokerOrder> exits = ordersOf(closed);
        assertThat(exits).hasSize(1);
        assertThat(exits.get(0).action()).isEqualTo("BUY");
        assertThat(exits.get(0).quantity()).isEqualTo(130);
        JsonNode trigger = decision(closed.get("id").asLong(), "TRIGGER");
        assertThat(trigger.get("mark").asDouble()).isEqualTo(trigger.get("ask").asDouble());
        assertThat(trigger.get("mark").asDouble()).isGreaterThanOrEqualTo(stop);
        assertThat(exits.get(0).price()).isCloseTo(trigger.get("ask").asDouble() + 1.0, within(0.051));
    }

    @Test
    void shouldRatchetATrailingStopOnlyInThePositionsFavour() throws Exception {
        // a long call and a long put: whichever way the simulated index walks, one of them makes new highs, so the
        // test needs no lucky walk (one long call alone failed when the index fell for the whole window)
        JsonNode call = atm("ce_data");
        JsonNode put = atm("pe_data");
        long[] ids = {trailing(call), trailing(put)};
        double[] trails = {Math.floor(call.get("bid").asDouble() / 2), Math.floor(put.get("bid").asDouble() / 2)};
        List<List<Double>> stops = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());

        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until && !(climbed(stops.get(0)) || climbed(stops.get(1)))) {
            for (int i = 0; i < 2; i++) {
                JsonNode now = position(ids[i]);
                if (!now.get("stop_level").isNull()) {
                    stops.get(i).add(now.get("stop_level").asDouble());
                    assertThat(now.get("stop_level").asDouble()).isCloseTo(now.get("watermark").asDouble()
                            - trails[i], within(0.01));
                }
            }
            Thread.sleep(50);
        }
        assertThat(stops.get(0)).as("the call's stop never falls").isSorted();
        assertThat(stops.get(1)).as("the put's stop never falls").isSorted();
        assertThat(climbed(stops.get(0)) || climbed(stops.get(1))).as("a bid made a new high: " + stops).isTrue();
        for (long id : ids) {
            assertThat(position(id).get("state").asText()).isEqualTo("OPEN");
            api.send("DELETE", "/api/positions/" + id, null, TOKEN);
        }
    }

    /** A long of one lot at the bid, trailing by half of it. */
    private long trailing(JsonNode leg) throws Exception {
        double bid = leg.get("bid").asDouble();
        return open("{\"strategy\":\"trailing\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"trailing_points\":"
                + Math.floor(bid / 2) + "}").get("id").asLong();
    }

    private static boolean climbed(List<Double> stops) {
        return stops.size() >= 40 && stops.get(stops.size() - 1) > stops.get(0);
    }

    @Test
    void shouldNeverFireOnZeroOrMissingQuotes() throws Exception {
        JsonNode leg = atm("ce_data");
        double bid = leg.get("bid").asDouble();
        JsonNode opened = open("{\"strategy\":\"zero-quotes\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":" + Math.floor(bid / 2) + "}");
        long id = opened.get("id").asLong();
        long ordersBefore = market.orders().size();
        long ticksBefore = ticks();

        // a zero bid is "at or below any stop" to a careless evaluator
        market.faults().zeroBidAsk(0.5);
        market.faults().missingDepth(0.3);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ticks() < ticksBefore + 3_000 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ticks()).isGreaterThan(ticksBefore + 3_000);
        market.faults().reset();

        assertThat(position(id).get("state").asText()).isEqualTo("OPEN");
        assertThat(market.orders()).hasSize((int) ordersBefore);
        assertThat(api.send("DELETE", "/api/positions/" + id, null, TOKEN).statusCode()).isEqualTo(200);
        assertThat(position(id).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void shouldExitAboveTheFreezeQuantityInSlicesEachSentAndFilledOnce() throws Exception {
        // 28 NIFTY lots are 1,820 units; NSE (and the simulator) take at most 1,800 in one order: 27 lots, then 1
        JsonNode leg = atm("ce_data");
        String symbol = leg.get("symbol").asText();
        double bid = leg.get("bid").asDouble();
        JsonNode opened = open("{\"strategy\":\"above-freeze\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"long\",\"lots\":28,\"entry_price\":" + bid + "}],\"stop\":" + Math.round(bid * 2)
                + "}");
        long id = opened.get("id").asLong();
        assertThat(opened.get("legs").get(0).get("slices")).extracting(s -> s.get("quantity").asInt())
                .containsExactly(1_755, 65);

        JsonNode closed = awaitPosition(id, p -> p.get("state").asText().matches("CLOSED|EXIT_FAILED"));

        assertThat(closed.get("state").asText()).as(closed.toString()).isEqualTo("CLOSED");
        List<BrokerOrder> exits = ordersOf(closed);
        assertThat(exits).extracting(BrokerOrder::quantity).containsExactlyInAnyOrder(1_755, 65);
        assertThat(exits).allSatisfy(o -> {
            assertThat(o.symbol()).isEqualTo(symbol);
            assertThat(o.action()).isEqualTo("SELL");
            assertThat(o.status()).isEqualTo("complete");
            assertThat(o.filled()).isEqualTo(o.quantity());
        });
        assertThat(exits).extracting(BrokerOrder::strategy).doesNotHaveDuplicates()
                .allSatisfy(tag -> assertThat(tag).matches("oc-[a-z0-9]+-" + id + "-0-[01]"));
        JsonNode exited = closed.get("legs").get(0);
        assertThat(exited.get("exit").asText()).isEqualTo("FILLED");
        JsonNode slices = exited.get("slices");
        assertThat(slices).hasSize(2);
        double value = 0;
        for (JsonNode slice : slices) {
            BrokerOrder order = exits.stream().filter(o -> o.orderid().equals(slice.get("order_id").asText()))
                    .findFirst().orElseThrow();
            assertThat(slice.get("quantity").asInt()).isEqualTo(order.quantity());
            assertThat(slice.get("exit").asText()).isEqualTo("FILLED");
            assertThat(slice.get("fill_price").asDouble()).isCloseTo(order.averagePrice(), within(0.006));
            value += slice.get("fill_price").asDouble() * slice.get("quantity").asInt();
        }
        assertThat(exited.get("order_id").asText()).isEqualTo(slices.get(0).get("order_id").asText());
        // the leg's fill is the slices' average by quantity, and its P&L the slices' together
        assertThat(exited.get("fill_price").asDouble()).isCloseTo(value / 1_820, within(0.006));
        assertThat(closed.get("realized_pnl").asDouble()).isCloseTo(value - bid * 1_820, within(0.5));
        assertThat(decisions(id, "FILL", 2))
                .extracting(f -> f.get("quantity").asInt() + " " + f.get("message").asText())
                .containsExactlyInAnyOrder("1755 slice 1 of 2", "65 slice 2 of 2");
        Thread.sleep(1_000); // later ticks keep coming: still one order per slice
        assertThat(ordersOf(closed)).hasSize(2);
    }

    @Test
    void shouldFireACombinedStraddleStopOnceWithOneOrderPerLeg() throws Exception {
        JsonNode ce = atm("ce_data");
        JsonNode pe = atm("pe_data");
        double asks = ce.get("ask").asDouble() + pe.get("ask").asDouble();
        JsonNode opened = open("{\"strategy\":\"short-straddle\",\"legs\":["
                + "{\"symbol\":\"" + ce.get("symbol").asText() + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":"
                + ce.get("bid").asDouble() + "},"
                + "{\"symbol\":\"" + pe.get("symbol").asText() + "\",\"side\":\"short\",\"lots\":1,\"entry_price\":"
                + pe.get("bid").asDouble() + "}],"
                + "\"stop\":" + Math.floor(asks / 2) + "}");

        JsonNode closed = awaitPosition(opened.get("id").asLong(), p -> p.get("state").asText().equals("CLOSED"));

        List<BrokerOrder> exits = ordersOf(closed);
        assertThat(exits).extracting(BrokerOrder::symbol)
                .containsExactlyInAnyOrder(ce.get("symbol").asText(), pe.get("symbol").asText());
        assertThat(exits).allSatisfy(o -> assertThat(o.action()).isEqualTo("BUY"));
        Thread.sleep(1_000); // later ticks keep coming: still one order per leg
        assertThat(ordersOf(closed)).hasSize(2);
        assertThat(closed.get("realized_pnl").isNull()).isFalse();
    }

    @Test
    void shouldSendOnceWhenTheBrokerFailsThePlaceOrderCall() throws Exception {
        // HTTP 500 from placeorder: the outcome is unknown, so the desk looks before it sends again
        market.faults().failNextOrders(1);
        JsonNode leg = atm("ce_data");
        double bid = leg.get("bid").asDouble();
        JsonNode opened = open("{\"strategy\":\"broker-500\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":" + Math.round(bid * 2) + "}");

        JsonNode closed = awaitPosition(opened.get("id").asLong(), p -> p.get("state").asText().equals("CLOSED"));

        assertThat(ordersOf(closed)).hasSize(1);
        assertThat(ordersOf(closed).get(0).status()).isEqualTo("complete");
    }

    @Test
    void shouldNotResendAnExitTheBrokerRejectedAndSaySo() throws Exception {
        market.faults().rejectNextOrders(1);
        JsonNode leg = atm("pe_data");
        double bid = leg.get("bid").asDouble();
        JsonNode opened = open("{\"strategy\":\"broker-rejects\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":" + Math.round(bid * 2) + "}");
        long id = opened.get("id").asLong();

        JsonNode failed = awaitPosition(id, p -> p.get("state").asText().equals("EXIT_FAILED"));

        Thread.sleep(1_000);
        assertThat(ordersOf(failed)).hasSize(1);
        assertThat(ordersOf(failed).get(0).status()).isEqualTo("rejected");
        assertThat(decision(id, "EXIT_FAILED").get("message").asText()).isNotBlank();
    }

    /**
     * The application's one account is the primary, {@code primary}: a position names it or nothing, and any other
     * name is refused. While it cannot take orders (every placeorder answers 500 and places nothing) the exit waits
     * for it, says why in the position's JSON and alerts at once in the audit log; once it answers, exactly one order.
     */
    @Test
    void shouldHoldAPositionInItsAccountAndQueueItsExitWhileTheAccountCannotTakeOrders() throws Exception {
        JsonNode leg = atm("ce_data");
        String symbol = leg.get("symbol").asText();
        double bid = leg.get("bid").asDouble();
        String body = "{\"strategy\":\"held\",\"account\":\"primary\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":" + Math.round(bid * 2) + "}";
        assertError(api.send("POST", "/api/positions", body.replace("\"primary\"", "\"upstox-spare\""), TOKEN), 400,
                "upstox-spare");
        assertError(api.send("POST", "/api/positions", body.replace("\"primary\"", "\"upstox-spare\""), TOKEN), 400,
                "[primary]");
        market.faults().failNextOrders(Integer.MAX_VALUE);

        JsonNode opened = open(body);
        long id = opened.get("id").asLong();
        assertThat(opened.get("account").asText()).isEqualTo("primary");
        assertThat(opened.get("exit_waiting").isNull()).isTrue();
        JsonNode waiting = awaitPosition(id, p -> !p.get("exit_waiting").isNull());

        assertThat(waiting.get("state").asText()).isEqualTo("EXITING");
        assertThat(waiting.get("exit_waiting").get("cause").asText()).contains("500");
        assertThat(waiting.get("exit_waiting").get("since").asText()).isNotBlank();
        JsonNode alert = decision(id, "EXIT_QUEUED");
        assertThat(alert.get("account").asText()).isEqualTo("primary");
        assertThat(alert.get("message").asText()).contains("primary").contains("500");
        assertThat(decision(id, "TRIGGER").get("account").asText()).isEqualTo("primary");
        Thread.sleep(1_500);
        assertThat(ordersOf(waiting)).as("nothing placed while it cannot take orders").isEmpty();

        market.faults().failNextOrders(0);
        JsonNode closed = awaitPosition(id, p -> p.get("state").asText().equals("CLOSED"));

        assertThat(ordersOf(closed)).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo("complete"));
        assertThat(closed.get("exit_waiting").isNull()).isTrue();
        assertThat(decisions(id, "EXIT_QUEUED", 2)).as("one alert for the wait").hasSize(1);
        JsonNode unnamed = open(body.replace(",\"account\":\"primary\"", "").replace("\"stop\":" + Math.round(bid * 2),
                "\"stop\":" + Math.floor(bid / 3)));
        assertThat(unnamed.get("account").asText()).as("left out: the primary").isEqualTo("primary");
        api.send("DELETE", "/api/positions/" + unnamed.get("id").asLong(), null, TOKEN);
    }

    @Test
    void shouldRefuseBadRequestsWithJsonAndWithoutTheToken() throws Exception {
        String symbol = atm("ce_data").get("symbol").asText();
        String good = "{\"strategy\":\"x\",\"legs\":[{\"symbol\":\"" + symbol
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":100}],\"stop\":50}";
        assertThat(api.send("POST", "/api/positions", good, null).statusCode()).isEqualTo(401);
        assertThat(api.send("POST", "/api/positions", good, "wrong-token").statusCode()).isEqualTo(403);
        assertError(api.send("POST", "/api/positions", "{not json", TOKEN), 400, "body must be JSON");
        assertError(api.send("POST", "/api/positions", good.replace("\"lots\":1", "\"quantity\":100"), TOKEN), 400,
                "lots of 65");
        assertError(api.send("POST", "/api/positions", good.replace("long", "sideways"), TOKEN), 400,
                "side must be long or short");
        assertError(api.send("POST", "/api/positions", good.replace("\"stop\"", "\"stopp\""), TOKEN), 400,
                "'stopp': unknown field");
        assertError(api.send("GET", "/api/positions/999999", null, null), 404, "999999");
        assertError(api.send("DELETE", "/api/positions/abc", null, TOKEN), 400, "position id must be a number");
    }

    @Test
    void shouldBringPositionsBackAfterARestartWithoutSendingAnything() throws Exception {
        JsonNode leg = atm("ce_data");
        double bid = leg.get("bid").asDouble();
        JsonNode opened = open("{\"strategy\":\"survivor\",\"legs\":[{\"symbol\":\"" + leg.get("symbol").asText()
                + "\",\"side\":\"long\",\"lots\":1,\"entry_price\":" + bid + "}],\"stop\":" + Math.floor(bid / 3)
                + ",\"trailing_points\":40}");
        long id = opened.get("id").asLong();
        int orders = market.orders().size();

        application.close();
        application = startApplication();
        api = application.http();

        JsonNode back = position(id);
        assertThat(back.get("state").asText()).isEqualTo("OPEN");
        assertThat(back.get("strategy").asText()).isEqualTo("survivor");
        assertThat(back.get("rules").get("trailing_points").asDouble()).isEqualTo(40);
        assertThat(back.get("legs").get(0).get("symbol").asText()).isEqualTo(leg.get("symbol").asText());
        awaitPosition(id, p -> !p.get("mark").isNull());
        assertThat(market.orders()).hasSize(orders);
        assertThat(Files.readString(data.resolve("risk-audit.jsonl"))).contains("\"position_id\":" + id);
        api.send("DELETE", "/api/positions/" + id, null, TOKEN);
    }

    private JsonNode atm(String side) throws Exception {
        JsonNode chain = api.awaitChain("NIFTY", RunningApplication::everyLegQuoted);
        return chain.get("options").get(20).get(side);
    }

    private JsonNode open(String body) throws Exception {
        HttpResponse<String> response = api.send("POST", "/api/positions", body, TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private JsonNode position(long id) throws Exception {
        return JSON.readTree(api.get("/api/positions/" + id).body());
    }

    private JsonNode awaitPosition(long id, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = position(id);
        while (!condition.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = position(id);
        }
        assertThat(condition.test(last)).as("position " + id + " within 30 s; last " + last).isTrue();
        return last;
    }

    /**
     * The exit orders the simulated broker received for this position's legs (tagged oc-{epoch}-{id}-{leg}, and
     * oc-{epoch}-{id}-{leg}-{slice} for the slices of a leg above the freeze quantity).
     */
    private List<BrokerOrder> ordersOf(JsonNode position) {
        java.util.regex.Pattern tag = java.util.regex.Pattern.compile("oc-[a-z0-9]+-" + position.get("id").asLong()
                + "-\\d+(-\\d+)?");
        return market.orders().stream().filter(o -> tag.matcher(o.strategy()).matches()).toList();
    }

    /** The position's audit line of {@code kind}, read back from the audit file. */
    private JsonNode decision(long id, String kind) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(data.resolve("risk-audit.jsonl"))) {
                JsonNode event = JSON.readTree(line);
                if (event.path("position_id").asLong() == id && event.path("kind").asText().equals(kind)) {
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind + " for position " + id + " in the audit log");
    }

    /** The position's audit lines of {@code kind}, once {@code count} are written (or after 10 s, those there are). */
    private List<JsonNode> decisions(long id, String kind, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> events = new java.util.ArrayList<>();
        while (events.size() < count && System.nanoTime() < deadline) {
            events.clear();
            for (String line : Files.readAllLines(data.resolve("risk-audit.jsonl"))) {
                JsonNode event = JSON.readTree(line);
                if (event.path("position_id").asLong() == id && event.path("kind").asText().equals(kind)) {
                    events.add(event);
                }
            }
            Thread.sleep(events.size() < count ? 50 : 0);
        }
        return events;
    }

    private long ticks() throws Exception {
        return JSON.readTree(api.get("/api/option-chain/status").body()).get("feed").get("ticks").asLong();
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).contains(message);
    }
}
