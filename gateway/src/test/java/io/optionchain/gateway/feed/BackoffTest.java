package io.optionchain.gateway.feed;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(1));

    @Test
    void shouldDoubleFromTheFloorWithUpToHalfOfEachDelayRandom() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delayMillis(0)).isBetween(50L, 100L);
            assertThat(backoff.delayMillis(1)).isBetween(100L, 200L);
            assertThat(backoff.delayMillis(3)).isBetween(400L, 800L);
        }
    }

    @Test
    void shouldStopAtTheCeilingHoweverManyAttemptsFailed() {
        for (int attempt : new int[]{6, 7, 30, 31, 63, 64, Integer.MAX_VALUE}) {
            assertThat(backoff.delayMillis(attempt)).isBetween(2_500L, 5_000L);
        }
    }
}
