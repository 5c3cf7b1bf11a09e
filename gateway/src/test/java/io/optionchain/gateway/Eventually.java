package io.optionchain.gateway;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting on sockets with a deadline, not a sleep: a busy machine is slower, never wrong. */
final class Eventually {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Eventually() {
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + PATIENCE.toSeconds() + " s").isTrue();
    }
}
