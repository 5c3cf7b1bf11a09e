package io.optionchain.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.optionchain.simulator.ApiClient;
import io.optionchain.simulator.FeedClient;
import io.optionchain.simulator.Listed;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * What a client's connection pool meets, over real WebSockets: a broker that caps symbols per
 * connection, one connection of several dropping, and the list of live sessions a test can check.
 */
class ConnectionPoolFaultsTest {
    private static final String KEY = "pool-test-key";
    private static final int CAP = 2;

    private OpenAlgoSimulator simulator;
    private String[] options;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(17).withTicksPerSecond(400)
                .withMaxSymbolsPerConnection(CAP));
        options = new String[4];
        for (int i = 0; i < options.length; i++) {
            options[i] = Listed.option(simulator, Listed.strike(simulator, i), true);
        }
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldRefuseSymbolsBeyondTheCapOfEachConnection() throws Exception {
        try (FeedClient first = FeedClient.authenticated(simulator);
             FeedClient second = FeedClient.authenticated(simulator)) {
            first.send(subscribe(2, options[0], options[1], options[2]));
            JsonNode reply = first.reply("subscribe");

            assertThat(reply.path("status").asText()).isEqualTo("partial");
            JsonNode items = reply.path("subscriptions");
            assertThat(items.get(0).path("status").asText()).isEqualTo("success");
            assertThat(items.get(1).path("status").asText()).isEqualTo("success");
            assertThat(items.get(2).path("status").asText()).isEqualTo("error");
            assertThat(items.get(2).path("code").asText()).isEqualTo("MAX_CAPACITY_REACHED");
            assertThat(items.get(2).path("message").asText()).startsWith("Maximum capacity reached:")
                    .endsWith("Currently subscribed to 2 symbols.");
            assertThat(items.get(2).path("symbol").asText()).isEqualTo(options[2]);

            first.send(subscribe(3, options[0]));
            assertThat(first.reply("subscribe").path("status").asText())
                    .as("another mode of a symbol held costs nothing").isEqualTo("success");

            second.send(subscribe(2, options[2]));
            assertThat(second.reply("subscribe").path("status").asText()).as("the cap is per connection")
                    .isEqualTo("success");
            assertThat(second.tick(options[2]).path("data").path("ltp").asDouble()).isPositive();

            first.send(Map.of("action", "unsubscribe", "symbols", List.of(
                    Map.of("symbol", options[1], "exchange", "NFO", "mode", 2))));
            first.reply("unsubscribe");
            first.send(subscribe(2, options[3]));
            assertThat(first.reply("subscribe").path("status").asText()).as("room again after unsubscribing")
                    .isEqualTo("success");
        }
    }

    @Test
    void shouldDropOnlyTheConnectionsHoldingASymbol() throws Exception {
        try (FeedClient holder = FeedClient.authenticated(simulator);
             FeedClient other = FeedClient.authenticated(simulator)) {
            holder.send(subscribe(2, options[0], options[1]));
            holder.reply("subscribe");
            other.send(subscribe(2, options[2]));
            other.reply("subscribe");
            holder.tick(options[0]);

            assertThat(simulator.faults().dropConnectionHolding(options[1])).isEqualTo(1);

            assertThat(holder.awaitCloseCode(FeedClient.WAIT)).as("no close frame").isEqualTo(-1);
            other.ticksWithin(options[2], Duration.ofMillis(100));
            assertThat(other.tick(options[2]).path("data").path("ltp").asDouble()).as("the other carries on")
                    .isPositive();
            assertThat(other.isOpen()).isTrue();
            assertThat(simulator.faults().dropConnectionHolding("NIFTY")).as("nobody holds it").isZero();
        }
    }

    @Test
    void shouldListConnectionsAndDropOneOverHttp() throws Exception {
        ApiClient api = new ApiClient(simulator.restUrl());
        try (FeedClient anonymous = FeedClient.connect(simulator.wsUrl());
             FeedClient subscriber = FeedClient.authenticated(simulator)) {
            subscriber.send(subscribe(1, options[0], options[1]));
            subscriber.reply("subscribe");
            // The server may register a socket a moment after the client's handshake returns.
            long deadline = System.nanoTime() + FeedClient.WAIT.toNanos();
            while (simulator.connections().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            assertThat(simulator.connections()).extracting(FeedConnection::authenticated, FeedConnection::symbols)
                    .containsExactlyInAnyOrder(tuple(false, 0),
                            tuple(true, 2));
            ApiClient.Reply listed = api.control("GET", "connections");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body().path("count").asInt()).isEqualTo(2);
            assertThat(listed.body().path("connections")).extracting(c -> c.path("symbols").asInt())
                    .containsExactlyInAnyOrder(0, 2);
            assertThat(listed.body().path("connections").get(0).path("id").asText()).isNotBlank();

            ApiClient.Reply dropped = api.control("POST", "faults/drop?symbol=" + options[0]);
            assertThat(dropped.status()).isEqualTo(200);
            assertThat(dropped.body().path("dropped").asInt()).isEqualTo(1);
            assertThat(subscriber.awaitCloseCode(FeedClient.WAIT)).isEqualTo(-1);
            assertThat(anonymous.isOpen()).isTrue();
            assertThat(simulator.connections()).extracting(FeedConnection::authenticated).containsExactly(false);
        }
    }

    @Test
    void shouldDropOneConnectionByItsIdWhileAnotherHoldingTheSameSymbolCarriesOn() throws Exception {
        ApiClient api = new ApiClient(simulator.restUrl());
        try (FeedClient first = FeedClient.authenticated(simulator);
             FeedClient twin = FeedClient.authenticated(simulator)) {
            first.send(subscribe(2, options[0]));
            first.reply("subscribe");
            twin.send(subscribe(2, options[0]));
            twin.reply("subscribe");
            first.tick(options[0]);
            twin.tick(options[0]);
            List<FeedConnection> both = simulator.connections();
            assertThat(both).hasSize(2);

            ApiClient.Reply dropped = api.control("POST", "faults/drop?connection=" + both.get(0).id());
            assertThat(dropped.status()).isEqualTo(200);
            assertThat(dropped.body().path("dropped").asInt()).isEqualTo(1);
            assertThat(simulator.connections()).extracting(FeedConnection::id).containsExactly(both.get(1).id());
            long deadline = System.nanoTime() + FeedClient.WAIT.toNanos();
            while (first.isOpen() && twin.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(first.isOpen()).as("exactly one of the two went").isNotEqualTo(twin.isOpen());
            FeedClient survivor = first.isOpen() ? first : twin;
            assertThat(survivor.tick(options[0]).path("data").path("ltp").asDouble()).as("the other carries on")
                    .isPositive();

            assertThat(api.control("POST", "faults/drop?connection=no-such-id").body().path("dropped").asInt())
                    .isZero();
            assertThat(api.control("POST", "faults/drop?connection=%20").status()).isEqualTo(400);
            assertThat(simulator.connections()).hasSize(1);
        }
    }

    private static Map<String, Object> subscribe(int mode, String... symbols) {
        return Map.of("action", "subscribe", "mode", mode, "symbols",
                Arrays.stream(symbols).map(s -> Map.of("symbol", s, "exchange", "NFO")).toList());
    }
}
