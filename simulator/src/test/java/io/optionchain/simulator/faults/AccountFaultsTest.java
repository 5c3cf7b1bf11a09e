package io.optionchain.simulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.neovisionaries.ws.client.OpeningHandshakeException;
import io.optionchain.simulator.AccountSpec;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.FeedClient;
import io.optionchain.simulator.MovableClock;
import io.optionchain.simulator.SimulatedAccount;
import io.optionchain.simulator.SimulatedBrokers;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failures a failover reacts to, injected into one account (or one broker) of three over their own
 * /sim/faults routes and checked over real sockets on that account and on the others: refused keys,
 * rate limits for seconds, suspension, and a whole broker down and up again.
 */
class AccountFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<AccountSpec> ACCOUNTS = List.of(
            new AccountSpec("zerodha-main", "zerodha", "key-main", 0, 0),
            new AccountSpec("zerodha-backup", "zerodha", "key-backup", 0, 0),
            new AccountSpec("angel-backup", "angel", "key-angel", 0, 0));

    private final MovableClock clock = new MovableClock();
    private SimulatedBrokers brokers;

    @BeforeEach
    void start() {
        brokers = SimulatedBrokers.start(SimulatorConfig.defaults("unused").withSeed(8).withClock(clock), ACCOUNTS);
    }

    @AfterEach
    void stop() {
        brokers.close();
    }

    @Test
    void shouldAnswer500DropFeedsAndRefuseAuthenticationOnlyOnTheSuspendedAccount() throws Exception {
        try (FeedClient main = streaming("zerodha-main");
             FeedClient angel = streaming("angel-backup")) {
            ApiClient.Reply switched = control("zerodha-main", "POST", "suspend?on=true");
            assertThat(switched.body().at("/account/suspended").asBoolean()).isTrue();

            assertThat(main.awaitCloseCode(FeedClient.WAIT)).as("dropped, no close frame").isEqualTo(-1);
            String suspended = "Account suspended by broker: trading and data access blocked";
            for (String endpoint : List.of("ping", "positionbook", "quotes")) {
                ApiClient.Reply reply = api("zerodha-main", endpoint);
                assertThat(reply.status()).as(endpoint).isEqualTo(500);
                assertThat(reply.body()).isEqualTo(JSON.createObjectNode().put("status", "error").put("message", suspended));
            }
            try (FeedClient again = FeedClient.connect(account("zerodha-main").wsUrl())) {
                again.send(Map.of("action", "authenticate", "api_key", "key-main"));
                assertThat(again.nextControl()).isEqualTo(JSON.createObjectNode().put("status", "error")
                        .put("code", "BROKER_ERROR").put("message", suspended));
            }
            assertThat(api("zerodha-backup", "ping").status()).as("same broker, not suspended").isEqualTo(200);
            assertThat(api("angel-backup", "ping").status()).isEqualTo(200);
            assertStillStreaming(angel);

            control("zerodha-main", "POST", "suspend?on=false");
            assertThat(api("zerodha-main", "ping").status()).isEqualTo(200);
            streaming("zerodha-main").close();
        }
    }

    @Test
    void shouldTakeEveryAccountOfTheBrokerDownFromAnyOfThemAndBringThemUp() throws Exception {
        try (FeedClient main = streaming("zerodha-main");
             FeedClient backup = streaming("zerodha-backup");
             FeedClient waiting = FeedClient.connect(account("zerodha-backup").wsUrl());
             FeedClient angel = streaming("angel-backup")) {
            control("zerodha-backup", "POST", "broker-down?on=true");

            for (FeedClient dropped : List.of(main, backup, waiting)) {
                assertThat(dropped.awaitCloseCode(FeedClient.WAIT)).as("dropped, no close frame").isEqualTo(-1);
            }
            for (String name : List.of("zerodha-main", "zerodha-backup")) {
                ApiClient.Reply reply = api(name, "ping");
                assertThat(reply.status()).as(name).isEqualTo(503);
                assertThat(reply.body()).isEqualTo(JSON.readTree(
                        "{\"status\":\"error\",\"message\":\"Service Unavailable\"}"));
                assertThatThrownBy(() -> FeedClient.connect(account(name).wsUrl()).close()).as(name)
                        .isInstanceOfSatisfying(OpeningHandshakeException.class,
                                e -> assertThat(e.getStatusLine().getStatusCode()).isEqualTo(503));
                assertThat(control(name, "GET", "").body().at("/account/broker_down").asBoolean())
                        .as("/sim/ answers while the broker is down").isTrue();
            }
            assertThat(api("angel-backup", "ping").status()).as("another broker").isEqualTo(200);
            assertStillStreaming(angel);

            control("zerodha-main", "POST", "broker-down?on=false");
            assertThat(api("zerodha-backup", "ping").status()).isEqualTo(200);
            streaming("zerodha-backup").close();
        }

        brokers.brokerDown("angel", true);
        assertThat(api("angel-backup", "ping").status()).isEqualTo(503);
        assertThat(api("zerodha-main", "ping").status()).isEqualTo(200);
        brokers.brokerDown("angel", false);
        assertThat(api("angel-backup", "ping").status()).isEqualTo(200);
        assertThatThrownBy(() -> brokers.brokerDown("upstox", true)).hasMessageContaining("zerodha");
    }

    @Test
    void shouldRateLimitOneAccountsRestUntilTheSpanHasPassedOnTheSimulatorsClock() throws Exception {
        try (FeedClient main = streaming("zerodha-main")) {
            ApiClient.Reply switched = control("zerodha-main", "POST", "rate-limit?seconds=30");
            assertThat(switched.body().at("/account/rate_limited_until").asText()).isNotBlank();

            for (String endpoint : List.of("ping", "ping", "quotes", "orderbook")) {
                ApiClient.Reply reply = api("zerodha-main", endpoint);
                assertThat(reply.status()).as(endpoint).isEqualTo(429);
                assertThat(reply.body()).isEqualTo(JSON.readTree(
                        "{\"status\":\"error\",\"message\":\"Rate limit exceeded. Please slow down your requests.\"}"));
            }
            assertThat(api("zerodha-backup", "ping").status()).isEqualTo(200);
            assertThat(api("angel-backup", "ping").status()).isEqualTo(200);
            assertStillStreaming(main);

            // five seconds short of the end, room for the real time this test has taken so far
            clock.advance(Duration.ofSeconds(25));
            assertThat(api("zerodha-main", "ping").status()).as("seconds to go").isEqualTo(429);
            clock.advance(Duration.ofSeconds(6));
            assertThat(api("zerodha-main", "ping").status()).isEqualTo(200);
        }
    }

    @Test
    void shouldRefuseTheKeyOnBothSurfacesAndDropOnlyThatAccountsFeedsWhileLoggedOut() throws Exception {
        try (FeedClient main = streaming("zerodha-main");
             FeedClient backup = streaming("zerodha-backup")) {
            control("zerodha-main", "POST", "logged-out?on=true");

            assertThat(main.awaitCloseCode(FeedClient.WAIT)).isEqualTo(-1);
            ApiClient.Reply ping = api("zerodha-main", "ping");
            assertThat(ping.status()).isEqualTo(403);
            assertThat(ping.body()).isEqualTo(JSON.readTree("{\"status\":\"error\",\"message\":\"Invalid openalgo apikey\"}"));
            assertThat(authenticate("zerodha-main", "key-main")).isEqualTo(JSON.readTree(
                    "{\"status\":\"error\",\"code\":\"AUTHENTICATION_ERROR\",\"message\":\"Invalid API key\"}"));
            assertThat(api("zerodha-backup", "ping").status()).isEqualTo(200);
            assertStillStreaming(backup);
        }
    }

    @Test
    void shouldDropAuthenticatedFeedsWhenRefusingAuthenticationButLeaveRestAlone() throws Exception {
        try (FeedClient main = streaming("zerodha-main")) {
            control("zerodha-main", "POST", "refuse-auth?on=true");

            assertThat(main.awaitCloseCode(FeedClient.WAIT)).isEqualTo(-1);
            assertThat(authenticate("zerodha-main", "key-main").path("code").asText()).isEqualTo("AUTHENTICATION_ERROR");
            assertThat(api("zerodha-main", "ping").status()).as("a stream refusing what REST accepts").isEqualTo(200);
        }
    }

    @Test
    void shouldClearTheAccountsSwitchesAndItsBrokerOnReset() throws Exception {
        for (String fault : List.of("suspend?on=true", "broker-down?on=true", "rate-limit?seconds=600",
                "logged-out?on=true")) {
            assertThat(control("zerodha-main", "POST", fault).status()).as(fault).isEqualTo(200);
        }
        assertThat(api("zerodha-backup", "ping").status()).isEqualTo(503);

        ApiClient.Reply reset = control("zerodha-main", "POST", "reset");

        assertThat(reset.body().path("account")).isEqualTo(JSON.readTree("{\"name\":\"zerodha-main\","
                + "\"broker\":\"zerodha\",\"suspended\":false,\"broker_down\":false,\"rate_limited_until\":null}"));
        assertThat(api("zerodha-main", "ping").status()).isEqualTo(200);
        assertThat(api("zerodha-backup", "ping").status()).isEqualTo(200);
        streaming("zerodha-main").close();
    }

    @Test
    void shouldAnswer400OnBadAccountFaultParameters() throws Exception {
        for (String bad : List.of("suspend", "suspend?on=yes", "broker-down?on=", "rate-limit?seconds=-1",
                "rate-limit?seconds=x", "rate-limit?seconds=86401", "rate-limit?n=1&seconds=1")) {
            ApiClient.Reply reply = control("zerodha-main", "POST", bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.body().path("message").asText()).as(bad).isNotBlank();
        }
        assertThat(control("zerodha-main", "GET", "").body().path("account").path("suspended").asBoolean()).isFalse();
    }

    private SimulatedAccount account(String name) {
        return brokers.account(name);
    }

    private String key(String name) {
        return ACCOUNTS.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().apiKey();
    }

    /** Authenticated and subscribed to NIFTY, whose ticks have begun to arrive. */
    private FeedClient streaming(String name) throws Exception {
        FeedClient client = FeedClient.connect(account(name).wsUrl());
        client.send(Map.of("action", "authenticate", "api_key", key(name)));
        assertThat(client.reply("auth").path("status").asText()).isEqualTo("success");
        client.send(Map.of("action", "subscribe", "symbol", "NIFTY", "exchange", "NSE_INDEX", "mode", 1));
        client.reply("subscribe");
        client.tick("NIFTY");
        return client;
    }

    private static void assertStillStreaming(FeedClient client) throws InterruptedException {
        client.ticksWithin("NIFTY", Duration.ofMillis(200)); // what was already on the wire
        assertThat(client.tick("NIFTY").path("data").path("ltp").asDouble()).isPositive();
        assertThat(client.isOpen()).isTrue();
    }

    private JsonNode authenticate(String name, String key) throws Exception {
        try (FeedClient client = FeedClient.connect(account(name).wsUrl())) {
            client.send(Map.of("action", "authenticate", "api_key", key));
            return client.nextControl();
        }
    }

    private ApiClient.Reply api(String name, String endpoint) throws Exception {
        Map<String, Object> body = endpoint.equals("quotes")
                ? Map.of("apikey", key(name), "symbol", "NIFTY", "exchange", "NSE_INDEX") : Map.of("apikey", key(name));
        return new ApiClient(account(name).restUrl()).post(endpoint, body);
    }

    private ApiClient.Reply control(String name, String method, String path) throws Exception {
        return new ApiClient(account(name).restUrl()).control(method, "faults" + (path.isEmpty() ? "" : "/" + path));
    }
}
