package io.optionchain.gateway.rest;

import io.optionchain.engine.ports.AccountProbe.AccountCheck;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The account's health as the lifecycle will see it: OpenAlgo's ping against the simulated server. */
class OpenAlgoAccountProbeTest {
    private static final String KEY = "probe-key-0be4";
    /** One try, so a probe of a dead server answers at once. */
    private static final RestPolicy ONE_TRY = RestPolicy.defaults().withRetries(1, Duration.ofMillis(10),
            Duration.ofMillis(10));

    private OpenAlgoSimulator simulator;

    @BeforeEach
    void start() {
        simulator = OpenAlgoSimulator.start(SimulatorConfig.defaults(KEY).withSeed(9));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldBeUsableThenRefusedWhileLoggedOutThenUsableAgain() {
        OpenAlgoAccountProbe probe = probe(simulator.restUrl(), KEY);
        assertThat(probe.check()).isEqualTo(AccountCheck.ok());

        simulator.faults().loggedOut(true);
        AccountCheck loggedOut = probe.check();

        assertThat(loggedOut).isEqualTo(AccountCheck.refused("Invalid openalgo apikey"));

        simulator.faults().loggedOut(false);
        assertThat(probe.check()).isEqualTo(AccountCheck.ok());
    }

    @Test
    void shouldRefuseAWrongKeyInTheServersWordsWithoutTheKey() {
        String wrong = "not-the-probe-key-91";

        AccountCheck check = probe(simulator.restUrl(), wrong).check();

        assertThat(check.usable()).isFalse();
        assertThat(check.cause()).isEqualTo("Invalid openalgo apikey").doesNotContain(wrong);
    }

    @Test
    void shouldCallAServerThatDoesNotAnswerUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        AccountCheck check = probe("http://127.0.0.1:" + closedPort, KEY).check();

        assertThat(check.usable()).isFalse();
        assertThat(check.cause())
                .startsWith("unreachable: ping failed: no response from http://127.0.0.1:" + closedPort)
                .doesNotContain(KEY);
    }

    /** The simulator's ping never fails with a 5xx, so a stub stands in for a server whose broker call broke. */
    @Test
    void shouldCallAServerErrorUnreachable() throws Exception {
        try (StubOpenAlgo stub = new StubOpenAlgo()) {
            stub.answer(500, "{\"status\":\"error\",\"message\":\"An unexpected error occurred\"}");

            AccountCheck check = probe(stub.url(), KEY).check();

            assertThat(check).isEqualTo(AccountCheck.refused(
                    "unreachable: ping failed (HTTP 500): An unexpected error occurred"));
        }
    }

    private static OpenAlgoAccountProbe probe(String url, String key) {
        return new OpenAlgoAccountProbe(new OpenAlgoRestClient(url, key, Duration.ofSeconds(2), ONE_TRY));
    }
}
