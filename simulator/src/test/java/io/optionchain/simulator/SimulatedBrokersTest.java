package io.optionchain.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two accounts on two brokers over one market, over real sockets: the same ticks on both, and each
 * account's key, orders and positions its own.
 */
class SimulatedBrokersTest {
    private static final AccountSpec ZERODHA = new AccountSpec("zerodha-main", "zerodha", "key-zerodha", 0, 0);
    private static final AccountSpec ANGEL = new AccountSpec("angel-backup", "angel", "key-angel", 0, 0);

    private SimulatedBrokers brokers;

    @BeforeEach
    void start() {
        brokers = SimulatedBrokers.start(SimulatorConfig.defaults("unused").withSeed(21).withTicksPerSecond(400),
                List.of(ZERODHA, ANGEL));
    }

    @AfterEach
    void stop() {
        brokers.close();
    }

    @Test
    void shouldStreamTheSameTicksWithTheSameExchangeTimeAndFieldsOnEveryAccount() throws Exception {
        String option = Listed.inTheMoneyCall(brokers);
        brokers.rate(0);
        try (FeedClient zerodha = subscribed(ZERODHA, option);
             FeedClient angel = subscribed(ANGEL, option)) {
            brokers.rate(400);
            Thread.sleep(1_000);
            brokers.rate(0);

            List<JsonNode> onZerodha = ticks(zerodha);
            List<JsonNode> onAngel = ticks(angel);

            assertThat(onZerodha).extracting(t -> t.path("symbol").asText()).contains("NIFTY", option);
            assertThat(onZerodha).hasSizeGreaterThan(20);
            assertThat(onAngel).as("frame for frame: symbol, ltt, timestamp, quote and depth").isEqualTo(onZerodha);
        }
    }

    @Test
    void shouldServeEachAccountOnItsOwnPortsWithItsOwnKey() throws Exception {
        SimulatedAccount zerodha = brokers.account("zerodha-main");
        SimulatedAccount angel = brokers.account("angel-backup");
        assertThat(brokers.accounts()).extracting(SimulatedAccount::name).containsExactly("zerodha-main", "angel-backup");
        assertThat(List.of(port(zerodha.restUrl()), port(zerodha.wsUrl()), port(angel.restUrl()), port(angel.wsUrl())))
                .doesNotHaveDuplicates();
        ApiClient zerodhaApi = new ApiClient(zerodha.restUrl());

        assertThat(zerodhaApi.post("ping", Map.of("apikey", "key-zerodha")).status()).isEqualTo(200);
        ApiClient.Reply otherKey = zerodhaApi.post("ping", Map.of("apikey", "key-angel"));
        assertThat(otherKey.status()).isEqualTo(403);
        assertThat(otherKey.message()).isEqualTo("Invalid openalgo apikey");
        try (FeedClient client = FeedClient.connect(angel.wsUrl())) {
            client.send(Map.of("action", "authenticate", "api_key", "key-zerodha"));
            assertThat(client.nextControl().path("code").asText()).isEqualTo("AUTHENTICATION_ERROR");
        }
        JsonNode account = zerodhaApi.control("GET", "faults").body().path("account");
        assertThat(account.path("name").asText()).isEqualTo("zerodha-main");
        assertThat(account.path("broker").asText()).isEqualTo("zerodha");
        assertThatThrownBy(() -> brokers.account("upstox")).hasMessageContaining("zerodha-main");
    }

    @Test
    void shouldKeepOrdersAndPositionsWithTheAccountThatTookThem() throws Exception {
        ApiClient zerodha = new ApiClient(brokers.account("zerodha-main").restUrl());
        ApiClient angel = new ApiClient(brokers.account("angel-backup").restUrl());
        Map<String, Object> order = new HashMap<>();
        order.put("apikey", "key-zerodha");
        order.put("strategy", "exit");
        order.put("exchange", "NFO");
        order.put("symbol", Listed.inTheMoneyCall(brokers));
        order.put("action", "BUY");
        order.put("quantity", 65);
        order.put("pricetype", "MARKET");
        order.put("product", "NRML");

        String id = zerodha.post("placeorder", order).body().path("orderid").asText();
        Map<String, Object> status = Map.of("apikey", "key-zerodha", "strategy", "exit", "orderid", id);
        long deadline = System.nanoTime() + FeedClient.WAIT.toNanos();
        while (!zerodha.post("orderstatus", status).data().path("order_status").asText().equals("complete")) {
            assertThat(System.nanoTime()).as("market order %s filled", id).isLessThan(deadline);
            Thread.sleep(20);
        }

        // a bid far below the market: it rests, so the account has an order and no position
        order.put("apikey", "key-angel");
        order.put("pricetype", "LIMIT");
        order.put("price", 0.05);
        String resting = angel.post("placeorder", order).body().path("orderid").asText();

        assertThat(resting).as("each account numbers its own orders").isNotEqualTo(id);
        assertThat(zerodha.post("orderbook", Map.of("apikey", "key-zerodha")).data().path("orders"))
                .extracting(o -> o.path("orderid").asText()).containsExactly(id);
        assertThat(zerodha.post("positionbook", Map.of("apikey", "key-zerodha")).data()).hasSize(1);
        assertThat(angel.post("orderbook", Map.of("apikey", "key-angel")).data().path("orders"))
                .extracting(o -> o.path("orderid").asText()).containsExactly(resting);
        assertThat(angel.post("positionbook", Map.of("apikey", "key-angel")).data()).isEmpty();
        ApiClient.Reply elsewhere = angel.post("orderstatus", Map.of("apikey", "key-angel", "strategy", "exit",
                "orderid", id));
        assertThat(elsewhere.status()).as("another account's order id is unknown here").isEqualTo(404);
        assertThat(brokers.account("zerodha-main").orders()).extracting(BrokerOrder::orderid).containsExactly(id);
        assertThat(brokers.account("angel-backup").orders()).extracting(BrokerOrder::orderid).containsExactly(resting);
        assertThat(angel.control("GET", "orders").body().path("count").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAccountsThatCannotAllRunAndLeaveNothingBound() throws Exception {
        SimulatorConfig market = SimulatorConfig.defaults("unused");
        assertThatThrownBy(() -> SimulatedBrokers.start(market, List.of(ZERODHA, ZERODHA)))
                .hasMessageContaining("'zerodha-main' is used twice");
        assertThatThrownBy(() -> SimulatedBrokers.start(market, List.of()))
                .hasMessageContaining("1..100 accounts");
        assertThatThrownBy(() -> new AccountSpec("a", " ", "k", 0, 0)).hasMessageContaining("needs a broker");
        assertThat(new AccountSpec("a", "b", "secret-key", 0, 0).toString()).doesNotContain("secret-key");

        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0)) {
            AccountSpec first = new AccountSpec("first", "b", "k", free, 0);
            AccountSpec clash = new AccountSpec("clash", "b", "k", taken.getLocalPort(), 0);
            assertThatThrownBy(() -> SimulatedBrokers.start(market, List.of(first, clash)))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", free).close()).as("the first account's port is released")
                .isInstanceOf(ConnectException.class);
    }

    private FeedClient subscribed(AccountSpec spec, String option) throws Exception {
        FeedClient client = FeedClient.connect(brokers.account(spec.name()).wsUrl());
        client.send(Map.of("action", "authenticate", "api_key", spec.apiKey()));
        client.reply("auth");
        client.send(Map.of("action", "subscribe", "mode", "Depth", "symbols", List.of(
                Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"), Map.of("symbol", option, "exchange", "NFO"))));
        assertThat(client.reply("subscribe").path("status").asText()).isEqualTo("success");
        return client;
    }

    /** Every tick the client has received, in order, until none has come for half a second. */
    private static List<JsonNode> ticks(FeedClient client) throws InterruptedException {
        List<JsonNode> ticks = new ArrayList<>();
        while (true) {
            try {
                ticks.add(client.await(m -> "market_data".equals(m.path("type").asText()), Duration.ofMillis(500)));
            } catch (AssertionError quiet) {
                return ticks;
            }
        }
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }
}
