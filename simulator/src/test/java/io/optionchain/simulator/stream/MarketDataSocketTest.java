package io.optionchain.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.FeedClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MarketDataSocketTest {
    private static final String KEY = "socket-test-key";
    private static OpenAlgoSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(7).withTicksPerSecond(500));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void shouldAuthenticateWithTheApiKey() throws Exception {
        try (FeedClient client = FeedClient.connect(simulator.wsUrl())) {
            client.send(Map.of("action", "authenticate", "api_key", KEY));
            JsonNode reply = client.reply("auth");
            assertThat(reply.path("status").asText()).isEqualTo("success");
            assertThat(reply.path("message").asText()).isEqualTo("Authentication successful");
            assertThat(reply.path("broker").asText()).isEqualTo("simulator");
            assertThat(reply.path("supported_features").path("depth").asBoolean()).isTrue();
        }
    }

    @Test
    void shouldAcceptTheShortActionAndTheApikeySpelling() throws Exception {
        try (FeedClient client = FeedClient.connect(simulator.wsUrl())) {
            client.send(Map.of("action", "auth", "apikey", KEY));
            assertThat(client.reply("auth").path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void shouldRejectAWrongKeyAndKeepTheSocketOpen() throws Exception {
        try (FeedClient client = FeedClient.connect(simulator.wsUrl())) {
            client.send(Map.of("action", "authenticate", "api_key", "wrong"));
            JsonNode error = client.nextControl();
            assertThat(error.has("type")).isFalse();
            assertThat(error.path("status").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("AUTHENTICATION_ERROR");
            assertThat(error.path("message").asText()).isEqualTo("Invalid API key");

            client.send(Map.of("action", "authenticate", "api_key", KEY));
            assertThat(client.reply("auth").path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void shouldRefuseToSubscribeBeforeAuthentication() throws Exception {
        try (FeedClient client = FeedClient.connect(simulator.wsUrl())) {
            client.send(Map.of("action", "subscribe", "symbol", "NIFTY", "exchange", "NSE_INDEX"));
            JsonNode error = client.nextControl();
            assertThat(error.path("code").asText()).isEqualTo("NOT_AUTHENTICATED");
            assertThat(error.path("message").asText()).isEqualTo("You must authenticate first");
        }
    }

    @Test
    void shouldAnswerInvalidJsonAndUnknownActionsWithoutClosing() throws Exception {
        try (FeedClient client = FeedClient.connect(simulator.wsUrl())) {
            client.send("{not json");
            JsonNode invalid = client.nextControl();
            assertThat(invalid.path("code").asText()).isEqualTo("INVALID_JSON");
            assertThat(invalid.path("message").asText()).isEqualTo("Invalid JSON message");

            client.send(Map.of("action", "dance"));
            JsonNode unknown = client.nextControl();
            assertThat(unknown.path("code").asText()).isEqualTo("INVALID_ACTION");
            assertThat(unknown.path("message").asText()).isEqualTo("Invalid action: dance");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void shouldRejectABooleanMode() throws Exception {
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "symbol", "NIFTY", "exchange", "NSE_INDEX", "mode", true));
            JsonNode error = client.nextControl();
            assertThat(error.path("code").asText()).isEqualTo("INVALID_MODE");
            assertThat(error.path("message").asText()).isEqualTo("Mode must be int or str, got bool (True)");
        }
    }

    @Test
    void shouldReportEverySymbolOfASubscribeAndEchoTheRequestId() throws Exception {
        String option = atmCall();
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "mode", "depth", "depth", 5, "request_id", "r1",
                    "symbols", List.of(
                            Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"),
                            Map.of("symbol", option, "exchange", "NFO"),
                            Map.of("symbol", "NOPE", "exchange", "NFO"))));
            JsonNode reply = client.reply("subscribe");
            assertThat(reply.path("status").asText()).isEqualTo("partial");
            assertThat(reply.path("message").asText()).isEqualTo("Subscription processing complete");
            assertThat(reply.path("request_id").asText()).isEqualTo("r1");
            JsonNode items = reply.path("subscriptions");
            assertThat(items).hasSize(3);
            assertThat(items.get(0).path("status").asText()).isEqualTo("success");
            assertThat(items.get(0).path("mode").asText()).isEqualTo("Depth");
            assertThat(items.get(0).path("depth").asInt()).isEqualTo(5);
            assertThat(items.get(1).path("symbol").asText()).isEqualTo(option);
            assertThat(items.get(1).path("status").asText()).isEqualTo("success");
            assertThat(items.get(2).path("status").asText()).isEqualTo("error");
            assertThat(items.get(2).path("message").asText()).isEqualTo("Symbol NOPE not found for exchange NFO");
        }
    }

    @Test
    void shouldAcceptTheSingleSymbolFormAndEchoNoRequestIdUnlessSent() throws Exception {
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "symbol", "BANKNIFTY", "exchange", "NSE_INDEX", "mode", 2));
            JsonNode reply = client.reply("subscribe");
            assertThat(reply.path("status").asText()).isEqualTo("success");
            assertThat(reply.has("request_id")).isFalse();
            assertThat(reply.path("subscriptions").get(0).path("mode").asText()).isEqualTo("Quote");
        }
    }

    @Test
    void shouldStreamDepthTicksWithFiveSaneLevels() throws Exception {
        String option = atmCall();
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "mode", 3,
                    "symbols", List.of(Map.of("symbol", option, "exchange", "NFO"))));
            client.reply("subscribe");
            for (int i = 0; i < 3; i++) {
                JsonNode tick = client.tick(option);
                assertThat(tick.path("mode").asInt()).isEqualTo(3);
                assertThat(tick.path("exchange").asText()).isEqualTo("NFO");
                assertThat(tick.path("broker").asText()).isEqualTo("simulator");
                JsonNode data = tick.path("data");
                assertThat(fieldNames(data)).contains("ltp", "ltt", "timestamp", "open", "high", "low", "close",
                        "volume", "last_quantity", "average_price", "total_buy_quantity", "total_sell_quantity",
                        "oi", "upper_circuit", "lower_circuit", "depth");
                JsonNode buy = data.path("depth").path("buy");
                JsonNode sell = data.path("depth").path("sell");
                assertThat(buy).hasSize(5);
                assertThat(sell).hasSize(5);
                assertThat(buy.get(0).path("price").asDouble()).isLessThan(sell.get(0).path("price").asDouble());
                for (JsonNode level : List.of(buy.get(0), buy.get(1), sell.get(0), sell.get(4))) {
                    assertOnTickGrid(level.path("price").asDouble());
                    assertThat(level.path("quantity").asLong() % 65).isZero();
                    assertThat(level.path("orders").asInt()).isPositive();
                }
                assertOnTickGrid(data.path("ltp").asDouble());
                assertThat(data.path("last_quantity").asLong() % 65).isZero();
            }
        }
    }

    @Test
    void shouldTagLtpSubscriptionsWithModeOneAndSendOnlyLtpFields() throws Exception {
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "mode", "LTP",
                    "symbols", List.of(Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"))));
            client.reply("subscribe");
            JsonNode tick = client.tick("NIFTY");
            assertThat(tick.path("mode").asInt()).isEqualTo(1);
            assertThat(tick.path("data").path("mode").asInt()).isEqualTo(1);
            assertThat(fieldNames(tick.path("data")))
                    .containsExactlyInAnyOrder("symbol", "exchange", "mode", "ltp", "ltt", "timestamp");
        }
    }

    @Test
    void shouldSendNoTickAfterTheUnsubscribeReply() throws Exception {
        String option = atmPut();
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "symbols", List.of(Map.of("symbol", option, "exchange", "NFO"))));
            client.reply("subscribe");
            client.tick(option);
            client.send(Map.of("action", "unsubscribe",
                    "symbols", List.of(Map.of("symbol", option, "exchange", "NFO", "mode", 2))));
            JsonNode reply = client.reply("unsubscribe");
            assertThat(reply.path("status").asText()).isEqualTo("success");
            assertThat(reply.path("message").asText()).isEqualTo("Unsubscription processing complete");
            assertThat(reply.path("successful").get(0).path("symbol").asText()).isEqualTo(option);
            assertThat(reply.path("failed")).isEmpty();
            assertThat(client.ticksWithin(option, Duration.ofMillis(700))).isEmpty();
        }
    }

    @Test
    void shouldClearEverySubscriptionOnUnsubscribeAll() throws Exception {
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "mode", 1, "symbols", List.of(
                    Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"),
                    Map.of("symbol", "BANKNIFTY", "exchange", "NSE_INDEX"))));
            client.reply("subscribe");
            client.tick("BANKNIFTY");
            client.send(Map.of("action", "unsubscribe_all"));
            JsonNode reply = client.reply("unsubscribe");
            assertThat(reply.path("successful")).hasSize(2);
            assertThat(client.ticksWithin("NIFTY", Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void shouldAnswerAnApplicationPing() throws Exception {
        try (FeedClient client = FeedClient.connect(simulator.wsUrl())) {
            client.send(Map.of("action", "ping", "timestamp", 123, "_pingId", 7));
            JsonNode pong = client.reply("pong");
            assertThat(pong.path("status").asText()).isEqualTo("success");
            assertThat(pong.path("client_timestamp").asLong()).isEqualTo(123);
            assertThat(pong.path("_pingId").asInt()).isEqualTo(7);
            assertThat(pong.path("server_timestamp").asLong()).isPositive();
        }
    }

    @Test
    void shouldKeepTickingTheIndexWhileManyOptionsAreSubscribed() throws Exception {
        List<Map<String, String>> symbols = new ArrayList<>();
        symbols.add(Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"));
        for (int i = -20; i < 20; i++) {
            symbols.add(Map.of("symbol", Listed.option(simulator, Listed.strike(simulator, i), true),
                    "exchange", "NFO"));
        }
        try (FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "mode", 1, "symbols", symbols));
            assertThat(client.reply("subscribe").path("status").asText()).isEqualTo("success");
            // About 20 expected (one every 100 ms); a generous floor keeps a loaded machine from failing.
            assertThat(client.ticksWithin("NIFTY", Duration.ofSeconds(2))).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    private static String atmCall() {
        return atm(true);
    }

    private static String atmPut() {
        return atm(false);
    }

    private static String atm(boolean call) {
        return Listed.option(simulator, Listed.strike(simulator, 0), call);
    }

    private static void assertOnTickGrid(double price) {
        double paise = price * 100;
        assertThat(Math.abs(paise - Math.round(paise))).isLessThan(1e-6);
        assertThat(Math.round(paise) % 5).isZero();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
