package io.optionchain.simulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optionchain.simulator.FeedClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every fault switch, over real sockets: flipped in the JVM or through the /sim/faults control API. */
class FaultsTest {
    private static final String KEY = "faults-test-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpenAlgoSimulator simulator;
    private Faults faults;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(11).withTicksPerSecond(400));
        faults = simulator.faults();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldAnswer429ForTheNextCallsOnlyThenServeAgain() throws Exception {
        faults.rateLimitRest(2);

        Reply first = api("ping");
        Reply second = api("ping");
        Reply third = api("ping");

        assertThat(first.status).isEqualTo(429);
        assertThat(first.body).isEqualTo(JSON.readTree(
                "{\"status\":\"error\",\"message\":\"Rate limit exceeded. Please slow down your requests.\"}"));
        assertThat(second.status).isEqualTo(429);
        assertThat(third.status).isEqualTo(200);
        assertThat(faults.settings()).containsEntry("rate_limit_remaining", 0);
    }

    @Test
    void shouldDelayEveryRestReplyUntilSwitchedOff() throws Exception {
        faults.slowRest(Duration.ofMillis(400));
        long started = System.nanoTime();
        assertThat(api("ping").status).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        faults.slowRest(Duration.ZERO);
        assertThat(api("ping").status).isEqualTo(200);
        assertThat(faults.settings()).containsEntry("slow_rest_ms", 0L);
    }

    @Test
    void shouldRefuseTheRightKeyWhileOn() throws Exception {
        faults.refuseAuth(true);
        try (FeedClient client = FeedClient.connect(simulator.wsUrl())) {
            client.send(Map.of("action", "authenticate", "api_key", KEY));
            assertThat(client.nextControl()).isEqualTo(JSON.readTree(
                    "{\"status\":\"error\",\"code\":\"AUTHENTICATION_ERROR\",\"message\":\"Invalid API key\"}"));

            faults.refuseAuth(false);
            client.send(Map.of("action", "authenticate", "api_key", KEY));
            assertThat(client.reply("auth").path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void shouldAnswerEveryKeyedCallWith403WhileLoggedOutThenServeAgain() throws Exception {
        faults.loggedOut(true);

        Reply ping = api("ping");
        assertThat(ping.status).isEqualTo(403);
        assertThat(ping.body).isEqualTo(
                JSON.readTree("{\"status\":\"error\",\"message\":\"Invalid openalgo apikey\"}"));
        assertThat(api("positionbook").status).as("the order endpoints too").isEqualTo(403);
        assertThat(api("market/holidays").status).isEqualTo(403);
        assertThat(faults.settings()).containsEntry("logged_out", true);

        faults.loggedOut(false);
        assertThat(api("ping").status).isEqualTo(200);
        assertThat(api("positionbook").status).isEqualTo(200);
    }

    @Test
    void shouldDropAuthenticatedFeedsAndRefuseAuthenticationWhileLoggedOut() throws Exception {
        try (FeedClient live = subscribed("NIFTY", "NSE_INDEX", 1);
             FeedClient waiting = FeedClient.connect(simulator.wsUrl())) {
            live.tick("NIFTY");

            faults.loggedOut(true);

            assertThat(live.awaitCloseCode(FeedClient.WAIT)).as("dropped, no close frame").isEqualTo(-1);
            waiting.send(Map.of("action", "authenticate", "api_key", KEY));
            assertThat(waiting.nextControl()).isEqualTo(JSON.readTree(
                    "{\"status\":\"error\",\"code\":\"AUTHENTICATION_ERROR\",\"message\":\"Invalid API key\"}"));
            assertThat(waiting.isOpen()).as("a socket that had not authenticated stays").isTrue();

            faults.loggedOut(false);
            waiting.send(Map.of("action", "authenticate", "api_key", KEY));
            assertThat(waiting.reply("auth").path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void shouldForgetTheLogOutOnReset() throws Exception {
        faults.loggedOut(true);
        faults.reset();
        assertThat(api("ping").status).isEqualTo(200);
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void shouldWithholdTicksWhileStalledWithoutClosing() throws Exception {
        try (FeedClient client = subscribed("NIFTY", "NSE_INDEX", 2)) {
            client.tick("NIFTY");
            faults.stall(true);
            client.ticksWithin("NIFTY", Duration.ofMillis(200)); // anything already on the wire

            assertThat(client.ticksWithin("NIFTY", Duration.ofSeconds(1))).isEmpty();
            assertThat(client.isOpen()).isTrue();

            faults.stall(false);
            assertThat(client.tick("NIFTY").path("data").path("ltp").asDouble()).isPositive();
        }
    }

    @Test
    void shouldDropEveryConnectionWithoutACloseFrame() throws Exception {
        try (FeedClient subscribed = subscribed("NIFTY", "NSE_INDEX", 1);
             FeedClient anonymous = FeedClient.connect(simulator.wsUrl())) {
            subscribed.tick("NIFTY");

            faults.dropConnections();

            assertThat(subscribed.awaitCloseCode(FeedClient.WAIT)).as("no close frame").isEqualTo(-1);
            assertThat(anonymous.awaitCloseCode(FeedClient.WAIT)).as("no close frame").isEqualTo(-1);
        }
        try (FeedClient again = subscribed("NIFTY", "NSE_INDEX", 1)) {
            assertThat(again.tick("NIFTY").path("data").path("ltp").asDouble()).isPositive();
        }
    }

    @Test
    void shouldTruncateEveryTickAtFractionOne() throws Exception {
        try (FeedClient client = subscribed("NIFTY", "NSE_INDEX", 2)) {
            faults.malformedFrames(1.0);
            client.ticksWithin("NIFTY", Duration.ofMillis(200));

            JsonNode broken = client.await(m -> "unparseable".equals(m.path("type").asText()), FeedClient.WAIT);
            assertThat(broken.path("text").asText()).startsWith("{\"type\":\"market_data\",\"symbol\":\"NIFTY\"");
            assertThat(client.ticksWithin("NIFTY", Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void shouldSendEveryTickTwiceAtFractionOne() throws Exception {
        faults.duplicateTicks(1.0);
        String option = nearestCall();
        try (FeedClient client = subscribed(option, "NFO", 3)) {
            List<JsonNode> ticks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ticks.add(client.tick(option));
            }
            for (int i = 0; i < ticks.size(); i += 2) {
                assertThat(ticks.get(i + 1)).as("tick %d and its copy", i).isEqualTo(ticks.get(i));
            }
        }
    }

    @Test
    void shouldZeroTheBestBidAndAskAtFractionOne() throws Exception {
        faults.zeroBidAsk(1.0);
        // In the money, so the second bid exists on expiry day too.
        String option = Listed.inTheMoneyCall(simulator);
        try (FeedClient client = subscribed(option, "NFO", 3)) {
            JsonNode depth = client.tick(option).path("data").path("depth");

            assertThat(depth.path("buy").get(0).path("price").asDouble()).isZero();
            assertThat(depth.path("buy").get(0).path("quantity").asLong()).isZero();
            assertThat(depth.path("sell").get(0).path("price").asDouble()).isZero();
            assertThat(depth.path("buy").get(1).path("price").asDouble()).isPositive();
        }
    }

    @Test
    void shouldDrawTheSameTickFaultsForTheSameSeed() {
        Faults one = new Faults(5, () -> { });
        Faults two = new Faults(5, () -> { });
        for (Faults f : List.of(one, two)) {
            f.malformedFrames(0.1);
            f.duplicateTicks(0.1);
            f.zeroBidAsk(0.1);
            f.missingDepth(0.2);
            f.oversizedFrames(0.1, 4096);
            f.unknownSymbols(0.1);
            f.outOfOrderTicks(0.1);
        }
        List<Faults.TickFault> first = new ArrayList<>();
        List<Faults.TickFault> second = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            first.add(one.tickFault());
            second.add(two.tickFault());
        }
        assertThat(first).isEqualTo(second).contains(Faults.TickFault.values());
    }

    @Test
    void shouldSwitchFaultsOverHttpAndReportThem() throws Exception {
        assertThat(control("POST", "stall?on=true").status).isEqualTo(200);
        assertThat(control("POST", "refuse-auth?on=true").status).isEqualTo(200);
        assertThat(control("POST", "logged-out?on=true").status).isEqualTo(200);
        assertThat(control("POST", "rate-limit?n=3").status).isEqualTo(200);
        assertThat(control("POST", "slow-rest?ms=5").status).isEqualTo(200);
        assertThat(control("POST", "malformed?fraction=0.01").status).isEqualTo(200);
        assertThat(control("POST", "duplicates?fraction=0.02").status).isEqualTo(200);
        assertThat(control("POST", "zero-bid-ask?fraction=0.03").status).isEqualTo(200);
        assertThat(control("POST", "missing-depth?fraction=0.04").status).isEqualTo(200);
        assertThat(control("POST", "oversized?fraction=0.05&bytes=65536").status).isEqualTo(200);
        assertThat(control("POST", "unknown-symbols?fraction=0.06").status).isEqualTo(200);
        assertThat(control("POST", "out-of-order?fraction=0.07").status).isEqualTo(200);
        assertThat(control("POST", "reject-orders?n=2").status).isEqualTo(200);
        assertThat(control("POST", "fail-orders?n=1").status).isEqualTo(200);
        assertThat(control("POST", "slow-orders?ms=250").status).isEqualTo(200);
        assertThat(control("POST", "never-fill?on=true").status).isEqualTo(200);
        assertThat(control("POST", "fail-telegram?n=4").status).isEqualTo(200);
        assertThat(control("POST", "book-gap?symbol=NIFTY08DEC2624500CE&factor=0.4").status).isEqualTo(200);
        assertThat(control("POST", "book-gap?symbol=NIFTY08DEC2624500CE&factor=0").status).isEqualTo(400);
        assertThat(control("POST", "book-gap?factor=0.4").status).isEqualTo(400);

        Reply current = control("GET", "");
        assertThat(current.status).isEqualTo(200);
        assertThat(current.body.path("faults")).isEqualTo(JSON.readTree("{\"stall\":true,\"refuse_auth\":true,"
                + "\"logged_out\":true,\"rate_limit_remaining\":3,\"slow_rest_ms\":5,\"fail_telegram_remaining\":4,"
                + "\"malformed\":0.01,\"duplicates\":0.02,"
                + "\"zero_bid_ask\":0.03,\"missing_depth\":0.04,\"oversized\":0.05,\"oversized_bytes\":65536,"
                + "\"unknown_symbols\":0.06,\"out_of_order\":0.07,\"reject_orders_remaining\":2,"
                + "\"book_gaps\":{\"NIFTY08DEC2624500CE\":0.4},"
                + "\"fail_orders_remaining\":1,\"slow_orders_ms\":250,\"never_fill\":true}"));
        assertThat(faults.settings().get("book_gaps")).as("reset below clears it").isNotEqualTo(Map.of());
        assertThat(control("POST", "oversized?fraction=0.05").body.path("faults").path("oversized_bytes").asInt())
                .as("bytes left out: the default").isEqualTo(Faults.DEFAULT_OVERSIZED_BYTES);

        Reply reset = control("POST", "reset");
        assertThat(reset.body.path("faults").path("stall").asBoolean()).isFalse();
        assertThat(reset.body.path("faults").path("logged_out").asBoolean()).isFalse();
        assertThat(faults.settings()).containsEntry("rate_limit_remaining", 0).containsEntry("malformed", 0.0)
                .containsEntry("out_of_order", 0.0).containsEntry("reject_orders_remaining", 0)
                .containsEntry("fail_orders_remaining", 0).containsEntry("slow_orders_ms", 0L)
                .containsEntry("never_fill", false).containsEntry("book_gaps", Map.of());
    }

    @Test
    void shouldDropConnectionsOverHttp() throws Exception {
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            assertThat(control("POST", "drop").status).isEqualTo(200);
            assertThat(client.awaitCloseCode(FeedClient.WAIT)).isEqualTo(-1);
        }
    }

    @Test
    void shouldAnswer400OnBadParameters() throws Exception {
        for (String bad : List.of("stall", "stall?on=yes", "refuse-auth?on=1", "logged-out?on=", "logged-out?on=yes", "rate-limit?n=-1", "rate-limit?n=x",
                "slow-rest?ms=", "slow-rest?ms=1.5", "malformed?fraction=2", "duplicates?fraction=NaN",
                "zero-bid-ask?fraction=-0.1", "malformed", "missing-depth?fraction=1.5", "oversized?fraction=0.1&bytes=0",
                "oversized?fraction=0.1&bytes=999999999", "unknown-symbols", "out-of-order?fraction=x",
                "reject-orders?n=-2", "fail-orders?n=", "slow-orders?ms=-5", "never-fill?on=maybe", "drop?symbol=")) {
            Reply reply = control("POST", bad);
            assertThat(reply.status).as(bad).isEqualTo(400);
            assertThat(reply.body.path("status").asText()).as(bad).isEqualTo("error");
            assertThat(reply.body.path("message").asText()).as(bad).isNotBlank();
        }
        assertThat(faults.settings()).containsEntry("stall", false).containsEntry("malformed", 0.0);
    }

    private FeedClient subscribed(String symbol, String exchange, int mode) throws Exception {
        FeedClient client = FeedClient.authenticated(simulator);
        client.send(Map.of("action", "subscribe", "symbol", symbol, "exchange", exchange, "mode", mode));
        assertThat(client.reply("subscribe").path("status").asText()).isEqualTo("success");
        return client;
    }

    private String nearestCall() {
        return Listed.atmCall(simulator);
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply api(String endpoint) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(simulator.restUrl() + "/api/v1/" + endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("apikey", KEY)))));
    }

    private Reply control(String method, String path) throws Exception {
        String url = simulator.restUrl() + "/sim/faults" + (path.isEmpty() ? "" : "/" + path);
        return send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }
}
