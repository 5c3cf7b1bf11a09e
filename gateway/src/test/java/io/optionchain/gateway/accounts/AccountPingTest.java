package io.optionchain.gateway.accounts;

import io.optionchain.engine.accounts.AccountFault;
import io.optionchain.engine.accounts.FailoverSettings;
import io.optionchain.gateway.accounts.AccountPing.Verdict;
import io.optionchain.gateway.rest.OpenAlgoRestClient;
import io.optionchain.gateway.rest.RestPolicy;
import io.optionchain.gateway.rest.StubOpenAlgo;
import io.optionchain.simulator.OpenAlgoSimulator;
import io.optionchain.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's health as the decision matrix reads it: OpenAlgo's ping against the simulated server. */
class AccountPingTest {
    private static final String KEY = "probe-key-0be4";
    /** One try, so a ping of a dead server answers at once. */
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
    void shouldAnswerThenBeRefusedWhileLoggedOutThenAnswerAgain() {
        AccountPing ping = ping(simulator.restUrl(), KEY);
        assertThat(ping.ping().answered()).isTrue();

        simulator.faults().loggedOut(true);
        Verdict loggedOut = ping.ping();

        assertThat(loggedOut.fault()).isEqualTo(AccountFault.AUTH_REFUSED);
        assertThat(loggedOut.words()).isEqualTo("ping failed (HTTP 403): Invalid openalgo apikey");

        simulator.faults().loggedOut(false);
        assertThat(ping.ping().answered()).isTrue();
    }

    @Test
    void shouldRefuseAWrongKeyInTheServersWordsWithoutTheKey() {
        String wrong = "not-the-probe-key-91";

        Verdict verdict = ping(simulator.restUrl(), wrong).ping();

        assertThat(verdict.fault()).isEqualTo(AccountFault.AUTH_REFUSED);
        assertThat(verdict.words()).contains("Invalid openalgo apikey").doesNotContain(wrong);
    }

    @Test
    void shouldCallA429ARateLimit() {
        simulator.faults().rateLimitRest(1);

        assertThat(ping(simulator.restUrl(), KEY).ping().fault()).isEqualTo(AccountFault.RATE_LIMITED);
    }

    @Test
    void shouldCallAServerThatDoesNotAnswerUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Verdict verdict = ping("http://127.0.0.1:" + closedPort, KEY).ping();

        assertThat(verdict.fault()).isEqualTo(AccountFault.UNREACHABLE);
        assertThat(verdict.words()).startsWith("ping failed: no response from http://127.0.0.1:" + closedPort)
                .doesNotContain(KEY);
    }

    /** The simulator's ping never fails with a 5xx, so a stub stands in for a server whose broker call broke. */
    @Test
    void shouldCallAServerErrorUnreachableUnlessItsWordsAreASuspension() throws Exception {
        try (StubOpenAlgo stub = new StubOpenAlgo()) {
            stub.answer(500, "{\"status\":\"error\",\"message\":\"An unexpected error occurred\"}");
            assertThat(ping(stub.url(), KEY).ping()).isEqualTo(new Verdict(AccountFault.UNREACHABLE,
                    "ping failed (HTTP 500): An unexpected error occurred"));

            stub.answer(403, "{\"status\":\"error\",\"message\":\"User account is Blocked by the broker\"}");
            assertThat(ping(stub.url(), KEY).ping().fault()).as("a configured word wins over the status")
                    .isEqualTo(AccountFault.SUSPENDED);
        }
    }

    private static AccountPing ping(String url, String key) {
        return new AccountPing(new OpenAlgoRestClient(url, key, Duration.ofSeconds(2), ONE_TRY),
                FailoverSettings.defaults());
    }
}
