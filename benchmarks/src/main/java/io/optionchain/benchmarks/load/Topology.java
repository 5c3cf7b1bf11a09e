package io.optionchain.benchmarks.load;

import com.lmax.disruptor.WaitStrategy;
import io.optionchain.engine.chain.ChainBook;
import io.optionchain.engine.pipeline.LatencyStats;
import io.optionchain.engine.pipeline.Pipeline;
import io.optionchain.engine.pipeline.RingSettings;
import io.optionchain.engine.pipeline.StageThreads;
import io.optionchain.engine.state.ChainStore;
import io.optionchain.engine.tick.TickSink;

import java.time.Clock;
import java.util.Arrays;
import java.util.function.LongSupplier;

/** How the engine under test maps the pipeline's stages onto threads, by the harness's option names. */
enum Topology {
    /** A thread per stage. */
    THREE_STAGES("three-stage"),
    /** The product's default: the same stages in order on one thread. */
    ONE_STAGE("one-stage");

    /** What the engine needs of a ring, whichever it is. */
    record Ring(TickSink sink, LatencyStats latency, LongSupplier dropped, AutoCloseable closer) {
    }

    private final String label;

    Topology(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    Ring build(ChainStore store, ChainBook book, Clock clock, int ringSize, WaitStrategy waitStrategy) {
        Pipeline pipeline = new Pipeline(store, book, Pipeline.NO_STOPS, clock, new RingSettings(ringSize, waitStrategy,
                this == THREE_STAGES ? StageThreads.PER_STAGE : StageThreads.ONE));
        return new Ring(pipeline, pipeline.latency(), pipeline::dropped, pipeline);
    }

    static Topology of(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("topology must be one of "
                        + Arrays.stream(values()).map(Topology::label).toList() + ", got '" + label + "'"));
    }
}
