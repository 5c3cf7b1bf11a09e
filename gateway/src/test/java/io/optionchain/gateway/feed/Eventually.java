package io.optionchain.gateway.feed;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting on sockets with a deadline, not a sleep: a busy machine is slower, never wrong. */
public final class Eventually {
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Eventually() {
    }

    public static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + PATIENCE.toSeconds() + " s").isTrue();
    }
}
