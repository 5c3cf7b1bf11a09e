package io.optionchain.benchmarks.load;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * How the pipeline's idle stage threads wait, by the name the harness's options use. On a machine with
 * fewer cores than busy threads the choice decides whether a waiting stage gives its core away.
 */
enum WaitChoice {
    /** Parks on a lock and condition; the producer signals on every publish. */
    BLOCKING("blocking", BlockingWaitStrategy::new),
    /** Spins 100 times, then yields the core to any other runnable thread. */
    YIELDING("yielding", YieldingWaitStrategy::new),
    /** Spins, then yields, then parks 100 ns at a time; no signalling on publish. */
    SLEEPING("sleeping", SleepingWaitStrategy::new),
    /** Spins without end: a core per stage, whatever else wants it. */
    BUSY_SPIN("busy-spin", BusySpinWaitStrategy::new);

    private final String label;
    private final Supplier<WaitStrategy> strategy;

    WaitChoice(String label, Supplier<WaitStrategy> strategy) {
        this.label = label;
        this.strategy = strategy;
    }

    String label() {
        return label;
    }

    WaitStrategy create() {
        return strategy.get();
    }

    static WaitChoice of(String label) {
        return Arrays.stream(values()).filter(choice -> choice.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("wait strategy must be one of "
                        + Arrays.stream(values()).map(WaitChoice::label).toList() + ", got '" + label + "'"));
    }
}
