package io.optionchain.gateway.rest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries, rate limiting and caching against a scripted stand-in server: it is the simplest way to make
 * a server answer 429 twice and then succeed, or fail with 503 for ever, on cue.
 */
class OpenAlgoRestDisciplineTest {
    private static final String KEY = "discipline-test-key-0123456789";
    private static final String QUOTE = "{\"status\":\"success\",\"data\":{\"ltp\":24500.5,\"bid\":0,\"ask\":0}}";
    private static final String RATE_LIMITED = "{\"status\":\"error\",\"message\":\"Rate limit exceeded. Please slow down your requests.\"}";
    private static final RestPolicy FAST_RETRIES = RestPolicy.defaults()
            .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(50));

    @Test
    void shouldRetryRateLimitedAndFailedCallsUntilTheyAnswer() throws Exception {
        try (StubOpenAlgo server = new StubOpenAlgo()) {
            server.thenOnce(429, RATE_LIMITED).thenOnce(503, "{\"status\":\"error\",\"message\":\"broker down\"}")
                    .answer(200, QUOTE);
            OpenAlgoRestClient client = new OpenAlgoRestClient(server.url(), KEY, Duration.ofSeconds(5), FAST_RETRIES);
            assertThat(client.quote("NIFTY", "NSE_INDEX").ltp()).isEqualTo(24_500.5);
            assertThat(server.requests()).isEqualTo(3);
            RestStats stats = client.stats();
            assertThat(stats.requests()).isEqualTo(3);
            assertThat(stats.retries()).isEqualTo(1);
            assertThat(stats.failures()).isZero();
        }
    }

    @Test
    void shouldNotRetryACallTheServerRefusedOnItsMerits() throws Exception {
        try (StubOpenAlgo server = new StubOpenAlgo()) {
            server.answer(400, "{\"status\":\"error\",\"message\":\"Invalid symbol\"}");
            OpenAlgoRestClient client = new OpenAlgoRestClient(server.url(), KEY, Duration.ofSeconds(5), FAST_RETRIES);
            assertThatThrownBy(() -> client.quote("NOPE", "NSE_INDEX")).isInstanceOf(OpenAlgoException.class)
                    .hasMessageContaining("Invalid symbol");
            assertThat(server.requests()).isEqualTo(1);
            assertThat(client.stats().failures()).isEqualTo(1);
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithTheServersLastWord() throws Exception {
        try (StubOpenAlgo server = new StubOpenAlgo()) {
            server.answer(503, "{\"status\":\"error\",\"message\":\"broker down\"}");
            OpenAlgoRestClient client = new OpenAlgoRestClient(server.url(), KEY, Duration.ofSeconds(5), FAST_RETRIES);
            assertThatThrownBy(() -> client.quote("NIFTY", "NSE_INDEX"))
                    .isInstanceOfSatisfying(OpenAlgoException.class, e -> assertThat(e.status()).isEqualTo(503))
                    .hasMessageContaining("broker down");
            assertThat(server.requests()).isEqualTo(4);
        }
    }

    @Test
    void shouldKeepUnderTheRequestRateItIsGiven() throws Exception {
        try (StubOpenAlgo server = new StubOpenAlgo()) {
            server.answer(200, QUOTE);
            OpenAlgoRestClient client = new OpenAlgoRestClient(server.url(), KEY, Duration.ofSeconds(10),
                    RestPolicy.defaults().withRequestsPerSecond(5));
            long start = System.nanoTime();
            for (int i = 0; i < 15; i++) {
                client.quote("NIFTY", "NSE_INDEX");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            // 15 calls at 5 per second need at least two refills of the limiter, however fast the server
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
            assertThat(client.stats().rateLimited()).isGreaterThanOrEqualTo(2); // one wait per refill
            assertThat(server.requests()).isEqualTo(15);
        }
    }

    @Test
    void shouldAnswerRepeatedExpiryLookupsFromTheCacheUntilItExpires() throws Exception {
        String expiries = "{\"status\":\"success\",\"data\":[\"25-NOV-25\",\"02-DEC-25\"]}";
        try (StubOpenAlgo server = new StubOpenAlgo()) {
            server.answer(200, expiries);
            OpenAlgoRestClient cached = new OpenAlgoRestClient(server.url(), KEY, Duration.ofSeconds(5));
            for (int i = 0; i < 5; i++) {
                assertThat(cached.expiries("NIFTY", "NFO", "options")).containsExactly(LocalDate.of(2025, 11, 25),
                        LocalDate.of(2025, 12, 2));
            }
            assertThat(server.requests()).isEqualTo(1);
            assertThat(cached.stats().cacheHits()).isEqualTo(4);
            cached.expiries("BANKNIFTY", "NFO", "options");
            assertThat(server.requests()).isEqualTo(2);

            OpenAlgoRestClient uncached = new OpenAlgoRestClient(server.url(), KEY, Duration.ofSeconds(5),
                    RestPolicy.defaults().withCacheTtl(Duration.ZERO));
            uncached.expiries("NIFTY", "NFO", "options");
            uncached.expiries("NIFTY", "NFO", "options");
            assertThat(server.requests()).isEqualTo(4);
        }
    }
}
