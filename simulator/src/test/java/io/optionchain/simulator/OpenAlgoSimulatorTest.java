package io.optionchain.simulator;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAlgoSimulatorTest {
    @Test
    void shouldServeOnTwoEphemeralPortsAndReleaseThemOnClose() throws Exception {
        OpenAlgoSimulator simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults("k").withSeed(3));
        URI rest = URI.create(simulator.restUrl());
        URI ws = URI.create(simulator.wsUrl());
        assertThat(simulator.restUrl()).startsWith("http://127.0.0.1:");
        assertThat(simulator.wsUrl()).startsWith("ws://127.0.0.1:");
        assertThat(rest.getPort()).isPositive().isNotEqualTo(ws.getPort());
        assertThat(simulator.indexPrice("NIFTY")).isBetween(22_000.0, 27_000.0);
        assertThat(simulator.indexPrice("BANKNIFTY")).isBetween(47_000.0, 57_000.0);
        assertThat(simulator.expiries("NIFTY")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(simulator.expiries("BANKNIFTY")).hasSize(3);
        assertThatThrownBy(() -> simulator.indexPrice("SENSEX")).isInstanceOf(IllegalArgumentException.class);

        simulator.close();
        simulator.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", rest.getPort()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldCountTheFramesItSendsAndSendNoneWhilePaused() throws Exception {
        try (OpenAlgoSimulator simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults("k").withSeed(5));
             FeedClient client = FeedClient.authenticated(simulator)) {
            client.send(Map.of("action", "subscribe", "mode", "Quote",
                    "symbols", List.of(Map.of("symbol", "NIFTY", "exchange", "NSE_INDEX"))));
            client.reply("subscribe");
            long received = client.ticksWithin("NIFTY", Duration.ofMillis(500)).size();
            simulator.rate(0);
            received += client.ticksWithin("NIFTY", Duration.ofMillis(300)).size();
            long sent = simulator.sentTicks();

            assertThat(client.ticksWithin("NIFTY", Duration.ofMillis(300))).as("ticks while paused").isEmpty();
            assertThat(simulator.sentTicks()).isEqualTo(sent);
            assertThat(received).isPositive().isEqualTo(sent);
            assertThat(simulator.droppedTicks()).isZero();
        }
    }

    @Test
    void shouldParseTheStandaloneOptions() {
        SimulatorConfig config = SimulatorMain.parse(
                new String[] {"--rest-port", "5001", "--ws-port", "8766", "--seed", "9", "--rate", "50",
                    "--max-symbols-per-connection", "1000"},
                SimulatorConfig.defaults("k"));
        assertThat(config.restPort()).isEqualTo(5001);
        assertThat(config.wsPort()).isEqualTo(8766);
        assertThat(config.seed()).isEqualTo(9);
        assertThat(config.ticksPerSecond()).isEqualTo(50);
        assertThat(config.maxSymbolsPerConnection()).isEqualTo(1000);
        assertThat(SimulatorConfig.defaults("k").maxSymbolsPerConnection()).as("no cap, as OpenAlgo").isZero();
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--max-symbols-per-connection", "-1"}, config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSymbolsPerConnection");
        assertThat(config.toString()).doesNotContain("k,").contains("apiKey=****");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate"}, config))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    /** Here rather than in MarketDataSocketTest: the short auth grace is this package's start hook. */
    void shouldCloseSocketsThatDoNotAuthenticateInTime() throws Exception {
        try (OpenAlgoSimulator quick = OpenAlgoSimulator.start(SimulatorConfig.defaults("k"), Duration.ofMillis(300));
             FeedClient idle = FeedClient.connect(quick.wsUrl());
             FeedClient authenticated = FeedClient.authenticated(quick)) {
            assertThat(idle.awaitCloseCode(FeedClient.WAIT)).isEqualTo(4401);
            authenticated.send(Map.of("action", "ping"));
            assertThat(authenticated.reply("pong").path("status").asText()).isEqualTo("success");
            assertThat(authenticated.isOpen()).isTrue();
        }
    }
}
